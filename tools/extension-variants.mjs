// Derives each browser's copy of the extension from the one source tree in extension/: the
// Chromium manifest is committed as it is; the Firefox one is computed here (gecko id,
// event-page background scripts, no Chromium-only keys). Used by package-extension.mjs and by
// the Firefox end-to-end tests, so both load exactly what the store would get.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXTENSION_SOURCE = join(dirname(fileURLToPath(import.meta.url)), '..', 'extension');
export const FIREFOX_ADDON_ID = 'guard@handleguard.org';

export function firefoxManifest(manifest) {
  const firefox = { ...manifest };
  delete firefox.key;
  delete firefox.minimum_chrome_version;
  // Firefox has no extension service workers: the same module runs as an event page.
  firefox.background = { scripts: [manifest.background.service_worker], type: 'module' };
  // The guard sends nothing off the machine: it talks only to the local native host.
  firefox.browser_specific_settings = {
    gecko: { data_collection_permissions: { required: ['none'] }, id: FIREFOX_ADDON_ID, strict_min_version: '128.0' },
  };
  return firefox;
}

const VARIANTS = { chromium: (manifest) => manifest, firefox: firefoxManifest };

// Copies extension/ into `dir` (emptied first) with the manifest of `variant`; returns `dir`.
export function stageExtension(variant, dir) {
  rmSync(dir, { force: true, recursive: true });
  mkdirSync(dir, { recursive: true });
  // package.json only lets Node load the modules in unit tests; browsers do not need it.
  cpSync(EXTENSION_SOURCE, dir, { filter: (src) => !src.endsWith('package.json'), recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  writeFileSync(manifestPath, `${JSON.stringify(VARIANTS[variant](manifest), null, 2)}\n`);
  return dir;
}
