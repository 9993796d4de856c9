// Variants of X's web UI in real Chromium (scenarios/ui_variants.mjs).
import { uiVariants } from './scenarios/ui_variants.mjs';

uiVariants('chromium');
