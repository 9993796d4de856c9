// Issue 2 and issue 6 item 6 in real Firefox ESR (scenarios/host_failure.mjs), with the Firefox build of
// the extension and the host registered for it.
import { hostFailure } from './scenarios/host_failure.mjs';

hostFailure('firefox');
