#!/usr/bin/env bash
# Builds the .deb with CPack, installs it into a throw-away root with `dpkg --root` (maintainer
# scripts run without chroot and see DPKG_ROOT), checks post-install registered the host for
# every browser system-wide, then purges it and checks nothing of ours is left. Never touches
# this machine's own /etc: the browser tests read it.
set -euo pipefail
build_dir=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "deb_test: FAIL: $*" >&2; exit 1; }

cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$work/pkg" >/dev/null
deb=$(ls "$work"/pkg/handleguard_*.deb)
info=$(dpkg-deb --info "$deb")
contents=$(dpkg-deb --contents "$deb")
grep -q 'Package: handleguard' <<<"$info" || fail "no package name in $deb"
grep -q './usr/bin/handleguard-host' <<<"$contents" || fail "host missing from $deb"

root="$work/root"
# What any Debian root already has; install may only add below these.
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/etc/opt" "$root/usr/lib"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
# --force-depends: the throw-away root has none of the libraries installed (they are on the host).
dpkg_in_root() {
  dpkg --root="$root" --force-script-chrootless --force-depends --log=/dev/null "$@" >"$work/dpkg.log" 2>&1 ||
    { cat "$work/dpkg.log" >&2; fail "dpkg $*"; }
}

dpkg_in_root -i "$deb"
for manifest in etc/opt/chrome/native-messaging-hosts etc/chromium/native-messaging-hosts \
                etc/opt/edge/native-messaging-hosts usr/lib/mozilla/native-messaging-hosts; do
  file="$root/$manifest/org.handleguard.host.json"
  [ -f "$file" ] || fail "post-install did not write $manifest"
  grep -q '"path": "/usr/bin/handleguard-host"' "$file" || fail "$file does not point at /usr/bin/handleguard-host"
  [ "$(stat -c %a "$file")" = 644 ] || fail "$file is not 0644"
done
[ -f "$root/etc/handleguard/install.json" ] || fail "post-install did not write the install configuration"
[ "$(stat -c %a "$root/etc/handleguard")" = 755 ] || fail "/etc/handleguard is not 0755"

dpkg_in_root --purge handleguard
left=$(cd "$root" && find etc usr -mindepth 1 | sort | tr '\n' ' ')
[ "$left" = "etc/opt usr/lib " ] || fail "left behind after purge: $left"
echo "deb_test: installed, registered, purged cleanly: $(basename "$deb")"
