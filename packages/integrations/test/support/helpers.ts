/** Stores, sites, waiting, secrets and summaries for the integration tests. */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDbStore } from "@intently/store";
import { ALLOW_PRIVATE_ENV } from "../../src/index.ts";
import type { RetryPolicy } from "../../src/retry.ts";
import type { SessionSummary } from "../../src/summary.ts";
import { sampleSummary } from "../../src/tools.ts";

// Every receiver here listens on 127.0.0.1, which the SSRF guard refuses by default. Set in the
// environment so the CLI and crash children these tests spawn inherit it.
process.env[ALLOW_PRIVATE_ENV] = "1";

export const SITE = "shop-1";
/** Quick retries so fault tests finish fast (8 attempts; the default's span is tested apart). */
export const FAST_RETRY: RetryPolicy = { schedule: [20, 40, 80, 160, 250, 250, 250], jitter: 0.1 };

/** A valid Standard Webhooks secret (`whsec_` + base64 of 32 bytes), fixed per label. */
export function testSecret(label: string): string {
  return `whsec_${createHash("sha256").update(label).digest("base64")}`;
}
export const FAST_WORKER = { retry: FAST_RETRY, pollMs: 50, timeoutMs: 5000 };

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "intently-integrations-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function openStore(dir: string | null = null): Promise<DuckDbStore> {
  const store = await DuckDbStore.open(dir);
  if (!(await store.config.getSite(SITE))) {
    await store.config.createWorkspace({ id: "w1", name: "W" });
    await store.config.createSite({ id: SITE, workspaceId: "w1", name: "Shop", publicKey: "pk_1" });
  }
  return store;
}

/** Polls until `ok` holds (generous limit; no timing is asserted). */
export async function until(
  ok: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Distinct identified summaries s-0 … s-(n-1). */
export function summaries(n: number, over: Partial<SessionSummary> = {}): SessionSummary[] {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    ...sampleSummary(SITE, now),
    session: `s-${i}`,
    visitor: `v-${i}`,
    identified: `buyer${i}@example.com`,
    ...over,
  }));
}
