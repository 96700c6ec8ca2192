/**
 * Applies accepted batches one at a time, in log order, in time slices. A batch's events are
 * applied synchronously otherwise, and each event evaluates every live segment of the site
 * (up to ~40 ms with the regex budget, MAX_SITE_REGEX_STEPS), so a 100-event batch could hold
 * the event loop for seconds. Here a batch yields (setImmediate) before an event once the
 * current slice has run SLICE_MS: the loop is held for at most one slice plus one event.
 *
 * One queue for every session, rather than one per session: batches are applied exactly in log
 * order, as before (a session's batches never interleave, nor do any two batches), so batches
 * finish in sequence order and the checkpoint's "applied up to" stays a prefix of the log.
 */
import { setImmediate as nextTurn } from "node:timers/promises";

/** Longer than almost any batch takes (~20 µs an event), so yielding is for slow paths only. */
export const SLICE_MS = 10;

export class ApplySlices {
  private readonly jobs: (() => Promise<void>)[] = [];
  private running = false;
  private sliceStart = 0;
  private idle: (() => void)[] = [];
  /** Run at the next job boundary, once each (a Set: a tick due twice runs once). */
  private readonly boundary = new Set<() => void>();

  constructor(private readonly sliceMs = SLICE_MS) {}

  /** Batches waiting or being applied. */
  get depth(): number {
    return this.jobs.length + (this.running ? 1 : 0);
  }

  /** Runs `job` after every job queued before it; it starts now when nothing is queued. */
  run<T>(job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push(async () => {
        try {
          resolve(await job());
        } catch (e) {
          reject(e);
        }
      });
      if (!this.running) void this.loop();
    });
  }

  /** Runs `fn` between two jobs: now when none is running, else once the current one ends. */
  between(fn: () => void): void {
    if (this.running) this.boundary.add(fn);
    else fn();
  }

  /** Whether the current slice has run its length (checked before each event). */
  due(): boolean {
    return performance.now() - this.sliceStart >= this.sliceMs;
  }

  /** Yields the event loop for a turn, then starts a new slice. */
  async pause(): Promise<void> {
    await nextTurn();
    this.sliceStart = performance.now();
  }

  /** Resolves once nothing is queued or running. */
  async drain(): Promise<void> {
    while (this.running) await new Promise<void>((r) => this.idle.push(r));
  }

  private runBetween(): void {
    for (const fn of this.boundary) {
      this.boundary.delete(fn);
      try {
        fn();
      } catch {
        // the host's tick reports its own failures; the queue goes on
      }
    }
  }

  private async loop(): Promise<void> {
    this.running = true;
    this.sliceStart = performance.now();
    try {
      for (let job = this.jobs.shift(); job; job = this.jobs.shift()) {
        await job();
        this.runBetween();
      }
    } finally {
      this.running = false;
      this.runBetween();
      const waiting = this.idle;
      this.idle = [];
      for (const r of waiting) r();
    }
  }
}
