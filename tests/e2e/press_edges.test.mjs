// The edges of a press in real Chromium (scenarios/press_edges.mjs).
import { pressEdges } from './scenarios/press_edges.mjs';

pressEdges('chromium');
