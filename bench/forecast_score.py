#!/usr/bin/env python3
"""sMAPE and MASE of long-format forecasts against the held-out tail of long-format series.

  forecast_score.py SERIES.csv FORECAST.csv H M
MASE is scaled by the in-sample seasonal-naive error with period M (M4's definition)."""
import csv
import sys
from collections import defaultdict

series_path, forecast_path, h, m = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
values = defaultdict(list)
with open(series_path, newline="") as f:
    for r in csv.DictReader(f):
        values[r["series_id"]].append(float(r["value"]))
forecasts = defaultdict(dict)
with open(forecast_path, newline="") as f:
    for r in csv.DictReader(f):
        forecasts[r["series_id"]][int(r["step"])] = float(r["mean"])
smapes, mases = [], []
for sid, y in values.items():
    if sid not in forecasts:
        continue
    train, test = y[:-h], y[-h:]
    fc = [forecasts[sid][i + 1] for i in range(h)]
    smape = 200.0 / h * sum(abs(a - b) / (abs(a) + abs(b)) if abs(a) + abs(b) > 0 else 0.0
                           for a, b in zip(test, fc))
    scale = sum(abs(train[t] - train[t - m]) for t in range(m, len(train))) / (len(train) - m)
    if scale > 0:
        mases.append(sum(abs(a - b) for a, b in zip(test, fc)) / h / scale)
    smapes.append(smape)
print(f"series={len(smapes)} sMAPE={sum(smapes) / len(smapes):.3f} MASE={sum(mases) / len(mases):.3f}")
