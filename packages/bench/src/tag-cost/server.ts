/**
 * The tag-cost bench's node:http server on 127.0.0.1: the two shop pages per variant
 * (/v/<variant>/list, /v/<variant>/product), the tags' files (/tags/<variant>/<file>) and a sink
 * that answers 204 to every request under /sink/<variant>/ and counts requests and body bytes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { closeNow, listenLoopback } from "../loopback.ts";
import { listingPage, productPage } from "./pages.ts";
import type { Variant } from "./tags.ts";

export interface SinkCount {
  requests: number;
  bytes: number;
}

export class TagCostServer {
  url = "";
  private readonly sink = new Map<string, SinkCount>();
  private readonly server: Server;

  constructor(
    private readonly variants: Variant[],
    private readonly nodes: number,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  }

  async start(): Promise<this> {
    this.url = await listenLoopback(this.server);
    return this;
  }

  close = (): Promise<void> => closeNow(this.server);

  listUrl = (v: Variant): string => `${this.url}/v/${v.name}/list`;

  /** What the sink received for `v` since the last call (and resets it). */
  take(v: Variant): SinkCount {
    const c = this.sink.get(v.name) ?? { requests: 0, bytes: 0 };
    this.sink.delete(v.name);
    return c;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const [, kind, name, ...rest] = path.split("/");
    const v = this.variants.find((x) => x.name === name);
    if (kind === "sink" && v) {
      let bytes = 0;
      for await (const c of req) bytes += (c as Buffer).length;
      const n = this.sink.get(v.name) ?? { requests: 0, bytes: 0 };
      // Preflights are requests a tag costs too.
      n.requests++;
      n.bytes += bytes;
      this.sink.set(v.name, n);
      res.writeHead(204, {
        "access-control-allow-origin": req.headers.origin ?? "*",
        "access-control-allow-credentials": "true",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
        "access-control-allow-methods": "GET, POST, OPTIONS",
      });
      return void res.end();
    }
    const file = v && kind === "tags" ? v.files.get(rest.join("/")) : undefined;
    if (file) {
      res.writeHead(200, { "content-type": "text/javascript", "cache-control": "no-store" });
      return void res.end(file);
    }
    if (v && kind === "v" && req.method === "GET") {
      const head = v.head(`${this.url}/sink/${v.name}`);
      const page = rest[0];
      const html =
        page === "list"
          ? listingPage(head, this.nodes, `/v/${v.name}/product`)
          : page === "product"
            ? productPage(head, this.nodes)
            : undefined;
      if (html !== undefined) {
        res.writeHead(200, {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-store",
        });
        return void res.end(html);
      }
    }
    res.writeHead(404).end();
  }
}
