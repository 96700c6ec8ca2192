/**
 * @intently/bench: every benchmark of the product, each comparing side by side in one run
 * against the peer library or the raw ceiling it names, on the shared runner (runner.ts:
 * rounds, medians, spread, JSON). `intently bench …` (packages/cli) parses the flags and
 * prints what these return.
 */
export { benchCollector, type CollectorBenchOptions } from "./collector/bench.ts";
export { STAGES as COLLECTOR_STAGES } from "./collector/stages.ts";
export { benchDashboard, type DashboardBenchOptions } from "./dashboard/bench.ts";
export { benchData } from "./dashboard/data.ts";
export { benchDisk, type DiskBenchOptions } from "./disk.ts";
export { benchEngine, type EngineBenchOptions } from "./engine.ts";
export { benchLiveTick, type LiveTickBenchOptions } from "./live-tick.ts";
export { benchMemory, MAX_MEMORY_SESSIONS, type MemoryBenchOptions } from "./memory/bench.ts";
export { type BenchReportOptions, benchReport } from "./report.ts";
export { benchJson, type ProgressOf, type ProgressSink } from "./runner.ts";
export { benchSegments } from "./segments.ts";
export { benchSoak, type SoakOptions } from "./soak/bench.ts";
export {
  benchTagCost,
  type TagCostOptions,
  type TagCostResult,
} from "./tag-cost/bench.ts";
export { benchTick, MAX_TICK_SESSIONS, type TickBenchOptions } from "./tick.ts";
