/**
 * `intently.identify(id)` (lazy): the shop's own id for the visitor, for post-session
 * integrations; sent as SHA-256 hex of the trimmed, lower-cased id when `hashIdentity` is set
 * (and not at all where hashing is unavailable).
 */
import type { Module } from "../types.ts";

const hex = (b: ArrayBuffer): string =>
  Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");

export async function digest(id: string): Promise<string> {
  const bytes = new TextEncoder().encode(id.trim().toLowerCase());
  return hex(await crypto.subtle.digest("SHA-256", bytes));
}

export const identify: Module = {
  start(ctx) {
    ctx.api.identify = (id) => {
      const s = String(id ?? "").trim();
      if (!s) return;
      const send = (v: string): void => ctx.emit({ type: "identify", id: v.slice(0, 128) });
      if (!ctx.cfg.hashIdentity) send(s);
      else digest(s).then(ctx.guard(send), () => {});
    };
  },
  stop() {},
};
