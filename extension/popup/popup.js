// The toolbar popup: host status and policy, with a retry.
'use strict';
globalThis.handleguardStatusView.start(document, globalThis.handleguardBrowser);
