/**
 * Server configuration: one default object for programs and tests. `intently start` builds it
 * from flags, environment variables and a config file through ops/load-config.ts, which
 * validates every value (the settings and their defaults: ops/settings.ts, docs/configuration.md).
 */
import type { CollectorOptions } from "./collector/options.ts";
import type { HttpLimits } from "./connection-limits.ts";

/** Pino's levels; "silent" writes nothing. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  /** Data folder of the embedded store; null keeps everything in memory (tests). */
  dataDir: string | null;
  host: string;
  port: number;
  /** How often idle sessions are moved to Abandon and timed-out sessions are ended. */
  advanceEveryMs: number;
  /** Public base URL, used in tag snippets; derived from host and port when empty. */
  publicUrl: string;
  /**
   * Lets integrations send to loopback, private and link-local addresses (refused by default:
   * an editor could otherwise aim a webhook at internal services). Undefined: the
   * INTENTLY_ALLOW_PRIVATE_DESTINATIONS environment variable decides.
   */
  allowPrivateDestinations?: boolean;
  /**
   * How often each site's data retention is applied (retention.ts; the first run is shortly
   * after start). 0 disables it; undefined: DEFAULT_RETENTION_EVERY_MS.
   */
  retentionEveryMs?: number;
  /**
   * Header, body and idle deadlines and connection caps (connection-limits.ts); each field
   * defaults to DEFAULT_HTTP_LIMITS (headers 5 s, whole request 10 s, keep-alive 5 s, idle
   * socket 120 s, 4,096 connections, 64 per client address).
   */
  http?: Partial<HttpLimits>;
  /**
   * Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (IP addresses, CIDR blocks,
   * or loopback / linklocal / uniquelocal); empty: none, the socket's address is the client's.
   */
  trustProxy?: readonly string[];
  /** JSON log lines (pino) at this level and above; "silent" (the default here) writes none. */
  logLevel?: LogLevel;
  /** Where log lines go (default standard output); tests capture them. */
  logStream?: { write(line: string): void };
  /** Bearer token that opens /metrics; empty or undefined: /metrics answers 404. */
  metricsToken?: string;
  /** Model retraining period; 0 disables it; undefined: DEFAULT_TRAIN_EVERY_HOURS. */
  trainEveryMs?: number;
  /** How long delivered integration messages are kept; undefined: 7 days. */
  outboxRetentionMs?: number;
  /** Collector limits over DEFAULT_COLLECTOR_OPTIONS (used by DEFAULT_PLUGINS' collector). */
  collector?: Partial<CollectorOptions>;
}

/** Retention runs every 6 hours: days-long retentions need no finer grain. */
export const DEFAULT_RETENTION_EVERY_MS = 6 * 3_600_000;

export const DEFAULT_CONFIG: ServerConfig = {
  dataDir: ".data/intently",
  host: "127.0.0.1",
  port: 8080,
  advanceEveryMs: 5000,
  publicUrl: "",
  retentionEveryMs: DEFAULT_RETENTION_EVERY_MS,
};

export function publicUrlOf(c: ServerConfig, port = c.port): string {
  return c.publicUrl || `http://${c.host === "0.0.0.0" ? "127.0.0.1" : c.host}:${port}`;
}
