/**
 * The live hub on a bare node:http server with a fake view: snapshots coalesced to at most one
 * per interval, the clock refreshing only views that show sessions, heartbeats, close().
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import type { LiveView } from "@intently/store";
import { LiveHub } from "../src/api/reports/live-hub.ts";
import { SseStream } from "./support-api/sse.ts";

let total = 0;
const view = (): LiveView => {
  return { now: Date.now(), total, bySegment: {}, byState: {}, hiddenBots: 0, sessions: [] };
};
const hub = new LiveHub(view, { minIntervalMs: 250, heartbeatMs: 100 });
let server: Server;
let url: string;

before(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    hub.open({ site: new URL(req.url!, "http://x").pathname.slice(1), limit: 10 }, "u1", res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  hub.close();
  await new Promise((r) => server.close(r));
});

const snapshots = (s: SseStream) => s.events.filter((e) => e.event === "snapshot").length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("changes are coalesced: at most one snapshot per 250 ms, the last change always sent", async () => {
  const s = await SseStream.open(`${url}/a`);
  await s.nth("snapshot", 1);
  const t0 = Date.now();
  while (Date.now() - t0 < 1000) {
    hub.changed("a");
    hub.changed("b"); // another site: no snapshot here
    await sleep(5);
  }
  total = 7;
  hub.changed("a");
  await s.until(
    () => s.events.some((e) => JSON.parse(e.data).total === 7),
    5000,
    "the last change",
  );
  // 1 s of changes: the first snapshot, then at most 1 per 250 ms (+1 for the last change).
  assert.ok(snapshots(s) <= 1 + 5 + 1, `${snapshots(s)} snapshots`);
  assert.ok(snapshots(s) >= 3, `${snapshots(s)} snapshots`);
  s.close();
});

test("a clock tick refreshes views showing sessions, not empty ones; heartbeats are comments", async () => {
  total = 0;
  const empty = await SseStream.open(`${url}/empty`);
  await empty.nth("snapshot", 1);
  total = 2;
  const busy = await SseStream.open(`${url}/busy`);
  await busy.nth("snapshot", 1);
  hub.changed(null);
  await busy.nth("snapshot", 2);
  await empty.until(() => empty.comments >= 2, 5000, "heartbeats");
  assert.equal(snapshots(empty), 1);
  assert.equal(hub.refusal("busy", "u1"), null);
  hub.close();
  await busy.until(() => busy.ended, 5000, "the end of the stream");
  await empty.until(() => empty.ended, 5000, "the end of the stream");
  assert.equal(hub.size, 0);
});
