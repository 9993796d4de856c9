#!/usr/bin/env bash
# `handleguard install --system` on this machine with a managed policy in /etc/handleguard, as
# an admin (or the .deb's post-install, `--root /`) runs it: the host it registers writes the
# managed policy's cache, a second install finds the cache up to date (the host started from
# it), a policy the host refuses is a warning and not a failed install, and without a managed
# policy nothing is cached. Runs in a private mount namespace where /etc is an overlay on the
# real one: nothing it writes reaches this machine's /etc, which the browser tests read.
set -euo pipefail
build_dir=$(cd "$1" && pwd)
skip() { echo "system_install_test: SKIPPED: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root (a mount namespace with /etc as an overlay)"
if [ -z "${HANDLEGUARD_IN_PRIVATE_ETC:-}" ]; then
  unshare --mount true 2>/dev/null || skip "this machine allows no mount namespace (unshare --mount)"
  exec env HANDLEGUARD_IN_PRIVATE_ETC=1 unshare --mount --propagation private bash "$0" "$@"
fi

work=$(mktemp -d)
trap 'umount /etc 2>/dev/null || true; rm -rf "$work"' EXIT
fail() { echo "system_install_test: FAIL: $*" >&2; exit 1; }
mkdir -p "$work/upper" "$work/overlay-work"
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$work/upper,workdir=$work/overlay-work" /etc ||
  skip "cannot mount an overlay on /etc"
[ ! -e /etc/handleguard/policy.json ] || fail "this machine already has a managed policy"

cli="$build_dir/bin/handleguard"
host="$build_dir/bin/handleguard-host"
install_system() { "$cli" install --system --browser chromium --host-path "$host" --root / 2>&1; }

# A policy made with the CLI, placed as an admin would.
HANDLEGUARD_HOME="$work/home" "$cli" policy init --organization "System test" >/dev/null
HANDLEGUARD_HOME="$work/home" "$cli" account add acme --user-id 123 --client Acme --kind brand >/dev/null
mkdir -p -m 0755 /etc/handleguard
install -m 0644 "$work/home/config/policy.json" /etc/handleguard/policy.json

out=$(install_system) || fail "install exited $?: $out"
grep -q "registered org.handleguard.host for chromium" <<<"$out" || fail "no registration reported: $out"
grep -q "/etc/handleguard/policy-cache.bin written" <<<"$out" || fail "no cache written: $out"
[ -f /etc/handleguard/policy-cache.bin ] || fail "the cache file is missing"
[ "$(stat -c '%U %a' /etc/handleguard/policy-cache.bin)" = "root 644" ] || fail "the cache is not root's, 0644"
"$cli" doctor --no-run 2>&1 | grep -q "has no cache" && fail "doctor still reports no cache"

out=$(install_system) || fail "second install exited $?: $out"
grep -q "policy-cache.bin was already up to date" <<<"$out" || fail "the host did not start from the cache: $out"

printf '{"schema": 1, "accounts": [' >/etc/handleguard/policy.json # cut short: the host refuses it
out=$(install_system) || fail "install with a refused policy exited $? (it must only warn): $out"
grep -q "the managed policy was refused" <<<"$out" || fail "the host's reason is not shown: $out"
grep -q "warning: the managed policy's cache was not written" <<<"$out" || fail "no warning: $out"

rm /etc/handleguard/policy.json /etc/handleguard/policy-cache.bin
out=$(install_system) || fail "install without a managed policy exited $?: $out"
grep -q "cache" <<<"$out" && fail "a cache step ran without a managed policy: $out"
[ ! -e /etc/handleguard/policy-cache.bin ] || fail "a cache was written without a managed policy"
echo "system_install_test: install --system cached the managed policy, kept it, and warned on a refused one"
