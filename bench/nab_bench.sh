#!/usr/bin/env bash
# NAB quality bench for the anomaly detector: builds adpilot_nab_run, scores every series of the
# local NAB subset online into bench/work/nab/results, then scores the results with the official
# NAB scoring (../shared/tools/nab_score.py, all three profiles, threshold optimised like NAB's
# optimizer). With NAB's published per-detector tables in NAB_TABLES (<det>/<det>_<profile>_scores.csv)
# it also scores those detectors on the same subset.
#
#   bench/nab_bench.sh                      # default detector
#   DETECTOR=zscore bench/nab_bench.sh      # another registered detector
#   NAB_TABLES=bench/work/nab/tables bench/nab_bench.sh
#   LOCO=1 bench/nab_bench.sh               # also the leave-one-category-out check
# Run from the project root.
set -euo pipefail

BUILD=${BUILD:-build-anom}
DETECTOR=${DETECTOR:-seasonal_robust}
SHARED=${SHARED:-../shared}
NAB=$SHARED/data/nab
WORK=bench/work/nab
RESULTS=$WORK/results-$DETECTOR
FILES=realKnownCause,realTweets,artificialWithAnomaly,artificialNoAnomaly
SCORER=(python3 "$SHARED/tools/nab_score.py" --windows "$NAB/labels/combined_windows.json"
        --profiles "$NAB/config/profiles.json")

if [[ ! -d $NAB/data ]]; then
  echo "skip: no NAB data at $NAB/data" >&2
  exit 77
fi
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD" -j2 --target adpilot_nab_run >/dev/null
fi

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
"$BUILD/adpilot_nab_run" --data "$NAB/data" --out "$RESULTS" --detector "$DETECTOR"
"${SCORER[@]}" --data "$NAB/data" --results "$RESULTS" --optimize --files "$FILES" \
  | tee "$WORK/score-$DETECTOR.txt"

if [[ -n ${NAB_TABLES:-} && -d ${NAB_TABLES} ]]; then
  echo
  echo "NAB's published detectors on the same subset:"
  for profile in standard reward_low_FP_rate reward_low_FN_rate; do
    echo "== $profile"
    "${SCORER[@]}" --table "$NAB_TABLES" --profile "$profile" --files "subset=$FILES"
  done
fi

# Robustness: the threshold learnt on three categories, applied to the fourth (standard profile).
# A detector tuned to these series would lose much more here than one whose scores are calibrated.
if [[ ${LOCO:-0} == 1 ]]; then
  echo
  echo "leave-one-category-out (standard): threshold optimised on the other categories"
  IFS=, read -ra CATEGORIES <<<"$FILES"
  for held in "${CATEGORIES[@]}"; do
    others=$(printf '%s\n' "${CATEGORIES[@]}" | grep -vx "$held" | paste -sd,)
    threshold=$("${SCORER[@]}" --data "$NAB/data" --results "$RESULTS" --optimize --profile standard \
      --files "$others" | sed -n 's/.*normalised.*(threshold \([0-9.eE+-]*\)).*/\1/p')
    # "normalised N", or "raw R" for a category without windows (its normalised score is n/a).
    pick='s/.*raw \([0-9.eE+-]*\).*normalised \([0-9.n/a-]*\).*/\2 (raw \1)/p'
    own=$("${SCORER[@]}" --data "$NAB/data" --results "$RESULTS" --optimize --profile standard \
      --files "$held" | sed -n "$pick")
    transferred=$("${SCORER[@]}" --data "$NAB/data" --results "$RESULTS" --threshold "$threshold" \
      --profile standard --files "$held" | sed -n "$pick")
    printf '  %-22s threshold from others %-12s score %-18s own optimum %s\n' "$held" "$threshold" \
      "$transferred" "$own"
  done
fi
