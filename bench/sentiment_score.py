#!/usr/bin/env python3
"""Scores sentiment predictions against the human means (sentiment_eval.sh's work folder).

adpilot's CSV has label and score = |compound|; a label of neutral (|compound| < 0.05) hides the
sign, so its polarity is taken as 0. The reference's compound goes through the same step, so
both are judged alike. Sign accuracy: share of snippets with a nonzero human mean whose label
(positive >= 0.05, negative <= -0.05) has the same sign; a neutral label counts as a miss."""
import csv
import glob
import math
import os
import sys

def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2.0 + 1.0  # ties share their mean rank
        i = j + 1
    return out

def pearson(x, y):
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy)

def label_of(compound):
    return 1 if compound >= 0.05 else (-1 if compound <= -0.05 else 0)

def metrics(human, polarity):
    signed = [label_of(p) * abs(p) for p in polarity]
    hits = total = 0
    for h, p in zip(human, polarity):
        if h == 0:
            continue
        total += 1
        hits += 1 if label_of(p) == (1 if h > 0 else -1) else 0
    return pearson(human, signed), pearson(ranks(human), ranks(signed)), hits / total

def main():
    work = sys.argv[1]
    times = {}
    for line in open(os.path.join(work, "times.txt")):
        name, start, end = line.split()
        times[name] = float(end) - float(start)
    rows = []
    all_h, all_a, all_r = [], [], []
    for human_path in sorted(glob.glob(os.path.join(work, "*.human"))):
        name = os.path.basename(human_path)[:-len(".human")]
        human = [float(v) for v in open(human_path)]
        with open(os.path.join(work, name + ".adpilot.csv"), encoding="utf-8") as f:
            reader = csv.DictReader(f)
            ours, model = [], ""
            for row in reader:
                sign = {"positive": 1, "negative": -1}.get(row["label"], 0)
                ours.append(sign * float(row["score"]))
                model = row["model"]
        reference = [float(v) for v in open(os.path.join(work, name + ".reference.txt"))]
        if not (len(human) == len(ours) == len(reference)):
            sys.exit(f"{name}: {len(human)} human means, {len(ours)} adpilot scores, {len(reference)} reference scores")
        agree = sum(1 for a, r in zip(ours, reference) if label_of(a) == label_of(r)) / len(ours)
        a, r = metrics(human, ours), metrics(human, reference)
        rows.append((name, len(human), a, r, agree, float(times[name])))
        all_h += human
        all_a += ours
        all_r += reference
    a, r = metrics(all_h, all_a), metrics(all_h, all_r)
    agree = sum(1 for x, y in zip(all_a, all_r) if label_of(x) == label_of(y)) / len(all_a)
    rows.append(("all", len(all_h), a, r, agree, sum(float(t) for t in times.values())))
    print(f"adpilot: {model}; reference: npm vader-sentiment (JavaScript port) run by Node\n")
    print("| set | snippets | Pearson adpilot | Pearson reference | Spearman adpilot | Spearman reference "
          "| sign accuracy adpilot | sign accuracy reference | same label | adpilot time (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, n, a, r, agree, seconds in rows:
        print(f"| {name} | {n} | {a[0]:.3f} | {r[0]:.3f} | {a[1]:.3f} | {r[1]:.3f} | {a[2]:.1%} | {r[2]:.1%} "
              f"| {agree:.1%} | {seconds:.2f} |")

main()
