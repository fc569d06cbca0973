#!/usr/bin/env bash
# Installs every Debian package adpilot's build and tests need, then builds it (Release).
# Idempotent: packages already present are not reinstalled, and the build is incremental.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config
  libfmt-dev libcli11-dev libyaml-cpp-dev nlohmann-json3-dev libfast-float-dev
  libsqlite3-dev libcurl4-openssl-dev libssl-dev libcpp-httplib-dev libopenblas-dev libutf8proc-dev libcairo2-dev fonts-dejavu-core
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-numpy time
  chromium
)
# chromium: the browser tests open the HTML report in it (headless, driven by playwright-core),
# with the fonts-dejavu-core above as its font.
# Node and npm install the npm packages of package-lock.json (the VADER lexicon and uPlot, which
# the build embeds; playwright-core for the browser tests) and run the browser tests.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

# Exactly the versions of package-lock.json, again whenever the lock file changes.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  echo "setup: installing the npm packages of package-lock.json"
  npm ci --no-audit --no-fund
fi

build_dir=${ADPILOT_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
echo "setup: built $build_dir/adpilot"
