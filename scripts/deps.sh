#!/usr/bin/env bash
# Installs what the build and the tests need, and nothing twice (`make deps`). Idempotent:
# a second run only checks. Uses sudo when not root. Debian 12; no other network than
# Debian's and npm's registries is needed.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages, and why each is here (docs/dependencies.md has the longer story).
packages=(
  cmake ninja-build g++ make    # the native build
  emscripten binaryen           # the wasm build (emcc 3.1.6)
  nlohmann-json3-dev            # JSON, header-only (src/json only)
  catch2                        # Catch2 v2 tests, native and wasm
  libcli11-dev                  # the kollega CLI's argument parser
  chromium                      # browser tests (playwright-core drives Debian's Chromium)
  tzdata                        # /usr/share/zoneinfo: kollega calendar reads a zone's POSIX rule
  clang libclang-rt-14-dev      # the libFuzzer target (ASan + UBSan runtimes)
)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node/npm may come from another source (e.g. NodeSource, which bundles npm): trust the command.
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages, exactly as locked. Re-run only when the lock file changed since the last install.
stamp=node_modules/.kollega-npm-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
echo "deps: ok"
