// Variants of X's web UI in real Firefox ESR, with the Firefox build of the extension
// (scenarios/ui_variants.mjs).
import { uiVariants } from './scenarios/ui_variants.mjs';

uiVariants('firefox');
