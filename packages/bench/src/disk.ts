/**
 * `intently bench disk` (issue 24): what the data folder costs per million events. Simulated
 * sessions (5–40 events, batches of 1–10, 2 % sent again under the same batch id) go through
 * the real collector (the standalone server, `@intently/server/collector-serve`, its durable
 * log and DuckDB store) from the collector bench's load generator (collector/load.ts), bounded in
 * count and time, on 127.0.0.1. The server is then closed gracefully (sessions ended, the store
 * flushed) and the folder measured by part: the log as appended (plain) and once its segments
 * are compressed as the server compresses them, and the DuckDB file.
 *
 * The codecs are compared on the same segments: bytes out, and CPU per plain MB (process CPU
 * time, which includes the libuv threads zlib's async API runs on) to compress and decompress.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, brotliDecompress, constants, gunzip, gzip } from "node:zlib";
import { compressLogDir, listSegments, readSegment } from "@intently/server";
import { simulateSessions } from "@intently/simulator";
import { exited } from "./child.ts";
import { round, spreadOf } from "./runner.ts";

const SITE_KEY = "pk_bench_disk";
const ORIGIN = "https://shop.example";
const MB = 1024 * 1024;
const RESEND_EVERY = 50;
/** Batches of this many sessions are interleaved, as concurrent shoppers' batches are. */
const INTERLEAVE = 400;

export interface DiskBenchOptions {
  /** Events to send (resends not counted). */
  events: number;
  concurrency: number;
  maxSeconds: number;
  seed: number;
  /** Rounds of the codec comparison (medians reported). */
  codecRounds: number;
  /** Leave the data folder here (a new folder) to look at it; by default it is deleted. */
  keep?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
// Resolved when a bench runs, not when the CLI loads: the production build has no tsx.
const serveScript = () => fileURLToPath(import.meta.resolve("@intently/server/collector-serve"));

function child(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", import.meta.resolve("tsx"), script, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
}

function firstLine<T>(p: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    p.once("exit", (code) => reject(new Error(`bench child exited early (${code})`)));
    createInterface({ input: p.stdout! }).once("line", (l) => resolve(JSON.parse(l) as T));
  });
}

/** A deterministic draw in [0, n) from two integers (no state: the request set is reproducible). */
const pick = (a: number, b: number, n: number) =>
  ((Math.imul(a + 1, 2654435761) ^ Math.imul(b + 7, 40503)) >>> 0) % n;

/** Request bodies (one per line) and the events they carry, resends excluded. */
export function diskRequestSet(
  events: number,
  seed: number,
): { lines: string[]; events: number; sessions: number } {
  type Pending = { batches: string[]; next: number };
  const lines: string[] = [];
  const active: Pending[] = [];
  let sent = 0;
  let batches = 0;
  const emit = (n: number) => {
    while (active.length > n) {
      const i = pick(batches, lines.length, active.length);
      const s = active[i]!;
      const body = s.batches[s.next++]!;
      lines.push(body);
      if (++batches % RESEND_EVERY === 0) lines.push(body); // sent again: a duplicate
      if (s.next >= s.batches.length) active.splice(i, 1);
    }
  };
  let n = 0;
  for (const s of simulateSessions({ sessions: Math.ceil(events / 5), seed, days: 1 })) {
    if (sent >= events) break;
    if (s.events.length < 5) continue;
    const evs = s.events.slice(0, Math.min(40, events - sent));
    const mine: string[] = [];
    for (let i = 0; i < evs.length; ) {
      const size = 1 + pick(n, i, 10);
      const chunk = evs.slice(i, i + size);
      i += chunk.length;
      mine.push(
        JSON.stringify({
          site: SITE_KEY,
          batch: `b${n}_${mine.length}`,
          visitor: s.visitor,
          session: s.session,
          sentAt: chunk.at(-1)!.t + 50,
          context: s.context,
          events: chunk,
        }),
      );
    }
    sent += evs.length;
    n++;
    active.push({ batches: mine, next: 0 });
    emit(INTERLEAVE);
  }
  emit(0);
  return { lines, events: sent, sessions: n };
}

function bytesUnder(dir: string, keep: (name: string) => boolean = () => true): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += bytesUnder(p, keep);
    else if (e.isFile() && keep(e.name)) total += statSync(p).size;
  }
  return total;
}

const codecs = {
  "gzip-1": (b: Buffer) => promisify(gzip)(b, { level: 1 }),
  "gzip-6": (b: Buffer) => promisify(gzip)(b, { level: 6 }),
  "gzip-9": (b: Buffer) => promisify(gzip)(b, { level: 9 }),
  ...Object.fromEntries(
    [4, 5, 6, 9].map((q) => [
      `brotli-${q}`,
      (b: Buffer) =>
        promisify(brotliCompress)(b, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: q,
            [constants.BROTLI_PARAM_SIZE_HINT]: b.length,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          },
        }),
    ]),
  ),
} as Record<string, (b: Buffer) => Promise<Buffer>>;

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * Each codec on the same plain segments, `rounds` times in a rotating order: ratio, and the
 * median CPU ms per plain MB to compress and to decompress (with its spread).
 */
