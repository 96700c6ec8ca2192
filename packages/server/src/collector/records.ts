/** What the collector writes to its log: accepted batches and checkpoints (JSON payloads). */
import type { Context, Event } from "@intently/engine";

/** One accepted batch, as applied: site id (not key), corrected event times, filled context. */
export interface BatchRecord {
  k: "b";
  /** Server receive time, epoch ms. */
  at: number;
  /** Site id (the engine's and the store's key). */
  site: string;
  visitor: string;
  session: string;
  batch: string;
  /** Clock offset added to every event time (receive time − sentAt), ms. */
  off: number;
  /** Content hash of the batch as received (idempotency.ts contentHash), 48 bits. */
  h?: number;
  context?: Context;
  events: Event[];
}

/**
 * Every batch record with a sequence number ≤ `upTo` has been applied and its rows flushed to
 * the store. `ended`: the live sessions were also ended in the store (graceful shutdown), so
 * replay must not revive them.
 */
export interface CheckpointRecord {
  k: "c";
  at: number;
  upTo: number;
  ended?: boolean;
}

export type LogRecord = BatchRecord | CheckpointRecord;

export interface LogEntry {
  seq: number;
  record: LogRecord;
}

export function parseRecord(payload: Buffer): LogRecord | null {
  try {
    const r = JSON.parse(payload.toString("utf8")) as LogRecord;
    return r && (r.k === "b" || r.k === "c") ? r : null;
  } catch {
    return null;
  }
}

/**
 * Idempotency and session keys: site id, session id (and batch id). Joined, not concatenated:
 * `join` makes one flat string, where `+` or a template makes a tree of cons strings (32 bytes
 * a node, the pieces kept alive) that the idempotency index would hold for 24 hours (issue 24).
 */
export const sessionKey = (site: string, session: string) => [site, session].join("\u0000");
export const batchKey = (site: string, session: string, batch: string) =>
  [site, session, batch].join("\u0000");
