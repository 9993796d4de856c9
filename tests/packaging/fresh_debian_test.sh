#!/usr/bin/env bash
# Runs the README's two set-up commands on a fresh Debian 12, as a staff member would: a minimal
# bookworm made with mmdebstrap, a user with sudo, a clean clone of this repository's HEAD. Checks:
#   1. installer/install.sh succeeds from nothing (packages with sudo, build, ~/.local, starter
#      policy) and ends with `handleguard doctor` passing;
#   2. a second run changes nothing;
#   3. the tests' set-up (installer/deps.sh --tests, npm ci) works, and on Debian's Node 18 the
#      extension's unit tests pass against the installed host;
#   4. install.sh now finds the real Chromium and Firefox ESR, registers the host for both, doctor
#      passes (manifests, host answering hello over a pipe), and a further run changes nothing;
#   5. `handleguard uninstall --browser all` leaves the user's folders as they were before.
# Needs root (chroot, mounts) and the network (Debian mirror, npm registry). Not part of CI: it
# downloads about 1 GB and builds everything a second time (see docs/install.md for the figures).
#
# usage: tests/packaging/fresh_debian_test.sh [--keep] [--refresh]
#   --keep     leave the chroot in place for inspection (its path is printed)
#   --refresh  make the base system again instead of using the cached one
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cache=${HANDLEGUARD_FRESH_DEBIAN_CACHE:-/var/cache/handleguard-fresh-debian}
keep=0 refresh=0
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    --refresh) refresh=1 ;;
    *) echo "usage: $0 [--keep] [--refresh]" >&2; exit 64 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "fresh_debian_test: needs root (it makes a chroot and mounts /proc in it)" >&2; exit 77; }
stage() { printf '\n=== fresh Debian 12: %s (%s) ===\n' "$1" "$(date +%T)"; }
fail() { echo "fresh_debian_test: FAIL: $*" >&2; exit 1; }

stage "base system"
command -v mmdebstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap
base="$cache/bookworm-minbase.tar"
mkdir -p "$cache/apt-archives"
if [ ! -f "$base" ] || [ "$refresh" -eq 1 ]; then
  # minbase: only essential packages and apt. sudo: a staff account is not root.
  mmdebstrap --variant=minbase --include=sudo,ca-certificates --format=tar bookworm "$base.new" \
    "deb http://deb.debian.org/debian bookworm main" \
    "deb http://deb.debian.org/debian bookworm-updates main" \
    "deb http://deb.debian.org/debian-security bookworm-security main"
  mv "$base.new" "$base"
fi

work=$(mktemp -d /var/tmp/handleguard-fresh-debian.XXXXXX)
root="$work/root"
if [ "$keep" -eq 1 ]; then trap 'echo "chroot kept at $root"' EXIT; else trap 'rm -rf "$work"' EXIT; fi
mkdir "$root"
tar -C "$root" -xf "$base"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# Trust what this machine trusts: on a network that inspects TLS, its local CA certificates are
# what lets npm reach the registry (apt uses plain http and signed indexes). Node reads only its
# own bundle unless told: NODE_EXTRA_CA_CERTS below.
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null 2>&1
fi
chroot "$root" useradd --create-home --shell /bin/bash alex
echo 'alex ALL=(ALL) NOPASSWD:ALL' >"$root/etc/sudoers.d/alex"
chmod 0440 "$root/etc/sudoers.d/alex"
# What a user clones: committed HEAD only (uncommitted changes are not tested).
git clone --quiet --no-hardlinks "$repo" "$root/home/alex/handleguard"
git -C "$root/home/alex/handleguard" checkout --quiet "$(git -C "$repo" rev-parse HEAD)"
chroot "$root" chown -R alex:alex /home/alex/handleguard
echo "testing $(git -C "$repo" log -1 --format='%h %s')"

