// Outcomes (scenarios/outcomes.mjs) in real Firefox ESR, with the Firefox build of the extension.
import { outcomes } from './scenarios/outcomes.mjs';

outcomes('firefox');
