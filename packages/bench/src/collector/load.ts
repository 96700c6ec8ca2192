/**
 * The bench's load generator, a process of its own: keep-alive HTTP/1.1 connections on raw
 * sockets (a client lighter than fetch or http.request, so the client is not the bottleneck
 * sooner than it must be), one request in flight per connection, each request sent once.
 *
 *   node load.ts --port P --file bodies.ndjson [--concurrency 48] [--max-seconds 30]
 *                [--origin https://shop.example]
 *
 * Prints `{sent, done, ok, statuses, errors, elapsedMs, p50ms, p99ms, cpuUs}`; ok = 2xx answers.
 */
import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { parseArgs } from "node:util";

const { values: v } = parseArgs({
  options: {
    port: { type: "string" },
    file: { type: "string" },
    concurrency: { type: "string", default: "48" },
    "max-seconds": { type: "string", default: "30" },
    origin: { type: "string", default: "https://shop.example" },
  },
});
const port = Number(v.port);
const head = (len: number) =>
  `POST /v1/collect HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${v.origin}\r\n` +
  `Content-Type: text/plain;charset=UTF-8\r\nContent-Length: ${len}\r\n\r\n`;
const requests = readFileSync(v.file!, "utf8")
  .split("\n")
  .filter((l) => l.length > 0)
  .map((body) => Buffer.from(head(Buffer.byteLength(body)) + body));

const latencies = new Float64Array(requests.length);
const statuses: Record<string, number> = {};
let next = 0;
let done = 0;
let ok = 0;
let errors = 0;
const deadline = performance.now() + Number(v["max-seconds"]) * 1000;
const start = performance.now();
const cpuAtStart = process.cpuUsage();
/** The generator's own CPU time over the run (µs), so the bench can tell who used the cores. */
const cpuAtEnd = () => {
  const u = process.cpuUsage(cpuAtStart);
  return u.user + u.system;
};
let finished = false;

function finish(): void {
  if (finished) return;
  finished = true;
  const elapsedMs = performance.now() - start;
  const lat = latencies.slice(0, done).sort();
  const q = (p: number) =>
    lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]! : 0;
  const result = {
    sent: next,
    done,
    ok,
    statuses,
    errors,
    elapsedMs,
    p50ms: q(0.5),
    p99ms: q(0.99),
    cpuUs: cpuAtEnd(),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

function connection(): void {
  const socket: Socket = connect({ port, host: "127.0.0.1", noDelay: true });
  let buf: Buffer = Buffer.alloc(0);
  let sentAt = 0;
  let inFlight = false;
  const send = () => {
    if (next >= requests.length || performance.now() > deadline) {
      socket.end();
      if (done + errors >= next) finish();
      return;
    }
    inFlight = true;
    sentAt = performance.now();
    socket.write(requests[next++]!);
  };
  socket.on("connect", send);
  socket.on("data", (d: Buffer) => {
    buf = buf.length === 0 ? d : Buffer.concat([buf, d]);
    for (;;) {
      const end = buf.indexOf("\r\n\r\n");
      if (end < 0) return;
      const header = buf.toString("latin1", 0, end);
      const len = Number(/\r\ncontent-length:\s*(\d+)/i.exec(header)?.[1] ?? 0);
      if (buf.length < end + 4 + len) return;
      buf = buf.subarray(end + 4 + len);
      const status = header.slice(9, 12);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status[0] === "2") ok++;
      latencies[done++] = performance.now() - sentAt;
      inFlight = false;
      send();
    }
  });
  socket.on("error", () => {
    if (inFlight) errors++;
    inFlight = false;
    if (done + errors >= next && next >= requests.length) finish();
  });
}

const concurrency = Math.max(1, Math.min(Number(v.concurrency), requests.length));
for (let i = 0; i < concurrency; i++) connection();
setTimeout(finish, Number(v["max-seconds"]) * 1000 + 10_000).unref();
