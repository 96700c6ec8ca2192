/**
 * Deleting rows in ClickHouse: `ALTER TABLE … DELETE WHERE` (18.16 has no `DELETE FROM`) starts
 * a mutation that runs in the background; 18.16 cannot be asked to wait (`mutations_sync` came
 * later). `deleteWhere` counts the rows first, starts the mutation and polls
 * `system.mutations` until it is done, for at most `timeoutMs`, so that a caller (erasure,
 * retention) returns only once the rows are gone. A mutation that outlasts the bound throws.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { type Ch, n } from "./client.ts";
import type { TableName } from "./schema.ts";
import { str } from "./sql.ts";

export const MUTATION_TIMEOUT_MS = 120_000;

/** Deletes the rows of `table` where `where` holds; answers how many there were (FINAL). */
export async function deleteWhere(
  ch: Ch,
  table: TableName,
  where: string,
  timeoutMs = MUTATION_TIMEOUT_MS,
): Promise<number> {
  const final = table === "page_views" ? "" : " FINAL";
  const count = n((await ch.row(`SELECT count() AS c FROM ${table}${final} WHERE ${where}`)).c);
  if (count === 0) return 0;
  await ch.command(`ALTER TABLE ${table} DELETE WHERE ${where}`);
  await waitForMutations(ch, table, timeoutMs);
  return count;
}

/** Waits until no mutation of `table` is left to do (bounded). */
export async function waitForMutations(ch: Ch, table: TableName, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    const r = await ch.row(
      // Only the columns 18.16 has (no latest_fail_reason): a failing mutation times out.
      `SELECT count() AS pending FROM system.mutations
       WHERE database = ${str(ch.database)} AND table = ${str(table)} AND is_done = 0`,
    );
    if (n(r.pending) === 0) return;
    if (Date.now() > deadline)
      throw new Error(`ClickHouse mutation of ${table} not done after ${timeoutMs} ms`);
    await sleep(wait);
  }
}
