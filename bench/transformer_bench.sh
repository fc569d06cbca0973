#!/usr/bin/env bash
# Transformer speed: adpilot's forward pass against the same architecture with the same weights
# in PyTorch (bench/transformer_torch.py, CPU, same thread count), on DistilBERT's real shapes
# (66M parameters, random weights): sequence lengths 16/32/64/128, batch 1 and 32. Reports the
# median latency, sentences/s, peak RSS (/usr/bin/time -v) and PyTorch's time over ours.
#
#   bench/transformer_bench.sh                      # ROUNDS=3, THREADS=2
#   SEQS="16 128" BATCHES=1 ROUNDS=1 bench/transformer_bench.sh   # a quick look
#   IMPLS="adpilot-pool adpilot-blas" bench/transformer_bench.sh  # our two GEMM threadings only
#   REPORT_ONLY=1 bench/transformer_bench.sh   # the table again from bench/work/transformer_results.csv
#
# Each process runs one shape: warm-up passes, then timed passes (RUNS1 for batch 1, RUNS32 for
# batch 32); its median is one sample. ROUNDS rounds alternate the implementations shape by shape,
# so a busy machine slows them alike; the table shows the median of the rounds' medians.
# The checkpoint is generated once into bench/work/distilbert-random (git-ignored), with the real
# vocab.txt when ../shared/data/models/distilbert-sst2 is present. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
THREADS=${THREADS:-2}
SEQS=${SEQS:-"16 32 64 128"}
BATCHES=${BATCHES:-"1 32"}
ROUNDS=${ROUNDS:-3}
RUNS1=${RUNS1:-20}
RUNS32=${RUNS32:-5}
IMPLS=${IMPLS:-"adpilot-pool adpilot-blas pytorch"}
SHARED=${SHARED:-../shared}
WORK=bench/work
MODEL=$WORK/distilbert-random
RESULTS=$WORK/transformer_results.csv
REPORT=$WORK/transformer_results.md

# A python3 with NumPy (checkpoint) and, for the peer, PyTorch: Debian's python3-numpy and
# python3-torch live in /usr/bin/python3, which a pyenv or venv on PATH may hide.
PYTHON=${PYTHON:-}
for candidate in python3 /usr/bin/python3; do
  if [[ -z $PYTHON ]] && "$candidate" -c 'import numpy' 2>/dev/null; then
    PYTHON=$candidate
  fi
done
if [[ -z $PYTHON ]]; then
  echo "transformer_bench: needs python3 with NumPy (apt install python3-numpy)" >&2
  exit 77
fi
if [[ $IMPLS == *pytorch* ]] && ! "$PYTHON" -c 'import torch' 2>/dev/null; then
  echo "transformer_bench: $PYTHON has no torch (apt install python3-torch); measuring adpilot only" >&2
  IMPLS=${IMPLS//pytorch/}
fi

cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j2 --target adpilot_transformer_bench >/dev/null
mkdir -p "$WORK/bin"
cp "$BUILD/adpilot_transformer_bench" "$WORK/bin/"  # a rebuild during the runs cannot swap it

if [[ ! -f $MODEL/model.safetensors ]]; then
  vocab_args=(--vocab-size 30522)
  if [[ -f $SHARED/data/models/distilbert-sst2/vocab.txt ]]; then
    vocab_args=(--vocab "$SHARED/data/models/distilbert-sst2/vocab.txt")
  fi
  echo "generating $MODEL (66M parameters, F32)"
  "$PYTHON" tests/nlp/reference/make_tiny_checkpoint.py --out "$MODEL" --arch distilbert \
    --dtype F32 --seed 66 --name random-distilbert-66m --layers 6 --hidden 768 --heads 12 \
    --ffn 3072 --max-positions 512 \
    "${vocab_args[@]}"
fi
cat "$MODEL/model.safetensors" >/dev/null  # into the page cache before anything is timed

# One process: prints "csv-line,peak_rss_kb".
run_one() {
  local impl=$1 seq=$2 batch=$3 runs=$4 warmup=$5 logits=$6
  local cmd
  case $impl in
    adpilot-*) cmd=("$WORK/bin/adpilot_transformer_bench" --gemm "${impl#adpilot-}") ;;
    pytorch) cmd=("$PYTHON" bench/transformer_torch.py) ;;
  esac
  local out
  out=$(/usr/bin/time -v "${cmd[@]}" --model "$MODEL" --seq "$seq" --batch "$batch" --runs "$runs" \
    --warmup "$warmup" --threads "$THREADS" --logits "$logits" 2>"$WORK/time.log")
  local rss
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.log")
  echo "$out,$rss"
}

