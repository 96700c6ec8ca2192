/** Server configuration: one default object, overridden by flags or environment. */
import type { HttpLimits } from "./connection-limits.ts";

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
