// IT's managed settings for Chromium, delivered the way an organisation delivers them: a policy
// file in /etc/chromium/policies/managed/ naming the extension (installer/enterprise/).
// Chromium on Linux reads managed policy from no other place. Under CTest the suite runs with
// /etc/chromium private to it (support/private_etc.sh: a mount namespace, the folder an overlay),
// so no other browser on the machine sees the file; run by hand as root, the file is
// system-wide while the suite runs. Either way it names only this extension and is removed when
// the browser closes (or the process exits).
import { accessSync, constants, mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const POLICY_ROOT = '/etc/chromium/policies';
const POLICY_DIR = path.join(POLICY_ROOT, 'managed');

// Returns why Chromium's managed settings cannot be delivered here, or false when they can.
export function chromiumPolicyUnavailable() {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return false;
  } catch {
    return `cannot write ${POLICY_DIR} (needs root): Chromium reads managed settings only from there`;
  }
}

// Writes `settings` for `extensionId`; returns a function that removes the file again.
export function writeChromiumPolicy(extensionId, settings) {
  const file = path.join(POLICY_DIR, `handleguard-e2e-${process.pid}.json`);
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: settings } } }));
  const remove = () => {
    rmSync(file, { force: true });
    for (const dir of [POLICY_DIR, POLICY_ROOT]) {
      try {
        if (readdirSync(dir).length === 0) rmdirSync(dir);
      } catch {
        break; // already gone, or someone else's files are there: leave it
      }
    }
  };
  process.on('exit', remove);
  return remove;
}
