/**
 * @intently/store — the embedded DuckDB store behind the `Store` interface, the recorder that
 * turns engine output into rows, and the reporting library (IPS, segment library, segment
 * report, measured overlap, experiments, live view).
 */
export * from "./bench.ts";
export * from "./config.ts";
export * from "./demo-site.ts";
export { type BufferOptions, DEFAULT_BUFFER } from "./duckdb/buffer.ts";
export { type CopyFormat, copyTo, csvCell } from "./duckdb/copy.ts";
export { DB_FILE } from "./duckdb/db.ts";
export type { FoundValue } from "./duckdb/find-value.ts";
export { LATEST_VERSION, MIGRATIONS } from "./duckdb/migrations.ts";
export { DuckDbStore, type DuckDbStoreOptions } from "./duckdb/store.ts";
export * from "./ingest.ts";
export * from "./local-days.ts";
export type * from "./login-sessions.ts";
export type * from "./outbox.ts";
export * from "./period-model.ts";
export * from "./private-fs.ts";
export * from "./queries.ts";
export * from "./recorder.ts";
export * from "./reports/benchmarks.ts";
export * from "./reports/experiments.ts";
export * from "./reports/ips.ts";
export * from "./reports/ips-trend.ts";
export * from "./reports/library.ts";
export * from "./reports/live.ts";
export * from "./reports/overlap.ts";
export * from "./reports/segment.ts";
export * from "./reports/stats.ts";
export * from "./rows.ts";
export * from "./session-groups.ts";
export * from "./session-row.ts";
export type * from "./store.ts";
