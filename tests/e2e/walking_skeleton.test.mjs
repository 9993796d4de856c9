// Issue 2 in real Chromium (scenarios/walking_skeleton.mjs).
import { walkingSkeleton } from './scenarios/walking_skeleton.mjs';

walkingSkeleton('chromium');
