/**
 * The live view in real time:
 *   GET /api/sites/:site/live/stream?segment&limit    text/event-stream
 * Same access (viewer), query and JSON as GET /live; a GET, so the session cookie is enough
 * and `new EventSource(url)` works from the dashboard. Events (see live-hub.ts):
 *   retry: 3000                        reconnect delay for EventSource
 *   event: snapshot / data: {LiveView} at once, then on every change, at most 4 per second;
 *                                      rows carry why their scores last moved (live-reasons.ts)
 *   : keep-alive                       a comment every 15 s
 * 429 when the user already has 4 streams open on the site (or the site 100). Streams end on
 * client disconnect and when the server closes.
 */
import type { ServerResponse } from "node:http";
import { Type } from "@fastify/type-provider-typebox";
import { Id, LiveStreamAnswer, SiteParams } from "@intently/api-contract";
import { liveView } from "@intently/store";
import type { AppContext } from "../../context.ts";
import { principalOf, siteOf } from "../auth/principal.ts";
import { HttpError } from "../errors.ts";
import type { Api, ApiDeps } from "../types.ts";
import { LiveHub, type LiveHubOptions, type StreamQuery } from "./live-hub.ts";
import { LiveIndex } from "./live-index.ts";

export const LiveQuery = Type.Object({
  segment: Type.Optional(Id("only sessions in this segment now")),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});

const RETRY_MS = 3000;
const hubs = new WeakMap<AppContext, LiveHub>();

/** The live view of a query, from the engine's sessions in flight now. */
export function liveOf(ctx: AppContext, q: StreamQuery) {
  const { engine, recorder } = ctx.host;
  return liveView(engine.sessions(), {
    now: Date.now(),
    site: q.site,
    limit: q.limit,
    ...(q.segment !== undefined ? { segment: q.segment } : {}),
    bandsOf: (s) => engine.bandsOf(s),
    timelineOf: (s, id) => recorder.timeline(s, id),
  });
}

/** The live streams of a server (tests: how many are open). */
export function liveStreamsOf(ctx: AppContext): LiveHub | undefined {
  return hubs.get(ctx);
}

function startStream(res: ServerResponse): void {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    "x-accel-buffering": "no",
    "x-content-type-options": "nosniff",
    // The connection serves this stream only; it is not kept alive for reuse after it.
    connection: "close",
  });
  res.socket?.setNoDelay(true);
  res.write(`retry: ${RETRY_MS}\n\n`);
}

export function registerLiveStreamRoute(
  api: Api,
  deps: ApiDeps,
  options: Partial<LiveHubOptions> = {},
): void {
  const { ctx } = deps;
  const { host } = ctx;
  // Streams read an index kept up to date session by session, not a scan per snapshot.
  const index = new LiveIndex({
    sessions: () => host.engine.sessions(),
    get: (site, id) => host.engine.get(site, id),
    bandsOf: (site) => host.engine.bandsOf(site),
    timelineOf: (site, id) => host.recorder.timeline(site, id),
    scorerOf: (site) => host.scorerOf(site),
  });
  const hub = new LiveHub((q) => index.view(q), options);
  hubs.set(ctx, hub);
  const unsubscribeSessions = host.onLiveSessions({
    touched: (s) => index.touched(s),
    ended: (s) => index.ended(s),
    ticked: () => {
      index.prune(hub.sites());
      index.ticked();
    },
  });
  const unsubscribeChanges = host.onLiveChange((site) => hub.changed(site));
  const unsubscribe = () => {
    unsubscribeSessions();
    unsubscribeChanges();
  };
  // preClose, not onClose: Fastify's onClose hooks run after the HTTP server has closed, which
  // waits for every open response, so an open stream would hold the shutdown forever.
  api.addHook("preClose", (done) => {
    hub.close();
    done();
  });
  api.addHook("onClose", (_instance, done) => {
    unsubscribe();
    hub.close();
    done();
  });

  api.get("/sites/:site/live/stream", {
    config: { access: "viewer" },
    schema: {
      tags: ["reports"],
      summary: "The live view as Server-Sent Events: at once, then on every change (≤ 4/s)",
      description:
        "text/event-stream. `event: snapshot` carries the whole live view (the JSON of GET /live " +
        "with the same query) at once and whenever the site's sessions in flight change, at most " +
        "4 per second; a `: keep-alive` comment every 15 s. 429 beyond 4 open streams per user " +
        "and site. Unlike GET /live, a row the stream has shown before carries `reasons`: for " +
        "each score, its latest move and why (LiveReasons: Shapley values of the move among " +
        "the features that changed, in points, summing to the move).",
      params: SiteParams,
      querystring: LiveQuery,
      response: { 200: LiveStreamAnswer },
    },
    handler: async (req, reply) => {
      const site = siteOf(req).id;
      const user = principalOf(req).user.id;
      if (hub.closed) throw new HttpError(503, { message: "the server is shutting down" });
      const why = hub.refusal(site, user);
      if (why) throw new HttpError(429, { message: why, headers: { "retry-after": "30" } });
      reply.hijack();
      startStream(reply.raw);
      const q: StreamQuery = { site, limit: req.query.limit ?? 100 };
      if (req.query.segment !== undefined) q.segment = req.query.segment;
      hub.open(q, user, reply.raw);
    },
  });
}
