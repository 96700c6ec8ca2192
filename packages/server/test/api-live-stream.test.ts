/**
 * GET /api/sites/:site/live/stream over real HTTP: the live view at once, an update when the
 * engine processes events (coalesced), the same auth as GET /live, the per-user limit with
 * cleanup on disconnect, and a prompt server close with streams open.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { liveStreamsOf } from "../src/api/reports/live-stream.ts";
import { Client } from "./support-api/client.ts";
import { liveSession } from "./support-api/live.ts";
import { ADMIN, startApi, type World, world } from "./support-api/server.ts";
import { SseStream } from "./support-api/sse.ts";

interface View {
  now: number;
  total: number;
  sessions: { session: string; visitor: string; pageViews: number }[];
}

let w: World;
let path: string;
const open: SseStream[] = [];

async function stream(c: Client, p = path): Promise<SseStream> {
  const headers: Record<string, string> = c.token
    ? { authorization: `Bearer ${c.token}` }
    : c.cookie
      ? { cookie: c.cookie }
      : {};
  const s = await SseStream.open(`${w.url}${p}`, headers);
  open.push(s);
  return s;
}

const hub = () => liveStreamsOf(w.server.ctx)!;

/** Waits for server-side cleanup (a wait, not a timing assertion). */
async function waitFor(ok: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

before(async () => {
  w = await world();
  path = `/api/sites/${w.a.site}/live/stream?limit=10`;
});

after(async () => {
  for (const s of open) s.close();
  await w.server.close();
});

test("the stream sends the live view at once, then a snapshot when the engine processes events", async () => {
  const s = await stream(w.viewer);
  assert.equal(s.status, 200);
  assert.match(String(s.res.headers["content-type"]), /^text\/event-stream/);
  assert.equal(s.res.headers["cache-control"], "no-cache, no-transform");
  const first = await s.nth<View>("snapshot", 1);
  assert.equal(first.total, 0);
  assert.deepEqual(first.sessions, []);

  liveSession(w.server, w.a.site, "stream-visitor", "stream-session");
  const second = await s.nth<View>("snapshot", 2);
  assert.equal(second.total, 1);
  assert.equal(second.sessions[0]?.session, "stream-session");
  assert.equal(second.sessions[0]?.pageViews, 3);
  // Three events processed in one go make one snapshot, not three.
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(s.events.filter((e) => e.event === "snapshot").length, 2);

  // The same view as GET /live.
  const polled = await w.viewer.get(`/api/sites/${w.a.site}/live?limit=10`);
  assert.deepEqual(
    polled.body.sessions.map((x: { session: string }) => x.session),
    second.sessions.map((x) => x.session),
  );
  s.close();
});

test("same auth as GET /live: 401 without a session, 404 for another workspace, tokens work", async () => {
  const anon = await stream(new Client(w.url));
  assert.equal(anon.status, 401);
  assert.match(JSON.parse(await anon.text()).message, /authentication required/);
  const forged = new Client(w.url);
  forged.cookie = "intently_session=forged-session-value";
  assert.equal((await stream(forged)).status, 401);
  const other = await stream(w.other);
  assert.equal(other.status, 404);

  const tok = await w.admin.post(`/api/workspaces/${w.a.workspace}/tokens`, {
    name: "stream",
    role: "viewer",
  });
  const byToken = await stream(Client.withToken(w.url, tok.body.token));
  assert.equal(byToken.status, 200);
  await byToken.nth("snapshot", 1);
  byToken.close();
  // A bad query is refused before the stream starts.
  assert.equal((await stream(w.viewer, `${path}0000`)).status, 400);
});

test("at most 4 streams per user and site (429); a disconnect frees its place", async () => {
  for (const s of open) s.close();
  await waitFor(() => hub().size === 0, "the earlier streams to close");
  const mine: SseStream[] = [];
  for (let i = 0; i < 4; i++) {
    const s = await stream(w.editor);
    assert.equal(s.status, 200);
    await s.nth("snapshot", 1);
    mine.push(s);
  }
  const fifth = await stream(w.editor);
  assert.equal(fifth.status, 429);
  assert.equal(fifth.res.headers["retry-after"], "30");
  assert.match(JSON.parse(await fifth.text()).message, /at most 4 per user and site/);
  // Another user of the same site is not affected.
  const viewer = await stream(w.viewer);
  assert.equal(viewer.status, 200);

  assert.equal(hub().size, 5);
  mine[0]!.close();
  await waitFor(() => hub().size === 4, "the closed stream to be removed");
  const again = await stream(w.editor);
  assert.equal(again.status, 200);
  for (const s of [...mine, viewer, again]) s.close();
});

test("the server closes promptly with streams open, and the streams end", async () => {
  const server = await startApi();
  const c = new Client(server.url);
  assert.equal((await c.login(ADMIN.email, ADMIN.password)).status, 200);
  const sites = await c.get("/api/workspaces/default/sites");
  const site =
    sites.body[0]?.id ??
    (await c.post("/api/workspaces/default/sites", { name: "S", allowedOrigins: [] })).body.id;
  const streams = await Promise.all(
    [1, 2].map(() =>
      SseStream.open(`${server.url}/api/sites/${site}/live/stream`, { cookie: c.cookie! }),
    ),
  );
  for (const s of streams) await s.nth("snapshot", 1);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    server.close(),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error("close() waited for the open streams")), 10_000);
    }),
  ]);
  clearTimeout(timer);
  for (const s of streams) await s.until(() => s.ended, 5000, "the stream's end");
  assert.equal(liveStreamsOf(server.ctx)?.size, 0);
});