async function compareCodecs(
  segments: Buffer[],
  rounds: number,
  perMillion: (bytes: number) => number,
) {
  const plain = segments.reduce((s, b) => s + b.length, 0);
  const perMB = (us: number) => us / 1000 / (plain / MB);
  const names = Object.keys(codecs);
  const runs = new Map(
    names.map((n) => [n, { bytes: 0, pack: [] as number[], unpack: [] as number[] }]),
  );
  // Untimed warm-up: the first call of each pays for loading and JIT, not for the bytes.
  const sample = segments[0]?.subarray(0, MB) ?? Buffer.alloc(0);
  for (const fn of Object.values(codecs)) await fn(sample);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + r) % names.length]!;
      const run = runs.get(name)!;
      let c0 = cpuUs();
      const packed: Buffer[] = [];
      for (const s of segments) packed.push(await codecs[name]!(s));
      run.pack.push(perMB(cpuUs() - c0));
      run.bytes = packed.reduce((s, p) => s + p.length, 0);
      const inflate = name.startsWith("gzip") ? promisify(gunzip) : promisify(brotliDecompress);
      c0 = cpuUs();
      for (const p of packed) await inflate(p);
      run.unpack.push(perMB(cpuUs() - c0));
    }
  }
  return Object.fromEntries(
    [...runs].map(([name, run]) => {
      const pack = spreadOf(run.pack);
      const unpack = spreadOf(run.unpack);
      return [
        name,
        {
          ratio: round(plain / Math.max(1, run.bytes), 2),
          logPerMillionEventsMB: perMillion(run.bytes),
          compressCpuMsPerMB: round(pack.median, 1),
          compressSpread: round(pack.spread, 2),
          decompressCpuMsPerMB: round(unpack.median, 1),
          decompressSpread: round(unpack.spread, 2),
        },
      ];
    }),
  );
}

export async function benchDisk(o: DiskBenchOptions) {
  const dir = mkdtempSync(join(tmpdir(), "intently-bench-disk-"));
  const dataDir = o.keep ?? join(dir, "data");
  if (o.keep && existsSync(o.keep)) throw new Error(`${o.keep} exists: give a new folder`);
  const logDir = join(dataDir, "log");
  let server: ChildProcess | null = null;
  try {
    const set = diskRequestSet(o.events, o.seed);
    const file = join(dir, "requests.ndjson");
    writeFileSync(file, `${set.lines.join("\n")}\n`);
    server = child(serveScript(), [
      ...["--data-dir", dataDir, "--site-key", SITE_KEY, "--origins", ORIGIN],
      // The volume is measured, not the limits.
      ...["--site-rate", "1000000", "--visitor-rate", "1000000"],
    ]);
    const { port } = await firstLine<{ port: number }>(server);
    const loadAvgStart = loadavg();
    const load = child(join(here, "collector", "load.ts"), [
      ...["--port", String(port), "--file", file, "--origin", ORIGIN],
      ...["--concurrency", String(o.concurrency), "--max-seconds", String(o.maxSeconds)],
    ]);
    const sent = await firstLine<{
      sent: number;
      done: number;
      ok: number;
      statuses: Record<string, number>;
      errors: number;
      elapsedMs: number;
    }>(load);
    await exited(load, 10_000);
    server.kill("SIGTERM");
    if ((await exited(server, 300_000)) !== 0) throw new Error("the server did not close cleanly");
    const complete = sent.done === set.lines.length && sent.ok === sent.done;
    const segments = listSegments(logDir).map((s) => readSegment(s));
    const logPlain = segments.reduce((s, b) => s + b.length, 0);
    const duckdb = bytesUnder(dataDir, (n) => n.startsWith("intently.duckdb"));
    const perMillion = (bytes: number) => round((bytes / MB) * (1e6 / set.events), 1);
    const codecTable = await compareCodecs(segments, o.codecRounds, perMillion);
    const c0 = cpuUs();
    await compressLogDir(logDir);
    const compressCpuMs = (cpuUs() - c0) / 1000;
    const logCompressed = bytesUnder(logDir);
    const total = bytesUnder(dataDir);
    return {
      events: set.events,
      sessions: set.sessions,
      requests: set.lines.length,
      resends: Math.floor(set.lines.length / (RESEND_EVERY + 1)),
      load: { ...sent, complete },
      perMillionEventsMB: {
        logPlain: perMillion(logPlain),
        logCompressed: perMillion(logCompressed),
        duckdb: perMillion(duckdb),
        dataFolder: perMillion(total),
        dataFolderWithPlainLog: perMillion(total - logCompressed + logPlain),
      },
      bytes: { logPlain, logCompressed, duckdb, dataFolder: total },
      logSegments: segments.length,
      compressionRatio: round(logPlain / Math.max(1, logCompressed), 2),
      compressCpuMsPerMB: round(compressCpuMs / Math.max(1e-9, logPlain / MB), 1),
      codecs: codecTable,
      machine: {
        cores: availableParallelism(),
        loadAvgStart: loadAvgStart.map((x) => round(x, 2)),
        loadAvgEnd: loadavg().map((x) => round(x, 2)),
      },
      config: { ...o, batchEvents: "1-10", resendShare: 1 / RESEND_EVERY },
    };
  } finally {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill("SIGKILL");
      await exited(server, 10_000);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
