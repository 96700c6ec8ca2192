/**
 * The outbox: batches waiting to be sent, bounded by events (oldest dropped first), kept in
 * localStorage while they cannot be delivered so the next page can retry them.
 */
import type { Batch } from "../types.ts";
import { read, write } from "./storage.ts";

export const QUEUE_SIZE = 500;
const KEY = "_intently_q";

export let outbox: Batch[] = [];

export function load(): void {
  outbox = read<Batch[]>(KEY) ?? [];
}

export function add(b: Batch, max: number): void {
  outbox.push(b);
  let n = 0;
  for (const x of outbox) n += x.events.length;
  // length > 1: shift() has a batch.
  while (n > max && outbox.length > 1) n -= (outbox.shift() as Batch).events.length;
}

export function remove(b: Batch): void {
  const i = outbox.indexOf(b);
  if (i >= 0) outbox.splice(i, 1);
}

export function save(): void {
  write(KEY, outbox.length ? outbox : undefined, false);
}

export function clear(): void {
  outbox = [];
  save();
}
