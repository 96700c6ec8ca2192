/**
 * Operator tools (CLI and API): a test send of a sample summary through a real connector, and
 * delivering what is pending without a server (after a replay, for instance).
 */
import type { Integration, OutboxFilter, Store } from "@intently/store";
import { findIntegration, openIntegration, redact } from "./config.ts";
import { connectorOf } from "./connectors/index.ts";
import { idempotencyKey } from "./enqueue.ts";
import { exportDay, previousDay } from "./export.ts";
import { EXPORT_KIND, type ExportConfig } from "./export-config.ts";
import { verdictOf } from "./retry.ts";
import type { SecretBox } from "./secrets.ts";
import { type SessionSummary, SUMMARY_VERSION } from "./summary.ts";
import { DEFAULT_WORKER, DeliveryWorker, type WorkerOptions } from "./worker.ts";

export function sampleSummary(site: string, now = Date.now()): SessionSummary {
  return {
    version: SUMMARY_VERSION,
    site,
    session: `intently-test-${now}`,
    visitor: "intently-test-visitor",
    identified: "test@example.com",
    identifiedHashed: false,
    startedAt: now - 12 * 60_000,
    lastEventAt: now - 60_000,
    endedAt: now,
    segment: "converted",
    customSegments: ["high-value"],
    persistedSegments: ["focused-browsers", "focused-considerers", "converted", "high-value"],
    scores: {
      xC: { final: 0.92, max: 0.95 },
      xATC: { final: 0.8, max: 0.88 },
      xE: { final: 0.1, max: 0.4 },
    },
    stage: "post-purchase",
    phase: "converted",
    state: "focus",
    intent: "high",
    revenue: 129.5,
    orders: 1,
    purchased: true,
    currency: "GBP",
    device: "desktop",
    source: { type: "organic", name: "google", medium: "organic", campaign: "" },
    country: "GB",
    landingPage: "/",
    experiments: [{ experiment: "hero", variant: "b" }],
    gaClientId: "1234567890.1700000000",
    gaSessions: { TEST123: String(Math.floor((now - 12 * 60_000) / 1000)) },
    bot: false,
  };
}

export interface TestAnswer {
  integration: Integration;
  status: number;
  body: string;
  verdict: string;
}

/** Sends a sample through the destination's connector (GA4: its validation server). */
export async function testDestination(
  store: Store,
  box: SecretBox,
  site: string,
  destination: string,
  opts: { now?: number; timeoutMs?: number; allowPrivateDestinations?: boolean } = {},
): Promise<TestAnswer> {
  const row = await findIntegration(store, site, destination);
  if (!row) throw new Error(`no integration "${destination}" on site ${site}`);
  const now = opts.now ?? Date.now();
  const open = openIntegration(box, row);
  if (row.kind === EXPORT_KIND) {
    const c = open.config as unknown as ExportConfig;
    const day = await previousDay(store, site, now);
    const lines = [];
    for (const f of c.formats) {
      const r = await exportDay(store, site, day, c.folder, f);
      lines.push(`${r.path}: ${r.rows} sessions`);
    }
    return { integration: redact(row), status: 0, body: lines.join("\n"), verdict: "written" };
  }
  const connector = connectorOf(row.kind);
  if (!connector) throw new Error(`no connector for kind ${row.kind}`);
  const summary = sampleSummary(site, now);
  const r = await connector.send(
    summary,
    idempotencyKey(site, summary.session, row.id),
    open.config,
    {
      now,
      timeoutMs: opts.timeoutMs ?? DEFAULT_WORKER.timeoutMs, // as a real delivery: 15 s
      test: true,
      allowPrivate: opts.allowPrivateDestinations,
    },
  );
  return {
    integration: redact(row),
    status: r.status,
    body: r.body,
    verdict: r.verdict ?? verdictOf(r.status),
  };
}

/**
 * Runs a delivery worker until no message matching the filter is pending, or the timeout.
 * Returns whether everything was settled (delivered or dead).
 */
export async function deliverPending(
  store: Store,
  box: SecretBox,
  opts: {
    filter?: Omit<OutboxFilter, "status">;
    timeoutMs?: number;
    worker?: Partial<WorkerOptions>;
  } = {},
): Promise<boolean> {
  const worker = new DeliveryWorker(
    store.outbox,
    box,
    (id) => store.config.getIntegration(id),
    opts.worker,
  );
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  worker.start();
  try {
    while (Date.now() < deadline) {
      const left = await store.outbox.list({ ...opts.filter, status: "pending", limit: 1 });
      if (left.length === 0 && worker.inFlight === 0) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  } finally {
    await worker.stop();
  }
}
