/**
 * Delivery of the outbox to `${endpoint}/v1/collect` by `fetch` (keepalive, so a request outlives
 * the page). While the page lives one request is in flight at a time (so the collector sees a
 * session's batches in order); at page hide every waiting batch goes at once. A batch leaves the
 * outbox only when an answer confirms it: one whose answer never came (the page was gone) stays
 * in localStorage and is sent again on the next page, and the collector answers that resend as a
 * duplicate of the same batch id. No `sendBeacon`: it reports nothing back, and EasyPrivacy's
 * `$ping,third-party` blocks it for a collector on another site (issue 19).
 * Network errors, 429 and 5xx are retried with exponential back-off and jitter, honouring
 * Retry-After. The body is sent as text/plain (a CORS-safelisted type: no preflight round
 * trip), without credentials cross-origin.
 */
import type { Batch, Config, Off } from "../types.ts";
import { listen, off, report } from "./guard.ts";
import { rec } from "./ids.ts";
import { outbox, remove, save } from "./queue.ts";
import { apply } from "./state.ts";

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 60_000;
/** Keepalive requests share a 64 KiB budget per page. */
const KEEPALIVE_MAX = 65_000;

let url = "";
/** Batches sent and not answered yet. */
const flying = new Set<Batch>();
let timer: ReturnType<typeof setTimeout> | undefined;
let tries = 0;
let halt: () => void;
const offs: Off[] = [];

/** `stop` is called when the collector answers 202 {stop}: the site's settings forbid capture. */
export function start(c: Config, stop: () => void): void {
  halt = stop;
  url = `${c.endpoint.replace(/\/+$/, "")}/v1/collect`;
  listen(
    window,
    "online",
    () => {
      clearTimeout(timer);
      timer = undefined;
      pump();
    },
    offs,
  );
  // A task of its own: a previous page's unconfirmed batches are not sent inside the boot task.
  setTimeout(pump);
}

export function stop(): void {
  off(offs);
  clearTimeout(timer);
  timer = undefined;
}

/**
 * Sends what may go now: the oldest waiting batch, or at page hide (`all`) every batch not in
 * flight — unless the collector asked us to wait. The outbox is saved first, so a batch is in
 * localStorage before its request leaves.
 */
export function pump(all?: boolean): void {
  save();
  if (timer || !url) return;
  if (!navigator.onLine) retry();
  else for (const b of outbox) if (!flying.has(b) && (all || !flying.size)) send(b);
}

function send(b: Batch): void {
  flying.add(b);
  b.sentAt = Date.now();
  const body = JSON.stringify(b);
  fetch(url, { method: "POST", body, keepalive: body.length < KEEPALIVE_MAX })
    .then(
      async (r) => {
        const s = r.status;
        if (s === 429 || s >= 500) return retry(r.headers.get("retry-after"));
        remove(b);
        tries = 0;
        if (s === 202) halt();
        else if (!r.ok) report(`collect ${s}`);
        else if (b.session === rec?.s) apply(await r.json().catch(() => 0));
      },
      () => retry(),
    )
    .catch(report)
    .finally(() => {
      flying.delete(b);
      pump();
    });
}

function retry(h?: string | null): void {
  // Retry-After in seconds (the HTTP-date form falls back to the back-off).
  const after = h ? +h * 1000 : -1;
  const ms =
    after >= 0
      ? after
      : Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** tries) * (0.5 + Math.random() / 2);
  tries++;
  timer = setTimeout(() => {
    timer = undefined;
    pump();
  }, ms);
}
