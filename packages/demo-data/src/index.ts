/**
 * @intently/demo-data — the demo site and simulated history loaded into a store. Apart from
 * @intently/store so that the store does not depend on the simulator (issue 14).
 */
export type {
  DemoFolderOptions,
  DemoHistoryOptions,
  DemoSiteOptions,
} from "./demo-site.ts";
export { ensureDemoSite, loadDemoHistory, writeDemoFolder } from "./demo-site.ts";
export type { IngestOptions, IngestResult } from "./ingest.ts";
export { DEMO_SEGMENTS, ingestSimulation } from "./ingest.ts";
