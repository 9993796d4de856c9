// Issue 2 and issue 6 item 6 in real Firefox ESR (scenarios/walking_skeleton.mjs), with the Firefox build of
// the extension and the host registered for it.
import { walkingSkeleton } from './scenarios/walking_skeleton.mjs';

walkingSkeleton('firefox');
