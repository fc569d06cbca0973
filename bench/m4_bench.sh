#!/usr/bin/env bash
# M4 Weekly: adpilot forecast --series over all 359 series (period 52, horizon 13), scored with
# M4's own definitions (../shared/tools/m4_metrics.py: MASE with m = 1 for Weekly), next to the
# published M4 figures. Each model runs RUNS times; accuracy is the same every run (the models
# are deterministic) and the time reported is the median wall time of the whole set on
# --threads (default: all cores), with the median CPU time (user + system) beside it.
#   bench/m4_bench.sh                      MODELS="auto ets arima theta snaive", RUNS=3
#   MODELS=auto RUNS=5 BUILD=build-release bench/m4_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/forecasting/m4
if [ ! -d "$data" ]; then
  echo "skip: $data is absent"; exit 0
fi
build=${BUILD:-build}
[ -x "$build/adpilot" ] || { cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build "$build" -j2; }
runs=${RUNS:-3}
threads=${THREADS:-0}
work=bench/work/m4; mkdir -p "$work"
python3 bench/m4_convert.py to-long "$data/Weekly-train.csv" "$work/weekly_long.csv"
echo "Load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo
echo "| model | sMAPE | MASE | OWA | median wall s | median CPU s | runs |"
echo "|---|---:|---:|---:|---:|---:|---:|"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for model in ${MODELS:-auto ets arima theta snaive}; do
  walls=(); cpus=(); scores=""
  for ((run = 1; run <= runs; run++)); do
    /usr/bin/time -f "%e %U %S" -o "$work/time_$model.txt" \
      "$build/adpilot" forecast --series "$work/weekly_long.csv" --period 52 --horizon 13 --model "$model" \
      --threads "$threads" --format csv --quiet --out "$work/fc_$model.csv"
    read -r wall user sys <"$work/time_$model.txt"
    walls+=("$wall"); cpus+=("$(echo "$user + $sys" | bc -l)")
    python3 bench/m4_convert.py to-m4 "$work/fc_$model.csv" "$work/m4_$model.csv" 13
    run_scores=$(python3 ../shared/tools/m4_metrics.py --train "$data/Weekly-train.csv" --test "$data/Weekly-test.csv" \
      --forecasts "$work/m4_$model.csv" | tail -1)
    if [ -n "$scores" ] && [ "$scores" != "$run_scores" ]; then
      echo "warning: $model scored differently between runs: $scores vs $run_scores" >&2
    fi
    scores=$run_scores
  done
  columns=$(echo "$scores" | sed -E 's/.*sMAPE=([0-9.]+) MASE=([0-9.]+) OWA=([0-9.]+).*/\1 | \2 | \3/')
  printf '| %s | %s | %.1f | %.1f | %d |\n' "$model" "$columns" \
    "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)" "$runs"
done
echo
echo "Published M4 Weekly: the benchmarks, then the best ten entries by MASE:"
echo "| method | sMAPE | MASE |"
echo "|---|---:|---:|"
python3 - "$data/M4_evaluation_point_forecasts_by_frequency.csv" "$data/M4_methods.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
header = rows[1]
smape_col = header.index("Weekly")
mase_col = header.index("Weekly", smape_col + 1)
authors = {}
with open(sys.argv[2], newline="") as f:
    for r in csv.DictReader(f):
        authors[r["User ID"]] = f"{r['Last Name (1st author)']} ({r['Type of Method']})"
entries = []
for r in rows[2:]:
    try:
        smape, mase = float(r[smape_col]), float(r[mase_col])
    except (ValueError, IndexError):
        continue
    if r[0] in ("Naive2", "SES", "Holt", "Damped", "Theta", "Com"):
        print(f"| {r[0]} (benchmark) | {smape:.3f} | {mase:.3f} |")
    elif r[0] in authors:
        entries.append((mase, smape, f"{r[0]} {authors[r[0]]}"))
for mase, smape, name in sorted(entries)[:10]:
    print(f"| {name} | {smape:.3f} | {mase:.3f} |")
PY
