// Issue 6 items 2, 5 and 7 in real Chromium: the network guard and the service worker stopped
// mid-session (scenarios/network_guard.mjs).
import { networkGuard } from './scenarios/network_guard.mjs';

networkGuard('chromium');
