// The options page: diagnostics (host found, versions, policy valid, how to fix) and the host's
// own checks of this machine (those of `handleguard doctor`).
'use strict';
globalThis.handleguardStatusView.start(document, globalThis.handleguardBrowser, { withFixes: true, withDoctor: true });
