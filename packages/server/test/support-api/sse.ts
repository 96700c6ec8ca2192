/** A Server-Sent Events client for tests over node:http: status, headers, parsed events. */
import { type ClientRequest, type IncomingMessage, request } from "node:http";

export interface SseEvent {
  event: string;
  data: string;
}

export class SseStream {
  readonly events: SseEvent[] = [];
  /** Comment lines seen (heartbeats). */
  comments = 0;
  ended = false;
  private buffer = "";
  private waiters: (() => void)[] = [];

  private constructor(
    readonly res: IncomingMessage,
    private readonly req: ClientRequest,
  ) {
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => this.feed(chunk));
    res.on("close", () => {
      this.ended = true;
      this.wake();
    });
  }

  /** GETs `url` with `headers`; resolves once the status line and headers arrived. */
  static open(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: "text/event-stream", ...headers } });
      req.on("response", (res) => resolve(new SseStream(res, req)));
      req.on("error", reject);
      req.end();
    });
  }

  get status(): number {
    return this.res.statusCode ?? 0;
  }

  /** The whole body, for an answer that is not a stream (waits for its end). */
  async text(): Promise<string> {
    await this.until(() => this.ended);
    return this.buffer;
  }

  /** Waits until the `n`-th event (1-based) of type `event` has arrived; returns its data. */
  async nth<T = unknown>(event: string, n: number, timeoutMs = 10_000): Promise<T> {
    const of = () => this.events.filter((e) => e.event === event);
    await this.until(() => of().length >= n || this.ended, timeoutMs, `${n} "${event}" events`);
    const e = of()[n - 1];
    if (!e) throw new Error(`the stream ended after ${of().length} "${event}" events`);
    return JSON.parse(e.data) as T;
  }

  /** Waits until `ok()` holds (a wait for the stream, not a timing assertion). */
  until(ok: () => boolean, timeoutMs = 10_000, what = "the condition"): Promise<void> {
    if (ok()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      const check = () => {
        if (!ok()) return void this.waiters.push(check);
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  /** Disconnects, as a browser tab that closes. */
  close(): void {
    this.req.destroy();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    if (this.status !== 200) {
      this.wake();
      return;
    }
    let at = this.buffer.indexOf("\n\n");
    while (at >= 0) {
      const block = this.buffer.slice(0, at);
      this.buffer = this.buffer.slice(at + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) this.comments++;
        else if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
      }
      if (data.length > 0) this.events.push({ event, data: data.join("\n") });
      at = this.buffer.indexOf("\n\n");
    }
    this.wake();
  }
}
