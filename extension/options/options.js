// The options page: diagnostics (host found, versions, policy valid, how to fix).
'use strict';
globalThis.handleguardStatusView.start(document, globalThis.handleguardBrowser, { withFixes: true });
