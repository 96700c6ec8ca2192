/**
 * One maintenance task at a time on a log's segment files: compression (log-compress.ts),
 * rewrites (log-rewrite.ts) and the backup's copy each run alone, in the order they asked.
 * Without it an erasure could rewrite a segment while its compressed copy is being written,
 * and the compressed copy — holding the erased batch — would replace the rewritten segment.
 * Appends never wait: they go to the open segment, which none of these touch.
 */
import { resolve } from "node:path";

const tails = new Map<string, Promise<unknown>>();

export function withLogLock<T>(dir: string, task: () => Promise<T> | T): Promise<T> {
  const key = resolve(dir);
  const before = tails.get(key) ?? Promise.resolve();
  const run = before.then(task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
