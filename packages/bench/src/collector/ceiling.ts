/**
 * The bench's ceiling: a bare `node:http` server that reads the body, parses the same JSON and
 * answers 204 — the least any collector must do. Prints `{"port":…}`; loopback only.
 *
 *   node ceiling.ts [--port 0]
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { answerCpuQueries } from "@intently/server/cpu-queries";

const MAX_BODY = 64 * 1024;
const KEEP_ALIVE_MS = 60_000;

const { values } = parseArgs({ options: { port: { type: "string", default: "0" } } });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (c: Buffer) => {
    size += c.length;
    if (size <= MAX_BODY) chunks.push(c);
  });
  req.on("end", () => {
    let status = 204;
    try {
      if (size > MAX_BODY) status = 413;
      else JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      status = 400;
    }
    res.writeHead(status);
    res.end();
  });
});
server.keepAliveTimeout = KEEP_ALIVE_MS;
server.listen(Number(values.port), "127.0.0.1", () => {
  const a = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof a === "object" && a ? a.port : 0 })}\n`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
answerCpuQueries();
