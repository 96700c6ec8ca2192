/**
 * A server process with the collector and the API, as `intently start` runs them, for tests
 * that kill it: `node --import tsx serve-full.ts DATA_DIR` prints `{"url":…}` once listening and
 * closes gracefully on SIGTERM. The admin is support-api/server.ts's ADMIN.
 */
import { createApiPlugin } from "../../src/api/index.ts";
import { createCollectorPlugin } from "../../src/collector/index.ts";
import { startServer } from "../../src/server.ts";
import { ADMIN } from "./server.ts";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: serve-full.ts DATA_DIR");
const env = { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password };
const server = await startServer({ dataDir, port: 0, host: "127.0.0.1" }, [
  createCollectorPlugin(),
  createApiPlugin({ env, print: () => {} }),
]);
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
