// Issue 6 item 1 in real Chromium: every way to post, and the toolbar badge and popup
// (scenarios/every_path.mjs).
import { everyPath } from './scenarios/every_path.mjs';

everyPath('chromium');
