#!/usr/bin/env python3
"""M4 layout <-> adpilot's long series layout, and the published scoreboard, for m4_bench.sh.

  m4_convert.py to-long TRAIN.csv OUT.csv        wide M4 rows (id, V2..Vn) -> series_id,timestamp,value
  m4_convert.py to-m4 FORECAST.csv OUT.csv H     adpilot forecast output -> id,F1..FH
  m4_convert.py published EVAL.csv FREQ          the published sMAPE/MASE of M4's methods for FREQ
"""
import csv
import sys

def to_long(train, out):
    with open(train, newline="") as f, open(out, "w", newline="") as g:
        w = csv.writer(g)
        w.writerow(["series_id", "timestamp", "value"])
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            values = [v for v in row[1:] if v != ""]
            for i, v in enumerate(values, 1):
                w.writerow([row[0], i, v])

def to_m4(forecast, out, horizon):
    rows = {}
    with open(forecast, newline="") as f:
        for r in csv.DictReader(f):
            rows.setdefault(r["series_id"], {})[int(r["step"])] = r["mean"]
    with open(out, "w", newline="") as g:
        w = csv.writer(g)
        w.writerow(["id"] + [f"F{i}" for i in range(1, horizon + 1)])
        for sid, steps in rows.items():
            w.writerow([sid] + [steps[i] for i in range(1, horizon + 1)])

def published(path, freq):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header = rows[1]
    smape_col = header.index(freq)
    mase_col = header.index(freq, smape_col + 1)
    scores = []
    for r in rows[2:]:
        try:
            scores.append((float(r[mase_col]), float(r[smape_col]), r[0]))
        except (ValueError, IndexError):
            continue
    for mase, smape, name in sorted(scores)[:10]:
        print(f"| {name} | {smape:.3f} | {mase:.3f} |")

if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "to-long":
        to_long(sys.argv[2], sys.argv[3])
    elif cmd == "to-m4":
        to_m4(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif cmd == "published":
        published(sys.argv[2], sys.argv[3])
