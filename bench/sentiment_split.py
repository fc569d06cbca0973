#!/usr/bin/env python3
"""Splits a VADER ground-truth file (id<TAB>mean<TAB>text, CRLF) into texts and human means.

Texts are trimmed and written one per line; snippets with no text are left out of both files so
the lines stay aligned with `adpilot copy sentiment` (which skips blank lines)."""
import sys

source, texts_path, human_path = sys.argv[1:4]
with open(source, encoding="utf-8", newline="") as f, \
        open(texts_path, "w", encoding="utf-8") as texts, open(human_path, "w") as human:
    for raw in f.read().split("\n"):
        line = raw.rstrip("\r")
        if not line:
            continue
        parts = line.split("\t", 2)
        text = parts[2].strip() if len(parts) == 3 else ""
        if not text:
            continue
        texts.write(text + "\n")
        human.write(parts[1] + "\n")
