// The toolbar popup: host status, policy, the work-as picker and the last verdicts, with a retry.
'use strict';
globalThis.handleguardStatusView.start(document, globalThis.handleguardBrowser);
