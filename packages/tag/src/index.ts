/**
 * @intently/tag for Node: builds the browser bundles (`intently.js`, `intently.detectors.js`)
 * for the server to serve. The browser entry points are src/main.ts (core) and
 * src/detectors.ts (lazily loaded modules).
 */

export type { Api as TagApi } from "./api/api.ts";
export { buildTag, CORE_FILE, CORE_GZIP_BUDGET, LAZY_FILE, type TagBuild } from "./build.ts";
export { DEFAULTS as TAG_DEFAULTS } from "./core/defaults.ts";
export type { SegmentDetail, Snapshot } from "./core/state.ts";
export type { Config as TagConfig } from "./types.ts";
