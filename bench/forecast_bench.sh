#!/usr/bin/env bash
# Forecast accuracy and speed against R's forecast package, same series, same run:
#  - the classic monthly series of R's datasets (period 12),
#  - 200 daily series of the demo generator's ads (period 7),
# the last H=14 points held out. Prints sMAPE, MASE and fit+forecast time per series.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v Rscript >/dev/null || { echo "skip: Rscript is not installed (apt-get install r-cran-forecast)"; exit 0; }
[ -x build/adpilot ] || { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build -j2; }
work=bench/work/forecast; mkdir -p "$work"
H=14
Rscript bench/forecast_bench_data.R "$work/monthly.csv"
# 200 daily series: the demo's 48 ads × impressions, clicks, cost, conversions, revenue.
python3 - "$work/daily.csv" <<'PY'
import csv, sys
from collections import defaultdict
series = defaultdict(list)
with open("data/sample/performance.csv", newline="") as f:
    for r in csv.DictReader(f):
        for m in ("impressions", "clicks", "cost", "conversions", "revenue"):
            series[f"{r['ad_id']}:{m}"].append((r["date"], r[m]))
with open(sys.argv[1], "w", newline="") as g:
    w = csv.writer(g); w.writerow(["series_id", "timestamp", "value"])
    for sid in sorted(series)[:200]:
        for i, (_, v) in enumerate(sorted(series[sid]), 1):
            w.writerow([sid, i, v])
PY
for set in ${SETS:-monthly:12 daily:7}; do
  name=${set%%:*}; period=${set##*:}
  # Training part only, for our side (R's script cuts the tail itself).
  python3 - "$work/$name.csv" "$work/${name}_train.csv" "$H" <<'PY'
import csv, sys
from collections import defaultdict
rows = defaultdict(list)
with open(sys.argv[1], newline="") as f:
    for r in csv.DictReader(f):
        rows[r["series_id"]].append(r)
with open(sys.argv[2], "w", newline="") as g:
    w = csv.writer(g); w.writerow(["series_id", "timestamp", "value"])
    for sid, rs in rows.items():
        for r in rs[:-int(sys.argv[3])]:
            w.writerow([sid, r["timestamp"], r["value"]])
PY
  n=$(python3 -c "import csv,sys; print(len({r['series_id'] for r in csv.DictReader(open(sys.argv[1]))}))" "$work/$name.csv")
  echo "## $name series ($n series, period $period, last $H points held out)"
  echo "| model | accuracy | seconds per series |"
  echo "|---|---|---:|"
  for model in ${MODELS:-auto ets arima}; do
    start=$(date +%s.%N)
    build/adpilot forecast --series "$work/${name}_train.csv" --period "$period" --horizon "$H" --model "$model" \
      --threads 1 --format csv --quiet --out "$work/${name}_$model.csv"
    end=$(date +%s.%N)
    printf '| adpilot %s | %s | %.4f |\n' "$model" \
      "$(python3 bench/forecast_score.py "$work/$name.csv" "$work/${name}_$model.csv" "$H" "$period")" \
      "$(echo "($end - $start) / $n" | bc -l)"
  done
  for model in ${R_MODELS:-auto.arima ets}; do
    secs=$(Rscript bench/forecast_bench_r.R "$work/$name.csv" "$period" "$H" "$model" "$work/${name}_r_$model.csv" | awk '{print $3}')
    printf '| R %s | %s | %.4f |\n' "$model" \
      "$(python3 bench/forecast_score.py "$work/$name.csv" "$work/${name}_r_$model.csv" "$H" "$period")" \
      "$(echo "$secs / $n" | bc -l)"
  done
  echo
done
