// Issue 2 in real Chromium (scenarios/host_failure.mjs).
import { hostFailure } from './scenarios/host_failure.mjs';

hostFailure('chromium');
