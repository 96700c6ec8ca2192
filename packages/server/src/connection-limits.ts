/**
 * Slow and greedy clients: deadlines for every phase in which the client holds a connection,
 * and caps on how many connections one address (and everyone together) may hold.
 *
 * - headers must arrive within `headersTimeoutMs`, the whole request (headers + body) within
 *   `requestTimeoutMs` — else Node answers 408 and closes (a body trickled 1 byte/s is cut);
 *   Node checks both every `checkIntervalMs` (its default, 30 s, would let a client overstay);
 * - an idle keep-alive connection is closed after `keepAliveTimeoutMs`;
 * - a socket with no traffic either way for `idleTimeoutMs` is destroyed (long enough for the
 *   live stream's 15 s keep-alive comments and slow report queries);
 * - at most `maxConnections` connections in all (Node's `server.maxConnections` drops the rest)
 *   and `maxConnectionsPerIp` per client address (an IPv6 client counts per /64, the block one
 *   host usually holds): connections beyond it are closed at once. Behind a reverse proxy every
 *   connection comes from the proxy's address: raise it or set 0 (off) there.
 */
import type { Server, Socket } from "node:net";

export interface HttpLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  idleTimeoutMs: number;
  checkIntervalMs: number;
  maxConnections: number;
  /** 0: no per-address cap. */
  maxConnectionsPerIp: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 120_000,
  checkIntervalMs: 1_000,
  maxConnections: 4_096,
  maxConnectionsPerIp: 64,
};

/** The Fastify options that carry the deadlines (Fastify hands `http` to http.createServer). */
export function fastifyTimeouts(l: HttpLimits) {
  return {
    connectionTimeout: l.idleTimeoutMs,
    keepAliveTimeout: l.keepAliveTimeoutMs,
    requestTimeout: l.requestTimeoutMs,
    http: {
      headersTimeout: l.headersTimeoutMs,
      requestTimeout: l.requestTimeoutMs,
      keepAliveTimeout: l.keepAliveTimeoutMs,
      connectionsCheckingInterval: l.checkIntervalMs,
    },
  };
}

/** The address a client is counted under: IPv4 as is, IPv6 by its /64 prefix. */
export function clientKey(address: string | undefined): string {
  if (!address) return "";
  const a = address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
  if (!a.includes(":")) return a;
  const [head = "", tail] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || "0", 16).toString(16))
    .join(":")}::/64`;
}

/** Applies the connection caps to a server (before it listens). */
export function limitConnections(server: Server, l: HttpLimits): void {
  if (l.maxConnections > 0) server.maxConnections = l.maxConnections;
  if (l.maxConnectionsPerIp <= 0) return;
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const key = clientKey(socket.remoteAddress);
    const n = (open.get(key) ?? 0) + 1;
    if (n > l.maxConnectionsPerIp) {
      socket.destroy();
      return;
    }
    open.set(key, n);
    socket.once("close", () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
}
