// The Firefox variant is derived from the same tree, with the manifest Firefox needs.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { buildFirefoxExtension } from '../../installer/build-firefox-extension.mjs';
import { EXTENSION_DIR } from './support.mjs';

test('the Firefox build has background scripts, the gecko id and the same content scripts', () => {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'hg-ff-')), 'firefox');
  try {
    buildFirefoxExtension(EXTENSION_DIR, out);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const chromium = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    assert.deepEqual(manifest.background, { scripts: ['background/service_worker.js'], type: 'module' });
    assert.equal(manifest.browser_specific_settings.gecko.id, 'guard@handleguard.org');
    assert.equal(manifest.key, undefined, 'no Chromium key');
    assert.deepEqual(manifest.host_permissions, chromium.host_permissions);
    assert.deepEqual(manifest.content_scripts, chromium.content_scripts);
    assert.deepEqual(manifest.permissions, chromium.permissions);
    for (const script of manifest.content_scripts.flatMap((entry) => entry.js)) assert.ok(existsSync(path.join(out, script)), script);
    assert.ok(existsSync(path.join(out, '_locales/en/messages.json')));
  } finally {
    rmSync(path.dirname(out), { recursive: true, force: true });
  }
});
