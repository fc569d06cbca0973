#!/usr/bin/env python3
"""Runs one declarative CLI case (tests/cases/<stage>/*.test) against the real binary.

A case file holds a header (name:, description:, group:) and sections:
  === file: NAME          the file's content, written into a fresh temporary folder
  === command             the adpilot arguments (shell words); run in that folder
  === exit: N             the expected exit status
  === stdout              the exact expected stdout
  === stdout contains     lines that must each appear in stdout
  === stderr contains     lines that must each appear in stderr
  === output: NAME        the exact expected content of a file the command wrote
  === absent: NAME        a file that must not exist afterwards (no partial output)
Placeholders: {shared} is ../shared/data (the case is skipped, exit 77, when it is absent),
{data} is the project's data/ folder. Lines of a file section may end in "\\r" as a literal
marker for CRLF; "{bom}" at the start of a file writes a UTF-8 BOM; "{bigfield:N}" expands to N
bytes of 'x'; "{bytes:HEX}" to raw bytes.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

def parse(path):
    header, sections, current = {}, [], None
    with open(path, encoding="utf-8") as f:
        for raw in f.read().split("\n"):
            if raw.startswith("=== "):
                current = [raw[4:].strip(), []]
                sections.append(current)
            elif current is None:
                if ":" in raw:
                    key, value = raw.split(":", 1)
                    header[key.strip()] = value.strip()
            else:
                current[1].append(raw)
    for section in sections:
        while section[1] and section[1][-1] == "":
            section[1].pop()
    return header, sections

def expand(text, shared, data):
    text = text.replace("{shared}", shared).replace("{data}", data)
    return text

def file_bytes(lines, shared, data):
    out = b""
    for i, line in enumerate(lines):
        line = expand(line, shared, data)
        ending = b"\n"
        if line.endswith("\\r"):
            line, ending = line[:-2], b"\r\n"
        chunk = line.encode("utf-8")
        chunk = chunk.replace(b"{bom}", b"\xef\xbb\xbf")
        chunk = re.sub(rb"\{bigfield:(\d+)\}", lambda m: b"x" * int(m.group(1)), chunk)
        chunk = re.sub(rb"\{bytes:([0-9a-fA-F]+)\}", lambda m: bytes.fromhex(m.group(1).decode()), chunk)
        out += chunk + ending
    return out

def main():
    case_path, binary = sys.argv[1], sys.argv[2]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shared = os.path.normpath(os.path.join(root, "..", "shared", "data"))
    data = os.path.join(root, "data")
    header, sections = parse(case_path)
    text = open(case_path, encoding="utf-8").read()
    if "{shared}" in text and not os.path.isdir(shared):
        print(f"skip: {header.get('name', case_path)} needs ../shared/data, which is absent")
        return 77
    failures = []
    with tempfile.TemporaryDirectory() as work:
        command = None
        for title, lines in sections:
            if title.startswith("file:"):
                name = title[5:].strip()
                os.makedirs(os.path.dirname(os.path.join(work, name)) or work, exist_ok=True)
                with open(os.path.join(work, name), "wb") as f:
                    f.write(file_bytes(lines, shared, data))
            elif title == "command":
                command = expand(" ".join(lines), shared, data)
        if command is None:
            print("case has no === command section")
            return 1
        result = subprocess.run([binary] + shlex.split(command), cwd=work, capture_output=True,
                                stdin=subprocess.DEVNULL, timeout=600)
        stdout = result.stdout.decode("utf-8", "replace")
        stderr = result.stderr.decode("utf-8", "replace")
        for title, lines in sections:
            body = "\n".join(expand(l, shared, data) for l in lines)
            if title.startswith("exit:"):
                want = int(title[5:])
                if result.returncode != want:
                    failures.append(f"exit status {result.returncode}, expected {want}")
            elif title == "stdout":
                if stdout.rstrip("\n") != body.rstrip("\n"):
                    failures.append(f"stdout differs.\n--- expected\n{body}\n--- got\n{stdout}")
            elif title == "stdout contains":
                failures += [f"stdout lacks: {l}" for l in lines if l and expand(l, shared, data) not in stdout]
            elif title == "stderr contains":
                failures += [f"stderr lacks: {l}" for l in lines if l and expand(l, shared, data) not in stderr]
            elif title.startswith("output:"):
                path = os.path.join(work, title[7:].strip())
                got = open(path, encoding="utf-8").read() if os.path.exists(path) else "<missing>"
                if got.rstrip("\n") != body.rstrip("\n"):
                    failures.append(f"{title} differs.\n--- expected\n{body}\n--- got\n{got}")
            elif title.startswith("absent:"):
                name = title[7:].strip()
                if os.path.exists(os.path.join(work, name)):
                    failures.append(f"{name} exists but must not")
                leftovers = [f for f in os.listdir(work) if ".tmp." in f]
                if leftovers:
                    failures.append(f"temporary files left behind: {leftovers}")
    if failures:
        print(f"FAIL {header.get('name', case_path)}: {command}")
        print(f"stderr was:\n{stderr}")
        for failure in failures:
            print(failure)
        return 1
    print(f"ok {header.get('name', case_path)}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
