/** What a persona is: where its sessions come from and a script for one session. */
import type { SourceMix } from "../context/traffic.ts";
import type { SessionBuilder } from "../session/builder.ts";

export const PERSONAS = [
  "casual-browser",
  "researcher",
  "focused-buyer",
  "struggler-at-checkout",
  "cart-abandoner",
  "returning-loyal-customer",
  "deal-hunter",
  "bot",
] as const;
export type PersonaId = (typeof PERSONAS)[number];

export type CustomerTier = "gold" | "silver" | "none";

/** The visitor's history, as the tag knows it from first-party storage. */
export interface VisitorView {
  id: string;
  previousSessions: number;
  previousPurchases: number;
  tier: CustomerTier;
}

export interface Persona {
  id: PersonaId;
  /** Traffic sources of its sessions (relative weights). */
  sources: SourceMix;
  /** Share of its sessions made by a visitor seen before. */
  returning: number;
  /** Scripts one session into the builder. */
  run(b: SessionBuilder, visitor: VisitorView): void;
}
