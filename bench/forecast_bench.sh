#!/usr/bin/env bash
# Forecast accuracy and speed against R's forecast package, same series, same run, one thread
# each. Sets (SETS chooses; default all four):
#   monthly    the classic monthly series of R's datasets, period 12, last 14 held out
#   daily      200 daily series of the demo generator's ads, period 7, last 14 held out
#   hourly24   9 hourly NAB series (last 9 weeks each), period 24, last 48 held out
#   hourly168  the same series at period 168 (the weekly cycle), last 168 held out
# Prints sMAPE, MASE (scaled by the in-sample seasonal naive error: m = 12, 7, and 24 for both
# hourly sets, as M4 scores hourly data) and fit + forecast seconds per series, then adpilot's
# auto against the most accurate R model: the MASE ratio and the time ratio.
#   bench/forecast_bench.sh                       everything (R needed: r-cran-forecast)
#   SETS="hourly24 hourly168" bench/forecast_bench.sh
#   MODELS="auto theta" R_MODELS="stlf tbats" BUILD=build-release bench/forecast_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v Rscript >/dev/null || { echo "skip: Rscript is not installed (apt-get install r-cran-forecast)"; exit 0; }
build=${BUILD:-build}
[ -x "$build/adpilot" ] || { cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build "$build" -j2; }
work=bench/work/forecast; mkdir -p "$work"
nab=../shared/data/nab/data

# name → period, held-out points, MASE lag, R models (auto.arima is left out at period 168,
# where its seasonal search takes one to two minutes per series; tbats takes 20-30 s per hourly series
# and is left to R_MODELS).
set_info() {
  case $1 in
    monthly) echo "12 14 12 auto.arima ets stlf thetaf" ;;
    daily) echo "7 14 7 auto.arima ets thetaf" ;;
    hourly24) echo "24 48 24 stlf auto.arima ets thetaf" ;;
    hourly168) echo "168 168 24 stlf ets thetaf" ;;
    *) echo "unknown set $1" >&2; exit 2 ;;
  esac
}

make_data() {
  case $1 in
    monthly) Rscript bench/forecast_bench_data.R monthly "$work/monthly.csv" ;;
    daily)
      # The demo's 48 ads × impressions, clicks, cost, conversions, revenue (first 200).
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
      ;;
    hourly24 | hourly168)
      if [ ! -d "$nab" ]; then
        echo "skip $1: $nab is absent" >&2
        return 1
      fi
      Rscript bench/forecast_bench_data.R hourly "$nab" "$work/$1.csv" 1512
      ;;
  esac
}

for name in ${SETS:-monthly daily hourly24 hourly168}; do
  read -r period H mase_m r_models <<<"$(set_info "$name")"
  make_data "$name" || continue
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
  echo "## $name ($n series, period $period, last $H points held out, MASE lag $mase_m)"
  echo "| model | accuracy | seconds per series |"
  echo "|---|---|---:|"
  results=()
  for model in ${MODELS:-auto ets arima theta stlf}; do
    start=$(date +%s.%N)
    "$build/adpilot" forecast --series "$work/${name}_train.csv" --period "$period" --horizon "$H" --model "$model" \
      --threads 1 --format csv --quiet --out "$work/${name}_$model.csv"
    end=$(date +%s.%N)
    score=$(python3 bench/forecast_score.py "$work/$name.csv" "$work/${name}_$model.csv" "$H" "$mase_m")
    secs=$(echo "($end - $start) / $n" | bc -l)
    printf '| adpilot %s | %s | %.4f |\n' "$model" "$score" "$secs"
    results+=("adpilot_$model ${score##*MASE=} $secs")
  done
  for model in ${R_MODELS:-$r_models}; do
    secs=$(Rscript bench/forecast_bench_r.R "$work/$name.csv" "$period" "$H" "$model" "$work/${name}_r_$model.csv" | awk '{print $3}')
    score=$(python3 bench/forecast_score.py "$work/$name.csv" "$work/${name}_r_$model.csv" "$H" "$mase_m")
    secs=$(echo "$secs / $n" | bc -l)
    printf '| R %s | %s | %.4f |\n' "$model" "$score" "$secs"
    results+=("R_$model ${score##*MASE=} $secs")
  done
  # Each adpilot model against its R counterpart, and auto against the most accurate R model.
  printf '%s\n' "${results[@]}" | awk '
    BEGIN { twin["ets"] = "ets"; twin["arima"] = "auto.arima"; twin["theta"] = "thetaf"; twin["stlf"] = "stlf" }
    /^adpilot_/ { name = substr($1, 9); mase[name] = $2; secs[name] = $3; ours[++n] = name }
    /^R_/ { name = substr($1, 3); r_mase[name] = $2; r_secs[name] = $3
            if (best == "" || $2 < r_mase[best]) best = name }
    END {
      print ""
      for (i = 1; i <= n; ++i) {
        m = ours[i]; r = (m == "auto") ? best : twin[m]
        if (r == "" || !(r in r_mase)) continue
        printf("adpilot %s vs R %s%s: MASE %.3f vs %.3f (ratio %.3f); %.4f vs %.4f s per series (R/adpilot time %.1f)\n",
               m, r, (m == "auto") ? " (the most accurate R model)" : "", mase[m], r_mase[r],
               mase[m] / r_mase[r], secs[m], r_secs[r], r_secs[r] / secs[m])
      }
    }'
  echo
done
