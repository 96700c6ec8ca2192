import type { EventLine } from "@intently/engine";

/** What an importer reports besides its events: rows it could not use, with reasons. */
export interface ImportStats {
  rows: number;
  badRows: number;
  /** The first few reasons, for the user. */
  reasons: { row: number; reason: string }[];
}

export const MAX_REASONS = 5;

export function newStats(): ImportStats {
  return { rows: 0, badRows: 0, reasons: [] };
}

export function bad(stats: ImportStats, row: number, reason: string): void {
  stats.badRows++;
  if (stats.reasons.length < MAX_REASONS) stats.reasons.push({ row, reason });
}

/** An importer turns the lines of a file (in order) into event lines, counting bad rows. */
export type Importer = (
  lines: Iterable<string> | AsyncIterable<string>,
  stats: ImportStats,
) => AsyncGenerator<EventLine>;
