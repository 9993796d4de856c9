#!/usr/bin/env bash
# Installs every system package handleguard needs to build, test and run, idempotently.
# Uses sudo for apt when not root. With --tests, Node.js comes from Debian (18 on bookworm) unless
# a newer `node` is already present (these CI machines carry Node 20); both are supported.
set -euo pipefail

want_tests=0
[ "${1:-}" = "--tests" ] && want_tests=1

build_packages=(
  build-essential cmake pkg-config git ca-certificates
  nlohmann-json3-dev libsodium-dev libboost-dev libboost-filesystem-dev
  libgtest-dev libgmock-dev libicu-dev libsqlite3-dev libre2-dev
  libcli11-dev minisign
)
test_packages=(chromium firefox-esr openssl rsyslog clang-19 libclang-rt-19-dev dpkg-dev)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=("${build_packages[@]}")
if [ "$want_tests" -eq 1 ]; then
  packages+=("${test_packages[@]}")
  # Only the tests and the extension packaging run Node; building and installing do not.
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "handleguard: installing packages: ${missing[*]}" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
