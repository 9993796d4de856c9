// Issue 6 item 4 in real Chromium: what the user may do about a verdict (scenarios/verdict_steps.mjs).
import { verdictSteps } from './scenarios/verdict_steps.mjs';

verdictSteps('chromium');
