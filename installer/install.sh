#!/usr/bin/env bash
# Sets up handleguard on this machine and puts the guard to work: system packages, build,
# install to a prefix (default ~/.local), host registered with every browser found, a starter
# policy, and `handleguard doctor` last. Safe to run again: it changes nothing that is
# already in place (cmake installs only changed files; install skips identical manifests;
# policy init keeps an existing policy).
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="$HOME/.local"
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    -h|--help) echo "usage: installer/install.sh [--prefix DIR]"; exit 0 ;;
    *) echo "install.sh: unknown argument: $1 (try --help)" >&2; exit 64 ;;
  esac
done

installer/deps.sh
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DHANDLEGUARD_BUILD_TESTS=OFF \
  -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
# Only what gets installed (the benchmarks are for developers).
cmake --build build-release -j"$(nproc)" --target handleguard handleguard-host
cmake --install build-release | { grep -v -- '-- Up-to-date' || true; }
bin="$prefix/bin"
echo "installed handleguard and handleguard-host to $bin"

for browser in chromium chrome edge brave vivaldi firefox; do
  case "$browser" in
    chromium) found=$(command -v chromium || true) ;;
    chrome) found=$(command -v google-chrome || command -v google-chrome-stable || true) ;;
    edge) found=$(command -v microsoft-edge || command -v microsoft-edge-stable || true) ;;
    brave) found=$(command -v brave-browser || true) ;;
    vivaldi) found=$(command -v vivaldi || command -v vivaldi-stable || true) ;;
    firefox) found=$(command -v firefox || command -v firefox-esr || true) ;;
  esac
  if [ -n "$found" ]; then "$bin/handleguard" install --browser "$browser"; fi
done

"$bin/handleguard" policy init --keep-existing
"$bin/handleguard" policy validate
case ":$PATH:" in *":$bin:"*) ;; *) echo "add $bin to your PATH to run handleguard from anywhere" ;; esac
# Last word: what works and what to fix (exit 1 when something is broken).
"$bin/handleguard" doctor
