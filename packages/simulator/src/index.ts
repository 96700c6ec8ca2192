/**
 * @intently/simulator — deterministic shopper traffic with personas and ground truth, as
 * Intently event lines (NDJSON) for the demo, tests, model training and load.
 */
export {
  BRANDS,
  CATEGORIES,
  type Catalogue,
  type Category,
  createCatalogue,
  type Product,
} from "./catalogue.ts";
export { DEVICE_MIX, type DeviceClass } from "./context/devices.ts";
export { SOURCE_KINDS, type SourceKind } from "./context/traffic.ts";
export { DEFAULT_MIX, PERSONAS, type PersonaId } from "./personas/index.ts";
export { Random } from "./random.ts";
export { EXPERIMENT_ID } from "./session/flows.ts";
export {
  DEFAULT_DAYS,
  DEFAULT_ORIGIN,
  DEFAULT_SITE,
  DEFAULT_START,
  EXPERIMENT_SHARE,
  resolveMix,
  type SimulatedSession,
  type SimulateOptions,
  simulateSessions,
} from "./sessions.ts";
export { simulate, simulateNdjson } from "./simulate.ts";
