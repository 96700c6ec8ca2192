/**
 * Delivery of the outbox to `${endpoint}/v1/collect`: one request in flight at a time (so the
 * collector sees a session's batches in order), `fetch` with keepalive while the page lives,
 * `sendBeacon` at page hide. Network errors, 429 and 5xx are retried with exponential
 * back-off and jitter, honouring Retry-After; a batch keeps its id so retries are idempotent.
 * The body is sent as text/plain (a CORS-safelisted type: no preflight round trip), without
 * credentials cross-origin.
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
let busy: Batch | undefined;
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
  pump();
}

export function stop(): void {
  off(offs);
  clearTimeout(timer);
  timer = undefined;
}

export function pump(): void {
  const b = outbox[0];
  if (!b || busy || timer) return;
  if (!navigator.onLine) {
    retry();
    return;
  }
  busy = b;
  b.sentAt = Date.now();
  const body = JSON.stringify(b);
  fetch(url, { method: "POST", body, keepalive: body.length < KEEPALIVE_MAX })
    .then(
      async (r) => {
        const s = r.status;
        if (s === 429 || s >= 500) return retry(r.headers.get("retry-after"));
        remove(b);
        save();
        tries = 0;
        if (s === 202) halt();
        else if (!r.ok) report(`collect ${s}`);
        else if (b.session === rec?.s) apply(await r.json().catch(() => 0));
      },
      () => retry(),
    )
    .catch(report)
    .finally(() => {
      busy = undefined;
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
  save();
  timer = setTimeout(() => {
    timer = undefined;
    pump();
  }, ms);
}

/** Page hide: hand every waiting batch to sendBeacon, unless the collector asked us to wait. */
export function beacon(): void {
  if (!timer && navigator.onLine && url) {
    for (const b of outbox.slice()) {
      if (b === busy) continue;
      b.sentAt = Date.now();
      if (navigator.sendBeacon?.(url, JSON.stringify(b))) remove(b);
    }
  }
  save();
}
