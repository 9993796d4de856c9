// Packs the extension for the stores: dist/handleguard-chromium.zip (Chrome Web Store, Edge
// Add-ons) and dist/handleguard-firefox.xpi (unsigned; AMO signs it), each built and linted
// with web-ext from the same source tree. The Firefox variant's manifest is derived here:
// gecko id, event-page background, no Chromium-only keys.
// Usage: node tools/package-extension.mjs [--lint-only]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const webExt = join(root, 'node_modules', '.bin', 'web-ext');
const firefoxAddonId = 'guard@handleguard.org';

function stage(name, editManifest) {
  const dir = join(dist, 'staging', name);
  rmSync(dir, { force: true, recursive: true });
  mkdirSync(dir, { recursive: true });
  // package.json only lets Node load the modules in unit tests; browsers do not need it.
  cpSync(join(root, 'extension'), dir, { filter: (src) => !src.endsWith('package.json'), recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  writeFileSync(manifestPath, `${JSON.stringify(editManifest(manifest), null, 2)}\n`);
  return dir;
}

function toFirefox(manifest) {
  const firefox = { ...manifest };
  delete firefox.key;
  delete firefox.minimum_chrome_version;
  firefox.background = { scripts: [manifest.background.service_worker], type: 'module' };
  // The guard sends nothing off the machine: it talks only to the local native host.
  firefox.browser_specific_settings = {
    gecko: { data_collection_permissions: { required: ['none'] }, id: firefoxAddonId, strict_min_version: '128.0' },
  };
  return firefox;
}

function run(args) {
  execFileSync(webExt, args, { stdio: 'inherit' });
}

const chromium = stage('chromium', (manifest) => manifest);
const firefox = stage('firefox', toFirefox);
run(['lint', '--source-dir', firefox, '--warnings-as-errors']);
if (!process.argv.includes('--lint-only')) {
  run(['build', '--source-dir', chromium, '--artifacts-dir', dist, '--filename', 'handleguard-chromium.zip', '--overwrite-dest']);
  run(['build', '--source-dir', firefox, '--artifacts-dir', dist, '--filename', 'handleguard-firefox.xpi', '--overwrite-dest']);
}
rmSync(join(dist, 'staging'), { force: true, recursive: true });
