/**
 * One HTTP POST with a timeout; any failure becomes a result (status 0), never a throw.
 * node:http rather than fetch so that the SSRF guard sees the address actually dialled
 * (`guardedLookup` on the socket): a destination refused here is dead-lettered, not retried.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import {
  DestinationRefused,
  guardedLookup,
  literalRefusal,
  privateDestinationsAllowed,
} from "../destination-guard.ts";
import { rateLimitState, retryAfterMs } from "../retry.ts";
import type { SendResult } from "./types.ts";

/** Bodies kept from answers (for the CLI, the dead-letter record and logs). */
const MAX_BODY = 4000;
/** Bytes of an answer read before the rest is dropped. */
const MAX_READ = 64 * 1024;

// Separate pools per policy, so a socket opened while private destinations were allowed is
// never reused for a guarded request.
const AGENTS = {
  guarded: {
    http: new HttpAgent({ keepAlive: true, lookup: guardedLookup } as object),
    https: new HttpsAgent({ keepAlive: true, lookup: guardedLookup } as object),
  },
  open: { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) },
};

const refused = (why: string): SendResult => ({
  status: 0,
  body: `refused: ${why}`,
  retryAfterMs: null,
  verdict: "dead",
});

function exchange(
  u: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  guarded: boolean,
): Promise<{ res: IncomingMessage; text: string }> {
  const https = u.protocol === "https:";
  const pool = guarded ? AGENTS.guarded : AGENTS.open;
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      u,
      {
        method: "POST",
        agent: https ? pool.https : pool.http,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (size < MAX_READ) chunks.push(c);
          size += c.length;
        });
        res.on("end", () => {
          clearTimeout(timer);
          resolve({ res, text: Buffer.concat(chunks).toString("utf8") });
        });
        res.on("error", reject);
      },
    );
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })),
      timeoutMs,
    );
    req.on("close", () => clearTimeout(timer));
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(body);
  });
}

export async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  /** Undefined: INTENTLY_ALLOW_PRIVATE_DESTINATIONS decides. */
  allowPrivate?: boolean,
): Promise<SendResult> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return refused("not a URL");
  }
  const early = literalRefusal(u, allowPrivate);
  if (early) return refused(`${u.host} ${early}`);
  try {
    const { res, text } = await exchange(
      u,
      { "user-agent": "Intently-Integrations/1", ...headers },
      body,
      timeoutMs,
      !privateDestinationsAllowed(allowPrivate),
    );
    const h = (name: string) => {
      const v = res.headers[name];
      return typeof v === "string" ? v : undefined;
    };
    return {
      status: res.statusCode ?? 0,
      body: text.slice(0, MAX_BODY),
      retryAfterMs: retryAfterMs(h("retry-after") ?? null),
      rateLimit: rateLimitState(h("ratelimit-remaining"), h("ratelimit-reset")),
    };
  } catch (e) {
    if (e instanceof DestinationRefused) return refused(e.message);
    const err = e as Error & { code?: string };
    return { status: 0, body: `no answer: ${err.code ?? err.message}`, retryAfterMs: null };
  }
}
