/**
 * Struggler at checkout: reaches the checkout, then fights it — form errors, a pay button
 * that does nothing (dead and rage clicks), script errors. Some recover and buy; many leave
 * with exit intent.
 */
import type { SessionBuilder } from "../session/builder.ts";
import {
  addToCart,
  beginCheckout,
  browseListing,
  browseProducts,
  DWELL,
  fillPayment,
  fillShipping,
  goToCart,
  pay,
  randomCategory,
  read,
} from "../session/flows.ts";
import type { Persona } from "./types.ts";

/** Share who get through in the end, outside the experiment / in each arm. */
const RECOVER = { none: 0.35, control: 0.35, treatment: 0.45 } as const;
const TROUBLE = { form: 40, payButton: 40, script: 20 } as const;
const PRODUCTS = [1, 3] as const;

function rage(b: SessionBuilder, target: string): void {
  for (let i = 0; i < 3; i++) b.wait(b.rng.range(150, 450)).click(target, 80);
  b.beat().frustration("rage_click", target);
}

function formTrouble(b: SessionBuilder): void {
  b.dwell(8000).click("input#postcode", 400).dwell(6000);
  b.click("button.continue", 500).beat().frustration("form_error", "input#postcode");
  if (b.rng.chance(0.5))
    b.dwell(5000).click("button.continue", 300).beat().frustration("form_error", "input#phone");
  if (b.rng.chance(0.3)) b.dwell(1500).frustration("thrashed_cursor");
}

function payButtonTrouble(b: SessionBuilder): void {
  fillShipping(b);
  fillPayment(b);
  b.dwell(3000).click("button.pay", 1200).wait(2600).frustration("dead_click", "button.pay");
  b.dwell(1500, 0.4);
  rage(b, "button.pay");
  if (b.rng.chance(0.35)) b.beat().frustration("error_click", "button.pay");
}

function scriptTrouble(b: SessionBuilder): void {
  b.dwell(3000).frustration("js_error");
  b.dwell(6000)
    .click("button.continue", 600)
    .wait(800)
    .frustration("error_click", "button.continue");
  if (b.rng.chance(0.5))
    b.dwell(2000)
      .click("select#country", 300)
      .wait(2600)
      .frustration("dead_click", "select#country");
}

export const strugglerAtCheckout: Persona = {
  id: "struggler-at-checkout",
  sources: { "paid-search": 25, "organic-search": 25, direct: 20, email: 15, "paid-social": 15 },
  returning: 0.25,
  run(b) {
    const recovers = b.rng.chance(RECOVER[b.variant ?? "none"]);
    const category = randomCategory(b);
    if (b.rng.chance(0.5)) {
      b.home();
      read(b, DWELL.home, 1);
      browseListing(b, category);
    } else {
      b.listing(category);
      read(b, DWELL.listing);
    }
    const seen = browseProducts(b, category, b.rng.range(PRODUCTS[0], PRODUCTS[1]));
    addToCart(b, seen[seen.length - 1]!);
    goToCart(b);
    beginCheckout(b);
    const trouble = b.rng.weighted(TROUBLE);
    if (trouble === "form") formTrouble(b);
    else if (trouble === "payButton") payButtonTrouble(b);
    else scriptTrouble(b);
    if (recovers) {
      b.dwell(12_000);
      if (trouble !== "payButton") {
        fillShipping(b, 2);
        fillPayment(b);
      }
      pay(b, 2500);
      if (b.rng.chance(0.5)) b.dwell(5000).hide();
      return;
    }
    if (b.rng.chance(0.4)) rage(b, trouble === "payButton" ? "button.pay" : "button.continue");
    b.dwell(4000).exitIntent();
    if (b.rng.chance(0.6)) b.dwell(1500).hide();
  },
};
