#!/usr/bin/env bash
# Runs the whole test suite: unit tests (GoogleTest) and the CLI cases, through CTest.
# Builds first if needed. Tests that read ../shared/data skip with a printed reason without it.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${ADPILOT_BUILD_DIR:-build}
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build_dir" -j "$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" "$@"
