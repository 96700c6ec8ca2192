/**
 * The raw ceiling of `bench dashboard`: a bare node:http server in front of the real one that
 * answers every GET it has seen before from memory (the same bytes, headers and compression),
 * and forwards the rest. Once warmed by one load of the page, it serves the same page with the
 * API answers already cached: what the overview would cost if the API took no time, with the
 * same bundle, the same browser and the same loopback. Periods ending "now" (`to` not on a day
 * boundary: the overview rounds it to the minute) count as one key, so the cache survives the
 * minute changing between rounds.
 */
import { createServer, type IncomingHttpHeaders, request, type Server } from "node:http";
import { buffer } from "node:stream/consumers";
import { closeNow, listenLoopback } from "../loopback.ts";

interface Cached {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "date"]);
const DAY = 86_400_000;

/** The cache key of a URL: its path and query, with a `to` inside a day made "now". */
export function keyOf(url: string): string {
  const u = new URL(url, "http://x");
  const to = Number(u.searchParams.get("to"));
  if (u.searchParams.has("to") && to % DAY !== 0) u.searchParams.set("to", "now");
  return `${u.pathname}?${u.searchParams}`;
}

export interface Ceiling {
  url: string;
  /** GETs answered from memory / forwarded. */
  hits: number;
  misses: number;
  close(): Promise<void>;
}

function forward(
  upstream: URL,
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): Promise<Cached> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: upstream.hostname, port: upstream.port, method, path, headers },
      (res) => {
        buffer(res).then(
          (body) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body }),
          reject,
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export async function startCeiling(upstreamUrl: string): Promise<Ceiling> {
  const upstream = new URL(upstreamUrl);
  const cache = new Map<string, Cached>();
  const state = { hits: 0, misses: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const key = keyOf(req.url ?? "/");
      let answer = req.method === "GET" ? cache.get(key) : undefined;
      if (answer) state.hits++;
      else {
        try {
          const headers = { ...req.headers, host: upstream.host };
          answer = await forward(
            upstream,
            req.method ?? "GET",
            req.url ?? "/",
            headers,
            Buffer.concat(chunks),
          );
        } catch (e) {
          res.writeHead(502).end(String(e));
          return;
        }
        if (req.method === "GET") {
          state.misses++;
          if (answer.status === 200) cache.set(key, answer);
        }
      }
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(answer.headers))
        if (v !== undefined && !HOP.has(k)) headers[k] = v;
      headers["content-length"] = String(answer.body.length);
      res.writeHead(answer.status, headers).end(answer.body);
    });
  });
  const url = await listenLoopback(server);
  return {
    url,
    get hits() {
      return state.hits;
    },
    get misses() {
      return state.misses;
    },
    close: () => closeNow(server),
  };
}
