// Issue 6 items 2, 5 and 6: the network guard and the event page stopped mid-session
// (scenarios/network_guard.mjs) in real Firefox ESR, with the Firefox build of the extension
// and the host registered for it.
import { networkGuard } from './scenarios/network_guard.mjs';

networkGuard('firefox');
