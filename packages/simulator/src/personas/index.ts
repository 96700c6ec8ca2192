/** The persona registry and the default mix of traffic. */
import { bot } from "./bot.ts";
import { cartAbandoner } from "./cart-abandoner.ts";
import { casualBrowser } from "./casual-browser.ts";
import { dealHunter } from "./deal-hunter.ts";
import { focusedBuyer } from "./focused-buyer.ts";
import { researcher } from "./researcher.ts";
import { returningLoyalCustomer } from "./returning-loyal-customer.ts";
import { strugglerAtCheckout } from "./struggler-at-checkout.ts";
import type { Persona, PersonaId } from "./types.ts";

export type { CustomerTier, Persona, PersonaId, VisitorView } from "./types.ts";
export { PERSONAS } from "./types.ts";

/** Share of sessions per persona when no mix is given (sums to 1). */
export const DEFAULT_MIX: Readonly<Record<PersonaId, number>> = {
  "casual-browser": 0.3,
  researcher: 0.15,
  "focused-buyer": 0.1,
  "struggler-at-checkout": 0.07,
  "cart-abandoner": 0.15,
  "returning-loyal-customer": 0.1,
  "deal-hunter": 0.08,
  bot: 0.05,
};

export const PERSONA_SCRIPTS: Readonly<Record<PersonaId, Persona>> = {
  "casual-browser": casualBrowser,
  researcher,
  "focused-buyer": focusedBuyer,
  "struggler-at-checkout": strugglerAtCheckout,
  "cart-abandoner": cartAbandoner,
  "returning-loyal-customer": returningLoyalCustomer,
  "deal-hunter": dealHunter,
  bot,
};
