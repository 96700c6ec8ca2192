/**
 * The data-quality answer (issue 19): what the server read of a site's data over the last 24 h —
 * events by the dataLayer format they came from, events refused and why, ambiguous amounts, page
 * views of unknown type, orders de-duplicated, confirmations without an order, and revenue in
 * other currencies (kept apart: never summed with the site's).
 */
import { Type } from "typebox";

const Count = (description: string) => Type.Integer({ minimum: 0, description });

export const DataQualityView = Type.Object({
  site: Type.String(),
  from: Type.Number({ description: "start of the window, epoch ms (24 h before `to`)" }),
  to: Type.Number({ description: "end of the window, epoch ms (now)" }),
  currency: Type.String({ description: "the site's currency (ISO 4217): revenue is in it" }),
  events: Count("events stored in the window (bots left out)"),
  formats: Type.Array(
    Type.Object({
      format: Type.String({
        description:
          "ga4, gtag, ua, elevar or api (the adapter the tag read it with); tag: the tag's own capture",
      }),
      events: Count("events"),
    }),
  ),
  refused: Type.Array(
    Type.Object({
      reason: Type.String({ description: "why the collector refused the site's batches" }),
      detail: Type.String({ description: "e.g. the refused origin" }),
      count: Count("refused batches since the server started (at least one in the window)"),
      lastAt: Type.Number({ description: "last refusal, epoch ms" }),
    }),
  ),
  ambiguousAmounts: Count("events whose value or an item's price could not be read unambiguously"),
  pageViews: Count("page views"),
  unknownPageTypes: Count("page views without a type after the platform rules"),
  unknownPageShare: Type.Union([Type.Number(), Type.Null()], {
    description: "unknownPageTypes / pageViews; null without page views",
  }),
  ordersDeduplicated: Count("order events not counted: the site already had the order"),
  ordersWithoutValue: Count(
    "sessions that saw an order confirmation but no order was read (no purchase event)",
  ),
  otherCurrencies: Type.Array(
    Type.Object({
      currency: Type.String({ description: "ISO 4217 code" }),
      orders: Count("orders in this currency"),
      amount: Type.Number({ description: "their revenue in this currency, net of refunds" }),
    }),
    {
      description:
        "revenue in other currencies: orders in a currency the site has no rate for (settings.currencyRates), kept apart and not summed into revenue",
    },
  ),
});
