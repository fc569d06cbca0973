#!/usr/bin/env bash
# M4 Weekly: adpilot forecast --series over all 359 series (period 52, horizon 13), scored with
# M4's own definitions (../shared/tools/m4_metrics.py), next to the published M4 figures.
#   bench/m4_bench.sh            MODELS="auto ets arima snaive" to choose the models
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/forecasting/m4
if [ ! -d "$data" ]; then
  echo "skip: $data is absent"; exit 0
fi
[ -x build/adpilot ] || { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build -j2; }
work=bench/work/m4; mkdir -p "$work"
python3 bench/m4_convert.py to-long "$data/Weekly-train.csv" "$work/weekly_long.csv"
echo "| model | sMAPE | MASE | OWA | wall s (all 359 series, 2 threads) |"
echo "|---|---:|---:|---:|---:|"
for model in ${MODELS:-auto ets arima snaive}; do
  start=$(date +%s.%N)
  build/adpilot forecast --series "$work/weekly_long.csv" --period 52 --horizon 13 --model "$model" \
    --format csv --quiet --out "$work/fc_$model.csv"
  end=$(date +%s.%N)
  python3 bench/m4_convert.py to-m4 "$work/fc_$model.csv" "$work/m4_$model.csv" 13
  scores=$(python3 ../shared/tools/m4_metrics.py --train "$data/Weekly-train.csv" --test "$data/Weekly-test.csv" \
    --forecasts "$work/m4_$model.csv" | tail -1)
  printf '| %s | %s | %.1f |\n' "$model" "$scores" "$(echo "$end - $start" | bc -l)"
done
echo
echo "Published M4 Weekly (best ten by MASE):"
echo "| method | sMAPE | MASE |"
echo "|---|---:|---:|"
python3 bench/m4_convert.py published "$data/M4_evaluation_point_forecasts_by_frequency.csv" Weekly
