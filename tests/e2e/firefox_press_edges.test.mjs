// The edges of a press in real Firefox ESR, with the Firefox build of the extension
// (scenarios/press_edges.mjs).
import { pressEdges } from './scenarios/press_edges.mjs';

pressEdges('firefox');
