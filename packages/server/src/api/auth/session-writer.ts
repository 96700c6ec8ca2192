/**
 * Writes login sessions through to the store, one write at a time in call order (so a delete
 * queued after a save always lands after it). A failing store never fails the caller: the
 * first error of an outage is logged, the session keeps working in memory.
 */
import type { LoginSessions } from "@intently/store";

export class SessionWriter {
  private tail: Promise<void> = Promise.resolve();
  private failing = false;

  constructor(
    private readonly store: LoginSessions,
    private readonly warn: (line: string) => void,
  ) {}

  /** Queues `op`; resolves once it ran (or failed and was logged). Never rejects. */
  run(what: string, op: (store: LoginSessions) => Promise<unknown>): Promise<void> {
    const next = this.tail.then(async () => {
      try {
        await op(this.store);
        this.failing = false;
      } catch (e) {
        if (this.failing) return;
        this.failing = true;
        this.warn(
          `login sessions: could not ${what} (${(e as Error).message}); ` +
            "sessions keep working in memory but may not survive a restart",
        );
      }
    });
    this.tail = next;
    return next;
  }

  /** Resolves when every queued write is done. */
  idle(): Promise<void> {
    return this.tail;
  }
}