# The steps, run inside the chroot as root (they switch to the user alex); each stage prints its time.
cat >"$root/root/steps.sh" <<'STEPS'
#!/bin/bash
set -euo pipefail
stage() { printf '\n=== fresh Debian 12: %s (%s) ===\n' "$1" "$(date +%T)"; }
fail() { echo "fresh_debian_test: FAIL: $*" >&2; exit 1; }
as_user() { su - alex -c "export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt; cd ~/handleguard && $1"; }
# Every file under the user's install prefix and config folders with its content hash, mode and
# time. The state folder is left out: each host start is an audit event by design.
snapshot() {
  su - alex -c 'cd ~ && find .local .config .mozilla -path .local/state -prune -o -type f -printf "%p %m %T@\n" 2>/dev/null | sort; \
    find .local .config .mozilla -path .local/state -prune -o -type f -exec sha256sum {} + 2>/dev/null | sort'
}
# The user's browser folders, without handleguard's own configuration (uninstall keeps the policy).
user_folders() { su - alex -c 'cd ~ && find .config .mozilla 2>/dev/null | grep -v -e "^\.config\$" -e "^\.config/handleguard" | sort'; }

stage "what a fresh system has"
for program in cmake g++ node chromium firefox-esr; do
  command -v "$program" >/dev/null && fail "not fresh: $program is already installed"
done
before_install=$(user_folders)

stage "installer/install.sh, first run"
as_user ./installer/install.sh || fail "install.sh failed on a fresh system"
[ -x /home/alex/.local/bin/handleguard ] && [ -x /home/alex/.local/bin/handleguard-host ] || fail "binaries not in ~/.local/bin"
[ "$(stat -c %a /home/alex/.config/handleguard/policy.json)" = 600 ] || fail "starter policy is not 0600"

stage "installer/install.sh, second run (must change nothing)"
first=$(snapshot)
as_user ./installer/install.sh >/tmp/second.log 2>&1 || { cat /tmp/second.log; fail "second install.sh run failed"; }
cat /tmp/second.log
grep -q -- '-- Installing' /tmp/second.log && fail "second run installed files again"
[ "$first" = "$(snapshot)" ] || { diff <(echo "$first") <(snapshot) || true; fail "second run changed files"; }

stage "tests' set-up: installer/deps.sh --tests, npm ci"
as_user './installer/deps.sh --tests && npm ci --no-audit --no-fund --loglevel=error'
# Node is there only now (deps.sh --tests installed it).
node --version | grep -q '^v18\.' || fail "expected Debian 12's Node 18, got $(node --version)"
echo "Node $(node --version)"
stage "extension unit tests on Node 18 against the installed host"
as_user 'HANDLEGUARD_BIN_DIR=$HOME/.local/bin node --test tests/extension/' || fail "extension unit tests failed on Node 18"

stage "installer/install.sh with Chromium and Firefox ESR installed"
as_user ./installer/install.sh >/tmp/third.log 2>&1 || { cat /tmp/third.log; fail "install.sh failed with browsers present"; }
cat /tmp/third.log
grep -q 'registered org.handleguard.host for chromium' /tmp/third.log || fail "not registered for chromium"
grep -q 'registered org.handleguard.host for firefox' /tmp/third.log || fail "not registered for firefox"
grep -q '^ok   chromium (user): manifest' /tmp/third.log || fail "doctor did not pass chromium's registration"
grep -q '^ok   firefox (user): manifest' /tmp/third.log || fail "doctor did not pass firefox's registration"
third=$(snapshot)
as_user ./installer/install.sh >/tmp/fourth.log 2>&1 || { cat /tmp/fourth.log; fail "fourth run failed"; }
grep -q '^registered' /tmp/fourth.log && fail "a repeated run registered again"
[ "$third" = "$(snapshot)" ] || { diff <(echo "$third") <(snapshot) || true; fail "a repeated run changed files"; }

stage "uninstall leaves the user's folders as before"
as_user '~/.local/bin/handleguard uninstall --browser all'
after=$(user_folders)
[ "$before_install" = "$after" ] ||
  { diff <(echo "$before_install") <(echo "$after") || true; fail "uninstall left registrations behind"; }
echo "fresh_debian_test: ok"
STEPS
chmod 0755 "$root/root/steps.sh"

# A private mount namespace: /proc, /dev and the package cache are unmounted when it ends. The
# cache only saves downloads between runs; apt still installs every package into the fresh root.
unshare --mount --propagation private bash -c '
  set -e
  root=$1 cache=$2
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
  chroot "$root" /root/steps.sh
' fresh "$root" "$cache"
