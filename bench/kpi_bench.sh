#!/usr/bin/env bash
# KPI benchmark: `adpilot kpi` against DuckDB (the same query in SQL) and against
# adpilot_mmap_sum (the plainest fast program for the job, i.e. the speed limit) on one large
# canonical CSV. Prints a Markdown table and saves it to bench/work/kpi_results.md.
#
#   bench/kpi_bench.sh                        # from anywhere in the checkout
#   RUNS=3 ROWS=100000 bench/kpi_bench.sh     # quick try on a small file
#
# Environment: RUNS (default 5), ROWS (10000000, about 1 GB), THREADS ("1 2"), SEED (7).
# Exit status: 0 ok, 1 when a program's output disagrees with DuckDB's or the setup fails.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${RUNS:-5}"
rows="${ROWS:-10000000}"
thread_counts="${THREADS:-1 2}"
seed="${SEED:-7}"
work=bench/work
mkdir -p "$work/out" "$work/logs"

note() { printf '%s\n' "$*" >&2; }
fail() {
  note "error: $*"
  exit 1
}

# 10000000 → 10m, 100000 → 100k: the file name says its size.
size_label() {
  local n=$1
  if ((n % 1000000 == 0)); then
    echo "$((n / 1000000))m"
  elif ((n % 1000 == 0)); then
    echo "$((n / 1000))k"
  else
    echo "$n"
  fi
}

# 1. Build. The generator and the baseline must build; adpilot itself may be mid-change, and
#    then the run goes on without it rather than timing a stale binary.
note "== building Release into build/"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DADPILOT_BUILD_BENCH=ON >"$work/logs/configure.log" 2>&1 ||
  fail "cmake configure failed, see $work/logs/configure.log"
cmake --build build -j2 --target adpilot_gen adpilot_mmap_sum >"$work/logs/build_bench.log" 2>&1 ||
  fail "building adpilot_gen/adpilot_mmap_sum failed, see $work/logs/build_bench.log"
programs="duckdb mmap_sum"
if cmake --build build -j2 --target adpilot >"$work/logs/build_adpilot.log" 2>&1 && [[ -x build/adpilot ]]; then
  programs="adpilot duckdb mmap_sum"
else
  note "warning: build/adpilot could not be built (see $work/logs/build_adpilot.log);"
  note "         measuring DuckDB and adpilot_mmap_sum only"
fi
# Time copies, so a rebuild of build/ while the runs go on cannot swap a binary mid-benchmark.
mkdir -p "$work/bin"
cp build/adpilot_gen build/adpilot_mmap_sum "$work/bin/"
rm -f "$work/bin/adpilot"
if [[ "$programs" == adpilot* ]]; then
  cp build/adpilot "$work/bin/"
fi

# 2. DuckDB for Node, exactly as pinned by bench/package-lock.json.
if [[ ! -d bench/node_modules/@duckdb/node-api ]]; then
  note "== npm ci in bench/"
  (cd bench && npm ci --no-audit --no-fund >/dev/null) || fail "npm ci failed in bench/"
fi

# 3. The data file, generated once; a different ROWS or SEED gets its own file.
suffix=""
[[ "$seed" == 7 ]] || suffix="_s$seed"
file="$work/kpi_$(size_label "$rows")$suffix.csv"
if [[ ! -s "$file" ]]; then
  note "== generating $file"
  "$work/bin/adpilot_gen" bench --rows "$rows" --seed "$seed" --out "$file.tmp" || fail "adpilot_gen failed"
  mv "$file.tmp" "$file"
fi
# Every program reads from the page cache: the table compares CPU work, not the disk.
cat "$file" >/dev/null
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# 4. Timed runs. Programs alternate within each round, so a background load that comes and
#    goes is spread over all of them instead of landing on one.
raw="$work/kpi_raw.tsv"
printf 'query\tthreads\tprogram\trun\twall_s\trss_kb\tcpu_s\n' >"$raw"

# Sets cmd to the command line of one program for one query (an array: paths stay one word).
set_command() { # program query threads output
  local program=$1 query=$2 threads=$3 out=$4
  case "$program" in
    adpilot)
      cmd=("$work/bin/adpilot" kpi "$file" --by "$query" --format csv --threads "$threads" --out "$out")
      if [[ "$query" == "campaign,date" ]]; then
        cmd+=(--grain day)
      fi
      ;;
    duckdb) cmd=(node bench/duckdb_kpi.mjs "$file" "$query" "$threads" "$out") ;;
    mmap_sum) cmd=("$work/bin/adpilot_mmap_sum" "$file" --by "$query" --threads "$threads" --out "$out") ;;
  esac
}

# "m:ss.ss" or "h:mm:ss" (GNU time's wall clock) → seconds.
to_seconds() { awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<<"$1"; }

for query in "campaign,date" "campaign"; do
  for threads in $thread_counts; do
    for run in $(seq 1 "$runs"); do
      for program in $programs; do
        tag="${program}_${query/,/_}_t$threads"
        out="$work/out/$tag.csv"
        log="$work/logs/${tag}_run$run"
        note "-- $program --by $query --threads $threads (run $run/$runs)"
        set_command "$program" "$query" "$threads" "$out"
        # A failed run must not leave an older run's output behind for the check to read.
        rm -f "$out"
        if /usr/bin/time -v -o "$log.time" "${cmd[@]}" >"$log.stdout" 2>"$log.stderr"; then
          wall="$(to_seconds "$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log.time")")"
          rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log.time")"
          cpu="$(awk -F': ' '/(User|System) time \(seconds\)/ {sum += $2} END {print sum}' "$log.time")"
        else
          note "   failed: $(tail -n 3 "$log.stderr" | tr '\n' ' ')"
          wall="failed"
          rss=""
          cpu=""
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$query" "$threads" "$program" "$run" "$wall" "$rss" "$cpu" >>"$raw"
      done
    done
  done
done

# DuckDB's fixed cost (Node start, native library load, instance) is inside each of its
# timings; measure it alone so the reader can subtract it.
startup_walls=""
for run in $(seq 1 "$runs"); do
  /usr/bin/time -v -o "$work/logs/duckdb_startup.time" \
    node bench/duckdb_kpi.mjs "$file" startup 1 /dev/null >/dev/null 2>&1 || fail "DuckDB does not start"
  startup_walls+="$(to_seconds "$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/logs/duckdb_startup.time")") "
done

# 5. Table and correctness check, in node since DuckDB needs it anyway.
git_rev="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
BENCH_RAW="$raw" BENCH_FILE="$file" BENCH_ROWS="$rows" BENCH_SEED="$seed" BENCH_RUNS="$runs" \
  BENCH_LOAD="$load_before" BENCH_REV="$git_rev" BENCH_WORK="$work" BENCH_THREADS="$thread_counts" \
  BENCH_DUCKDB_STARTUP="$startup_walls" \
  node bench/kpi_report.mjs