if [[ ${REPORT_ONLY:-0} != 1 ]]; then
echo "impl,seq,batch,threads,median_ms,min_ms,sentences_per_s,load_ms,cpu_ms,peak_rss_kb,round" >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for batch in $BATCHES; do
    for seq in $SEQS; do
      runs=$RUNS1 warmup=3
      if [[ $batch -gt 1 ]]; then runs=$RUNS32 warmup=1; fi
      for impl in $IMPLS; do
        line=$(run_one "$impl" "$seq" "$batch" "$runs" "$warmup" "$WORK/logits-$impl.txt")
        echo "$line,$round" | tee -a "$RESULTS"
      done
      # Same weights, same ids: the logits must agree (float32 sums in another order).
      if [[ $round == 1 && -f $WORK/logits-pytorch.txt && -f $WORK/logits-adpilot-pool.txt ]]; then
        paste -d' ' "$WORK/logits-adpilot-pool.txt" "$WORK/logits-pytorch.txt" | awk -v s="$seq" -v b="$batch" \
          '{n=NF/2; m=0; for(i=1;i<=n;i++){d=$i-$(i+n); if(d<0)d=-d; if(d>m)m=d}
            printf "  seq %s batch %s: max |logit difference| adpilot vs pytorch = %.2e\n", s, b, m;
            if (m > 1e-3) { print "  MISMATCH" > "/dev/stderr"; exit 1 }}'
      fi
    done
  done
done
fi

"$PYTHON" - "$RESULTS" "$THREADS" >"$REPORT" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
shapes = sorted({(int(r["batch"]), int(r["seq"])) for r in rows})
impls = []
for r in rows:
    if r["impl"] not in impls:
        impls.append(r["impl"])
def cell(impl, batch, seq, key):
    values = [float(r[key]) for r in rows if r["impl"] == impl and int(r["batch"]) == batch and int(r["seq"]) == seq]
    return statistics.median(values) if values else None
print(f"threads: {sys.argv[2]}; median of {max(int(r['round']) for r in rows)} round(s), each the median of its timed passes;"
      " CPU ms: CPU time of the process per pass, all threads\n")
header = "| batch | seq |" + "".join(f" {i} ms | {i} sent/s | {i} CPU ms | {i} RSS MB |" for i in impls)
if "pytorch" in impls:
    header += " pytorch / adpilot |"
print(header)
print("|" + "---|" * (header.count("|") - 1))
for batch, seq in shapes:
    line = f"| {batch} | {seq} |"
    best = None
    for impl in impls:
        ms = cell(impl, batch, seq, "median_ms")
        rss = cell(impl, batch, seq, "peak_rss_kb")
        cpu = cell(impl, batch, seq, "cpu_ms")
        line += f" {ms:.1f} | {batch * 1000 / ms:.1f} | {cpu:.0f} | {rss / 1024:.0f} |"
        if impl.startswith("adpilot") and (best is None or ms < best):
            best = ms
    if "pytorch" in impls:
        # Against the default threading (pool) when it was measured.
        ours = cell("adpilot-pool", batch, seq, "median_ms") if "adpilot-pool" in impls else best
        line += f" {cell('pytorch', batch, seq, 'median_ms') / ours:.2f}× |"
    print(line)
PY
echo
cat "$REPORT"
