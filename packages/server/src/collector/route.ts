/**
 * HTTP for the collector: `POST /v1/collect` and its CORS preflight, in an encapsulated Fastify
 * context with its own body parsers (application/json and text/plain — the tag's type, which
 * needs no preflight — both read as text and parsed by the collector), a 64 KB body limit,
 * load shedding before the body is read, and errors as `{error, …}` with a 4xx status.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Collector, Reply } from "./collector.ts";

export const COLLECT_PATH = "/v1/collect";
export const ACCEPTED_TYPES = ["application/json", "text/plain"];
const PREFLIGHT_MAX_AGE_S = 86_400;

function origin(req: FastifyRequest): string | undefined {
  const o = req.headers.origin;
  return typeof o === "string" && o.length > 0 ? o : undefined;
}

/** CORS headers every collector answer carries; the origin is withdrawn when refused. */
function corsHeaders(req: FastifyRequest, reply: FastifyReply): void {
  reply.header("vary", "Origin");
  reply.header("cache-control", "no-store");
  const o = origin(req);
  if (o) {
    reply.header("access-control-allow-origin", o);
    reply.header("access-control-expose-headers", "Retry-After");
  }
}

function send(reply: FastifyReply, r: Reply): FastifyReply {
  if (r.denyOrigin) reply.removeHeader("access-control-allow-origin");
  if (r.retryAfter !== undefined) reply.header("retry-after", String(r.retryAfter));
  if (r.duplicate) reply.header("intently-duplicate", "1");
  return reply.code(r.status).send(r.body);
}

function errorReply(err: FastifyError, maxBodyBytes: number): Reply {
  switch (err.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { status: 413, body: { error: "body too large", limit: maxBodyBytes } };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return { status: 415, body: { error: "unsupported content type", accepted: ACCEPTED_TYPES } };
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, body: { error: err.message } };
  return { status: 500, body: { error: "internal error" } };
}

export function registerCollectRoutes(app: FastifyInstance, collector: Collector): void {
  const limit = collector.options.maxBodyBytes;
  app.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser(
      ACCEPTED_TYPES,
      { parseAs: "string", bodyLimit: limit },
      (_req, body, done) => done(null, body),
    );
    child.setErrorHandler((err: FastifyError, _req, reply) => {
      send(reply, errorReply(err, limit));
    });
    child.addHook("onRequest", (req, reply, done) => {
      corsHeaders(req, reply);
      if (req.method === "POST") {
        const refused = collector.admit();
        if (refused) {
          send(reply, refused);
          return;
        }
        // In flight until the answer is sent or the connection dies ('close' covers both).
        reply.raw.once("close", () => collector.release());
      }
      done();
    });

    child.post(COLLECT_PATH, { bodyLimit: limit }, async (req, reply) => {
      if (req.body === undefined && req.headers["content-type"] === undefined) {
        return send(reply, {
          status: 415,
          body: { error: "missing content type", accepted: ACCEPTED_TYPES },
        });
      }
      return send(reply, await collector.collect(req.body, req.headers));
    });

    child.options(COLLECT_PATH, async (req, reply) => {
      const o = origin(req);
      if (!o) return reply.code(204).send();
      const q = req.query as Record<string, unknown>;
      const site = typeof q.site === "string" ? q.site : undefined;
      if (!(await collector.preflightAllowed(o, site))) {
        return send(reply, {
          status: 403,
          body: { error: "origin not allowed" },
          denyOrigin: true,
        });
      }
      return reply
        .code(204)
        .header("access-control-allow-methods", "POST, OPTIONS")
        .header("access-control-allow-headers", "content-type")
        .header("access-control-max-age", String(PREFLIGHT_MAX_AGE_S))
        .send();
    });
  });
}
