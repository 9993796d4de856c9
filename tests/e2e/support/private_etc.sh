#!/usr/bin/env bash
# Runs a command with /etc/chromium private to it: a mount namespace where that folder is an
# overlay on the real one, so the managed policy file a suite writes there (chromium_policy.mjs)
# never reaches this machine's browsers, even if the suite is killed before it can remove it.
# Without root or mount namespaces the command runs as it is (the suite then says whether it
# can write the folder at all).
#   tests/e2e/support/private_etc.sh COMMAND [ARGUMENTS...]
set -euo pipefail
folder=/etc/chromium
if [ -z "${HANDLEGUARD_PRIVATE_ETC:-}" ] && [ "$(id -u)" -eq 0 ] && unshare --mount true 2>/dev/null; then
  exec env HANDLEGUARD_PRIVATE_ETC=1 unshare --mount --propagation private bash "$0" "$@"
fi
if [ -n "${HANDLEGUARD_PRIVATE_ETC:-}" ]; then
  work=$(mktemp -d)
  mkdir -p "$work/upper" "$work/work"
  if [ -d "$folder" ] && mount -t overlay overlay -o "lowerdir=$folder,upperdir=$work/upper,workdir=$work/work" "$folder"; then
    echo "private_etc: $folder is private to this run" >&2
  else
    echo "private_etc: cannot mount an overlay on $folder: the suite writes the real one" >&2
  fi
  status=0
  "$@" || status=$?
  umount "$folder" 2>/dev/null || true
  rm -rf "$work"
  exit "$status"
fi
exec "$@"
