/** Server configuration: one default object, overridden by flags or environment. */

export interface ServerConfig {
  /** Data folder of the embedded store; null keeps everything in memory (tests). */
  dataDir: string | null;
  host: string;
  port: number;
  /** How often idle sessions are moved to Abandon and timed-out sessions are ended. */
  advanceEveryMs: number;
  /** Public base URL, used in tag snippets; derived from host and port when empty. */
  publicUrl: string;
}

export const DEFAULT_CONFIG: ServerConfig = {
  dataDir: ".data/intently",
  host: "127.0.0.1",
  port: 8080,
  advanceEveryMs: 5000,
  publicUrl: "",
};

export function publicUrlOf(c: ServerConfig, port = c.port): string {
  return c.publicUrl || `http://${c.host === "0.0.0.0" ? "127.0.0.1" : c.host}:${port}`;
}
