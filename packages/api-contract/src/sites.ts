/** Site schemas: settings (retention, IPS benchmarks, privacy), allowed origins, the site view. */
import { MAX_CURRENCY_RATES } from "@intently/engine";
import { FUNNEL_PHASES, SITE_PLATFORMS, type SiteSettings } from "@intently/store";
import { Type } from "typebox";

/** Exact origins, `https://*.example.com`, `http://localhost:*`, `loopback` or `*`. */
export const Origin = Type.String({
  maxLength: 300,
  pattern:
    "^(\\*|loopback|https?://(\\*\\.)?(\\[[0-9A-Fa-f:.]+\\]|[^/:\\[\\]\\s]+)(:(\\d{1,5}|\\*))?/?)$",
});

const Benchmark = Type.Object(
  {
    floor: Type.Number({ minimum: 0, maximum: 1 }),
    ceiling: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { description: "progression rates scoring 0 (floor) and 100 (ceiling); floor < ceiling" },
);

const Benchmarks = Type.Object(
  Object.fromEntries(FUNNEL_PHASES.map((p) => [p, Type.Optional(Benchmark)])) as Record<
    (typeof FUNNEL_PHASES)[number],
    ReturnType<typeof Type.Optional<typeof Benchmark>>
  >,
  { additionalProperties: false },
);

export const SettingsPatch = Type.Object(
  {
    retentionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    ipsBenchmarks: Type.Optional(Benchmarks),
    hashIdentified: Type.Optional(Type.Boolean()),
    requireConsent: Type.Optional(Type.Boolean()),
    honourGpc: Type.Optional(Type.Boolean()),
    currency: Type.Optional(
      Type.String({
        pattern: "^[A-Z]{3}$",
        description: "ISO 4217 code of the currency revenue is reported in",
      }),
    ),
    currencyRates: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Number({ exclusiveMinimum: 0, maximum: 1e9, description: "site units per 1 unit" }),
        {
          maxProperties: MAX_CURRENCY_RATES,
          description:
            'rates into the site\'s currency by ISO 4217 code, e.g. {"EUR": 1.17} = 1.17 site units per 1 EUR; replaces the whole set. An order in a currency without a rate is kept apart ("revenue in other currencies")',
        },
      ),
    ),
    locale: Type.Optional(
      Type.String({
        maxLength: 35,
        pattern: "^([A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*)?$",
        description:
          'BCP 47 locale of the shop\'s pages, e.g. "de-DE" ("" for none): the tag reads ambiguous amounts with it',
      }),
    ),
    platform: Type.Optional(
      Type.Union(
        SITE_PLATFORMS.map((p) => Type.Literal(p)),
        {
          description:
            "the shop's platform: page types from its URL layout (auto: every platform's safe rules; custom: none)",
        },
      ),
    ),
    timeZone: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          'IANA time zone of the shop, e.g. "America/New_York" (default UTC): report days are its local days',
      }),
    ),
    tagBase: Type.Optional(
      Type.String({
        maxLength: 300,
        // A host name and a plain path: nothing that could end the snippet's attribute.
        pattern: "^(https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?)?$",
        description:
          'where the shop\'s pages load the tag from, e.g. "https://www.shop.example/in" behind the shop\'s proxy (docs/install.md#install-modes): the snippet names it; "" for the server\'s public URL',
      }),
    ),
  },
  { additionalProperties: false },
);

export const SiteBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    allowedOrigins: Type.Optional(Type.Array(Origin, { maxItems: 100 })),
    settings: Type.Optional(SettingsPatch),
  },
  { additionalProperties: false },
);

export const SitePatch = Type.Partial(SiteBody, { additionalProperties: false });

export const SiteView = Type.Object({
  id: Type.String(),
  workspaceId: Type.String(),
  name: Type.String(),
  publicKey: Type.String(),
  allowedOrigins: Type.Array(Type.String()),
  // The store's SiteSettings, every field filled in (one declaration: @intently/store).
  settings: Type.Unsafe<SiteSettings>(Type.Record(Type.String(), Type.Unknown())),
  createdAt: Type.Number(),
  snippet: Type.String({ description: "the tag to paste into every page" }),
  tag: Type.Object({
    seenInLastHour: Type.Boolean(),
    lastEventAt: Type.Union([Type.Number(), Type.Null()]),
    refusedOrigins: Type.Array(
      Type.Object({ origin: Type.String(), count: Type.Integer(), lastAt: Type.Number() }),
      {
        description:
          "origins whose events the collector refused lately (403) and the site does not allow: the last 20 since the server started",
      },
    ),
    firstPurchaseAt: Type.Union([Type.Number(), Type.Null()], {
      description: "when the first purchase (not by a bot) was seen, for the install checklist",
    }),
  }),
});
