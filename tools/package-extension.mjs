// Packs the extension for the stores: dist/handleguard-chromium.zip (Chrome Web Store, Edge
// Add-ons) and dist/handleguard-firefox.xpi (unsigned; AMO signs it), each built and linted
// with web-ext from the same source tree (the variants: extension-variants.mjs).
// Usage: node tools/package-extension.mjs [--lint-only]
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { stageExtension } from './extension-variants.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const webExt = join(root, 'node_modules', '.bin', 'web-ext');

function run(args) {
  execFileSync(webExt, args, { stdio: 'inherit' });
}

const chromium = stageExtension('chromium', join(dist, 'staging', 'chromium'));
const firefox = stageExtension('firefox', join(dist, 'staging', 'firefox'));
run(['lint', '--source-dir', firefox, '--warnings-as-errors']);
if (!process.argv.includes('--lint-only')) {
  run(['build', '--source-dir', chromium, '--artifacts-dir', dist, '--filename', 'handleguard-chromium.zip', '--overwrite-dest']);
  run(['build', '--source-dir', firefox, '--artifacts-dir', dist, '--filename', 'handleguard-firefox.xpi', '--overwrite-dest']);
}
rmSync(join(dist, 'staging'), { force: true, recursive: true });
