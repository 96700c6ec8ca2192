/** Streaming NDJSON in and out, with back-pressure and counted (never fatal) bad lines. */
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Writable } from "node:stream";

export interface BadLine {
  line: number;
  reason: string;
}

/** Yields parsed JSON values; unparsable lines go to `bad` (with their line number). */
export async function* readNdjson(path: string, bad: BadLine[]): AsyncGenerator<unknown> {
  const input = path === "-" ? process.stdin : createReadStream(path);
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of rl) {
    line++;
    const trimmed = text.trim();
    if (!trimmed) continue;
    try {
      yield JSON.parse(trimmed);
    } catch {
      bad.push({ line, reason: "not valid JSON" });
    }
  }
}

export class NdjsonWriter {
  private readonly out: Writable;
  private readonly owned: boolean;
  private buffer: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.owned = path !== "-";
    this.out = this.owned ? createWriteStream(path) : process.stdout;
  }

  /** Queues one value; awaits only when the stream asks to slow down. */
  async write(value: unknown): Promise<void> {
    const s = `${JSON.stringify(value)}\n`;
    this.buffer.push(s);
    this.size += s.length;
    if (this.size >= 1 << 16) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join("");
    this.buffer = [];
    this.size = 0;
    if (!this.out.write(chunk)) await new Promise<void>((r) => this.out.once("drain", () => r()));
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.owned)
      await new Promise<void>((r, j) => this.out.end((e?: Error | null) => (e ? j(e) : r())));
  }
}
