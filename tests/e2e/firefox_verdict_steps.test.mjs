// Issue 6 items 4 and 6: what the user may do about a verdict (scenarios/verdict_steps.mjs) in
// real Firefox ESR, with the Firefox build of the extension and the host registered for it.
import { verdictSteps } from './scenarios/verdict_steps.mjs';

verdictSteps('firefox');
