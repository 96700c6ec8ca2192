/** The benches' own HTTP servers (pages, sinks, caches) listen on 127.0.0.1 at a free port. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Starts `server` on 127.0.0.1 at a free port; returns its base URL. */
export async function listenLoopback(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes `server` now: its open keep-alive connections first, then the listener. */
export function closeNow(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((r) => server.close(() => r()));
}
