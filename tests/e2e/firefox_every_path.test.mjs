// Issue 6 items 1, 4 and 6: every way to post, and the toolbar badge and popup
// (scenarios/every_path.mjs) in real Firefox ESR, with the Firefox build of the extension and
// the host registered for it.
import { everyPath } from './scenarios/every_path.mjs';

everyPath('firefox');
