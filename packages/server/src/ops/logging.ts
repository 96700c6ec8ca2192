/**
 * Structured logs: Fastify's pino logger writing JSON lines, one per answered request (method,
 * route, status, time, request id) plus the server's warnings and errors. Nothing personal or
 * secret goes in: no client address, no query string, no body, no header; the route's pattern
 * (`/api/sites/:site/visitors/:visitor`) stands for the URL, and the header and credential
 * paths a future log call might add are redacted all the same.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from "fastify";
import type { ServerConfig } from "../config.ts";

const REDACT = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  "password",
  "*.password",
  "token",
  "*.token",
  "csrfToken",
  "*.csrfToken",
];

/** The route pattern when one matched, else the path without its query string. */
export function routeOf(req: FastifyRequest): string {
  const pattern = req.routeOptions?.url;
  if (pattern) return pattern;
  const url = req.url ?? "";
  const q = url.indexOf("?");
  return (q < 0 ? url : url.slice(0, q)).slice(0, 200);
}

/** An id a proxy sent (X-Request-Id, if it looks like one), else a new one. */
function requestId(raw: IncomingMessage): string {
  const given = raw.headers["x-request-id"];
  return typeof given === "string" && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
}

/** Collect answers that succeed are the bulk of the traffic: they log at debug. */
const quiet = (req: FastifyRequest, status: number) =>
  status < 400 && req.routeOptions?.url === "/v1/collect";

/**
 * Fastify's request lines, replaced: one line per answered request (none when it arrives),
 * 5xx at warn, errors of the default handler with their stack only for 5xx (a 4xx is in the
 * request line), and no "route not found" line carrying the raw URL.
 */
class RequestLog extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    req: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const status = reply.statusCode;
    const line = {
      req,
      res: reply,
      responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
      ...(error ? { err: error } : {}),
    };
    if (error || status >= 500) reply.log.warn(line, "request failed");
    else if (quiet(req, status)) reply.log.debug(line, "request completed");
    else reply.log.info(line, "request completed");
  }

  override defaultErrorLog(error: Error, req: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500) reply.log.error({ req, res: reply, err: error }, error.message);
  }
}

/** The Fastify options that turn the logger on (or off, for level "silent" or none). */
export function loggerOptions(config: ServerConfig): Partial<FastifyServerOptions> {
  const level = config.logLevel ?? "silent";
  if (level === "silent") return { logger: false, genReqId: requestId };
  return {
    logger: {
      level,
      ...(config.logStream ? { stream: config.logStream } : {}),
      redact: { paths: REDACT, censor: "[redacted]" },
      // Level names, not numbers: readable by people and by any log shipper.
      formatters: { level: (label: string) => ({ level: label }) },
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, route: routeOf(req) }),
        res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      },
    },
    logController: new RequestLog(),
    genReqId: requestId,
  };
}

/** Every answer carries its request id (the proxy's, or ours), to match it with the logs. */
export function registerRequestId(app: FastifyInstance): void {
  app.addHook("onRequest", (req, reply, done) => {
    reply.header("x-request-id", req.id);
    done();
  });
}
