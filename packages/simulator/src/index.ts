/**
 * @intently/simulator — deterministic shopper traffic with personas and ground truth, as
 * Intently event lines (NDJSON) for the demo, tests, model training and load.
 */

export type { Catalogue, Product } from "./catalogue.ts";
export { createCatalogue } from "./catalogue.ts";
export { MinHeap } from "./heap.ts";
export { simulateSessions } from "./sessions.ts";
export { simulate } from "./simulate.ts";
