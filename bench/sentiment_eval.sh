#!/usr/bin/env bash
# The built-in sentiment scorer (VADER lexicon) against human ratings: the ICWSM-2014 ground
# truth in ../shared/data/sentiment (tweets, Amazon reviews, NYT editorials; mean of 20 ratings
# from -4 to +4). Reports Pearson and Spearman correlation with the human mean and accuracy on
# the sign, for adpilot (`adpilot copy sentiment`, the shipped path) and for the reference VADER
# of the npm package vader-sentiment run by Node on the same snippets, plus adpilot's time.
#
#   bench/sentiment_eval.sh            # uses build/adpilot; ADPILOT_BUILD_DIR=... for another build
#
# Skips (exit 0) with a message when the data folder is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

data=../shared/data/sentiment
build=${ADPILOT_BUILD_DIR:-build}
work=bench/work/sentiment
if [ ! -d "$data" ]; then
  echo "sentiment_eval: skipped: $data is absent"
  exit 0
fi
if [ ! -x "$build/adpilot" ]; then
  echo "sentiment_eval: $build/adpilot is missing; build first (scripts/setup.sh)" >&2
  exit 1
fi
if [ ! -d node_modules/vader-sentiment ]; then
  echo "sentiment_eval: node_modules/vader-sentiment is missing; run scripts/setup.sh" >&2
  exit 1
fi
mkdir -p "$work"
rm -f "$work/times.txt.new"

for path in "$data"/*_GroundTruth.txt; do
  name=$(basename "$path" _GroundTruth.txt)
  # id<TAB>mean<TAB>text with CRLF line ends → one text per line, and the human means alongside.
  python3 bench/sentiment_split.py "$path" "$work/$name.texts" "$work/$name.human"
  start=$EPOCHREALTIME
  "$build/adpilot" copy sentiment "$work/$name.texts" --format csv --out "$work/$name.adpilot.csv"
  echo "$name $start $EPOCHREALTIME" >> "$work/times.txt.new"
  node bench/vader_reference.mjs "$work/$name.texts" > "$work/$name.reference.txt"
done
mv "$work/times.txt.new" "$work/times.txt"
python3 bench/sentiment_score.py "$work" | tee "$work/result.md"
