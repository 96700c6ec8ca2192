/**
 * The shared connector contract suite (in the manner of Hono's router/common.case.test.ts: one
 * suite, run by each connector's test with its own receiver). It records the request the real
 * connector sends, checks the vendor's local receiver accepts it (sent, then replayed as
 * recorded), and then replays it with ONE field changed per case — a header, a name's length,
 * the event count, a timestamp, the request rate — asserting that the receiver refuses every
 * mutation. A receiver that accepts any of them is lenient where the vendor is strict, and the
 * connector's tests against it would prove nothing. `accepted` cases go the other way: changes
 * the vendor documents as fine, which a receiver stricter than the vendor would refuse.
 *
 * Each case's answer is reported as a test diagnostic: "contract <vendor> | <mutation> | <answer>".
 */
import assert from "node:assert/strict";
import { Agent, request } from "node:http";
import { text } from "node:stream/consumers";
import { after, before, describe, test } from "node:test";
import type { Connector, SendOptions } from "../../src/connectors/types.ts";
import type { SessionSummary } from "../../src/summary.ts";
import { type Listening, listen, type Reply, type Req } from "./http.ts";

/** A request as it goes on the wire (the body as text). */
export interface RawRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string;
}

/** The receiver's answer as the suite saw it. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Mutation<R = Receiver> {
  name: string;
  /** Sets up the case's fresh receiver first (e.g. its clock, for a rate window). */
  prepare?(receiver: R): void;
  /** The changed request (the input is a copy: change it freely). */
  apply(req: RawRequest): RawRequest;
  /** Send the mutated request this many times in a row; the last answer is judged (rates). */
  repeat?: number;
}

export interface Receiver {
  handle(r: Req): Reply | Promise<Reply>;
}

export interface ConnectorContract<R extends Receiver> {
  vendor: string;
  connector: Connector<unknown>;
  /** A fresh receiver for each case, so that no case's traffic counts against another's. */
  receiver: () => R;
  /** The integration's raw configuration for a receiver listening at `url`. */
  config(url: string, receiver: R): Record<string, unknown>;
  summary: SessionSummary;
  send?: Partial<SendOptions>;
  /** Whether the answer is the vendor's refusal (the receiver's state may say it, e.g. GA4). */
  refused(answer: Answer, receiver: R, req: RawRequest): boolean;
  mutations: readonly Mutation<R>[];
  /** Changes the vendor documents as fine, which the receiver must accept (not be stricter). */
  accepted?: readonly Mutation<R>[];
}

/** JSON body helper for mutations: parse, change, serialise. */
export function editJson(req: RawRequest, change: (body: Record<string, unknown>) => void) {
  const body = JSON.parse(req.body) as Record<string, unknown>;
  change(body);
  return { ...req, body: JSON.stringify(body) };
}

const copy = (r: RawRequest): RawRequest => ({
  ...r,
  query: new URLSearchParams(r.query),
  headers: { ...r.headers },
});

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function replay(url: string, r: RawRequest): Promise<Answer> {
  const q = r.query.toString();
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${r.path}${q ? `?${q}` : ""}`,
      {
        method: r.method,
        agent,
        headers: { ...r.headers, "content-length": String(Buffer.byteLength(r.body)) },
      },
      (res) => {
        const headers = Object.fromEntries(
          Object.entries(res.headers).map(([k, v]) => [k, String(v)]),
        );
        text(res).then((body) => resolve({ status: res.statusCode ?? 0, headers, body }), reject);
      },
    );
    req.on("error", reject);
    req.end(r.body);
  });
}

/** The answer in one line, for the closing note. */
export function describeAnswer(a: Answer): string {
  let detail = "";
  try {
    const b = JSON.parse(a.body) as {
      errors?: { detail?: string }[];
      validationMessages?: { validationCode?: string; description?: string }[];
    };
    if (b.errors?.[0]) detail = b.errors[0].detail ?? "";
    else if (b.validationMessages?.[0])
      detail = `${b.validationMessages[0].validationCode}: ${b.validationMessages[0].description}`;
  } catch {
    detail = a.body.slice(0, 80);
  }
  return `${a.status}${detail ? ` ${detail}` : ""}`;
}

export function runConnectorContract<R extends Receiver>(c: ConnectorContract<R>): void {
  describe(`connector contract: ${c.vendor}`, () => {
    let current = c.receiver();
    const seen: RawRequest[] = [];
    let server: Listening;
    before(async () => {
      server = await listen((r) => {
        seen.push({ ...r, headers: flat(r.headers) });
        return current.handle(r);
      });
    });
    after(() => server.close());
    const fresh = () => {
      current = c.receiver();
      return current;
    };
    let valid: RawRequest | undefined;

    test("the connector's request is accepted as sent, and when replayed as recorded", async (t) => {
      const r = fresh();
      const config = c.connector.validate(c.config(server.url, r));
      const sent = await c.connector.send(c.summary, `contract-${c.vendor}`, config, {
        now: Date.now(),
        timeoutMs: 5000,
        allowPrivate: true,
        ...c.send,
      });
      assert.ok(seen.length >= 1, "the connector sent a request");
      valid = seen[0]!;
      const asSent = { status: sent.status, headers: {}, body: sent.body };
      assert.equal(c.refused(asSent, r, valid), false, `sent: ${describeAnswer(asSent)}`);
      const again = await replay(server.url, copy(valid));
      assert.equal(c.refused(again, fresh(), valid), false, `replayed: ${describeAnswer(again)}`);
      t.diagnostic(`contract ${c.vendor} | (unchanged) | ${describeAnswer(again)}`);
    });

    for (const m of c.accepted ?? []) {
      test(`accepts: ${m.name}`, async (t) => {
        assert.ok(valid, "a valid request was recorded first");
        const r = fresh();
        m.prepare?.(r);
        const req = m.apply(copy(valid));
        const answer = await replay(server.url, req);
        assert.equal(c.refused(answer, r, req), false, `refused: ${describeAnswer(answer)}`);
        t.diagnostic(`contract ${c.vendor} | accepts: ${m.name} | ${describeAnswer(answer)}`);
      });
    }

    for (const m of c.mutations) {
      test(`refuses: ${m.name}`, async (t) => {
        assert.ok(valid, "a valid request was recorded first");
        const r = fresh();
        m.prepare?.(r);
        const req = m.apply(copy(valid));
        // The requests before the judged one go in batches (fast, and all inside the
        // receiver's window); the judged one goes alone, after them.
        const before = (m.repeat ?? 1) - 1;
        for (let i = 0; i < before; i += 50)
          await Promise.all(
            Array.from({ length: Math.min(50, before - i) }, () => replay(server.url, copy(req))),
          );
        const answer = await replay(server.url, req);
        assert.equal(c.refused(answer, r, req), true, `accepted: ${describeAnswer(answer)}`);
        t.diagnostic(`contract ${c.vendor} | ${m.name} | ${describeAnswer(answer)}`);
      });
    }
  });
}

function flat(h: Req["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    // Hop-by-hop and length headers are the transport's, not the request's contract.
    if (v === undefined || k === "content-length" || k === "connection" || k === "host") continue;
    out[k] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}
