/**
 * A real node:http server on 127.0.0.1 for the browser tests: serves the built tag and test
 * pages, records every POSTed collect body (validated with the engine's `validateBatch`) and
 * answers like the collector with a simple rule — a session that showed a frustration signal is
 * in `struggling-buyers`, otherwise in `focused-browsers`. Like the collector, it answers a batch
 * id it has already accepted as a duplicate (the tag resends a batch whose answer it never got),
 * and `events()` counts such a resend once.
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type Batch, type Event, FRUSTRATION_TYPES, validateBatch } from "@intently/engine";
import { waitFor } from "./wait.ts";

export interface Received {
  raw: string;
  body: Batch;
  issues: string[];
  contentType: string;
  status: number;
  /** A resend of a batch already answered 200: its events are not counted again. */
  duplicate: boolean;
}

type Answer = { status: number; headers?: Record<string, string>; body?: unknown };

const FRUSTRATION = new Set<string>(FRUSTRATION_TYPES);

export class TagServer {
  readonly received: Received[] = [];
  readonly pages = new Map<string, string>();
  /** Answers the next N collect requests with this instead of the collector's answer. */
  failures: Answer[] = [];
  /**
   * The next N collect requests are accepted (recorded with status 200, as the collector would
   * have stored them) but never answered: the answer that a page leaving never gets.
   */
  hang = 0;
  /** Per session: current segments (for enter/exit). */
  private segments = new Map<string, string[]>();
  private server: Server;
  url = "";

  constructor(private readonly dist: string) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        res.statusCode = 500;
        res.end(String(e));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  /** Registers a page at /p/<name> and returns its URL. */
  page(name: string, html: string): string {
    this.pages.set(`/p/${name}`, html);
    return `${this.url}/p/${name}`;
  }

  /** Every event received, in order, with its batch. */
  events(type?: string): (Event & { batch: Batch })[] {
    return this.received
      .filter((r) => !r.duplicate)
      .flatMap((r) => r.body.events.map((e) => ({ ...e, batch: r.body })))
      .filter((e) => !type || e.type === type);
  }

  async waitForEvent(type: string, pred: (e: Event) => boolean = () => true, timeoutMs = 20_000) {
    return waitFor(() => this.events(type).find(pred), `a ${type} event`, timeoutMs);
  }

  /** Bodies that did not validate against the wire schema (should be none). */
  invalid(): Received[] {
    return this.received.filter((r) => r.issues.length > 0);
  }

  reset(): void {
    this.received.length = 0;
    this.failures = [];
    this.hang = 0;
    this.segments.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-expose-headers", "retry-after");
    if (req.method === "OPTIONS") return void res.writeHead(204).end();
    if (req.method === "POST" && path === "/v1/collect") return this.collect(req, res);
    if (req.method === "GET" && path.startsWith("/intently")) {
      const file = await readFile(join(this.dist, path.slice(1))).catch(() => undefined);
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "text/javascript" });
      return void res.end(file);
    }
    const html = this.pages.get(path);
    if (req.method === "GET" && html !== undefined) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return void res.end(html);
    }
    res.writeHead(404).end();
  }

  private async collect(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: Batch;
    try {
      body = JSON.parse(raw);
    } catch {
      body = { events: [] } as unknown as Batch;
    }
    const v = validateBatch(JSON.parse(JSON.stringify(body ?? null)));
    const issues = v.ok ? [] : v.issues.map((i) => `${i.path}: ${i.message}`);
    const duplicate = this.received.some(
      (r) => r.status === 200 && r.body.batch === body.batch && r.body.session === body.session,
    );
    if (!issues.length && this.hang > 0) {
      this.hang--;
      this.answer(body);
      const ct = req.headers["content-type"] ?? "";
      this.received.push({ raw, body, issues, contentType: ct, status: 200, duplicate });
      return; // the socket stays open until the page goes or the server closes
    }
    const answer: Answer = issues.length
      ? { status: 400, body: { error: "invalid", issues } }
      : (this.failures.shift() ?? { status: 200, body: this.answer(body) });
    this.received.push({
      raw,
      body,
      issues,
      contentType: req.headers["content-type"] ?? "",
      status: answer.status,
      duplicate,
    });
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
  }

  /** The test rule standing in for the engine. */
  private answer(b: Batch): object {
    const old = this.segments.get(b.session) ?? [];
    const seen = this.received.some(
      (r) => r.body.session === b.session && r.body.events.some((e) => FRUSTRATION.has(e.type)),
    );
    const struggling = seen || b.events.some((e) => FRUSTRATION.has(e.type));
    const segments = [struggling ? "struggling-buyers" : "focused-browsers"];
    this.segments.set(b.session, segments);
    return {
      segments,
      enter: segments.filter((s) => !old.includes(s)),
      exit: old.filter((s) => !segments.includes(s)),
      scores: { xC: struggling ? 0.2 : 0.05, xATC: 0.1, xE: 0.3 },
      stage: "committing",
      phase: "convert",
      state: struggling ? "struggle" : "focus",
    };
  }
}
