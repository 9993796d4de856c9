#!/usr/bin/env node
// Derives the Firefox variant of the extension from the one source tree in extension/:
// the same files, with a manifest Firefox accepts (background scripts instead of a service
// worker, the gecko add-on id guard@handleguard.org, no Chromium-only keys).
// Usage: node installer/build-firefox-extension.mjs [OUT_DIR]   (default: dist/firefox)
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIREFOX_ADDON_ID = 'guard@handleguard.org';
// MAIN-world content scripts arrived in Firefox 128 (the ESR since mid-2024).
const FIREFOX_MIN_VERSION = '128.0';

// Returns the Firefox manifest made from the Chromium `manifest`.
export function firefoxManifest(manifest) {
  const { key, minimum_chrome_version: _minimumChrome, storage: _managedSchema, background, ...rest } = manifest;
  void key;
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: background.type },
    browser_specific_settings: { gecko: { id: FIREFOX_ADDON_ID, strict_min_version: FIREFOX_MIN_VERSION } },
  };
}

// Writes the Firefox variant of `sourceDir` into `outDir` (replacing it) and returns the manifest.
export function buildFirefoxExtension(sourceDir, outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.dirname(outDir), { recursive: true });
  cpSync(sourceDir, outDir, { recursive: true, filter: (from) => path.basename(from) !== 'managed_schema.json' });
  const manifest = firefoxManifest(JSON.parse(readFileSync(path.join(sourceDir, 'manifest.json'), 'utf8')));
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const out = path.resolve(process.argv[2] ?? path.join(repo, 'dist', 'firefox'));
  buildFirefoxExtension(path.join(repo, 'extension'), out);
  console.log(`handleguard: wrote the Firefox extension to ${out}`);
}
