/**
 * The collector's wire schema (docs/product/collector.md#batch) — the single source of truth for
 * event types. TypeScript types are derived from these TypeBox schemas (`Static<>`), runtime
 * validation is compiled from them (see validate.ts) and the published JSON Schema is emitted from
 * them.
 */
import { type Static, Type as T } from "@sinclair/typebox";

export const SCHEMA_VERSION = "1";

/** Caps applied to everything that comes from outside. */
export enum Limits {
  MaxEventsPerBatch = 100,
  MaxItemsPerEvent = 50,
  MaxUrlLength = 2048,
  MaxStringLength = 256,
  MaxIdLength = 128,
  MaxProps = 32,
}

/**
 * Well-formed text: no NUL and no unpaired UTF-16 surrogate (JSON's `\u0000` / `\ud800` escapes
 * can carry both; stores, logs and CSVs choke on them). One linear regex, unambiguous at every
 * step: a run of ordinary characters, then surrogate pairs each followed by such a run. It reads
 * the same with and without the `u` flag, so the published JSON Schema enforces it too.
 */
export const TEXT_PATTERN =
  "^[^\\u0000\\uD800-\\uDFFF]*(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF][^\\u0000\\uD800-\\uDFFF]*)*$";
/** Every string on the wire is well-formed text. */
export const WireText = (options: {
  minLength?: number;
  maxLength: number;
  description?: string;
}) => T.String({ ...options, pattern: TEXT_PATTERN });
const Str = (maxLength: number = Limits.MaxStringLength) => WireText({ maxLength });
/** A non-empty id (site key, batch, visitor, session). */
export const WireId = WireText({ minLength: 1, maxLength: Limits.MaxIdLength });
const Id = WireId;
/** Event time: epoch milliseconds. */
const Time = T.Number({
  minimum: 0,
  maximum: 8.64e15,
  description:
    "Epoch ms by the browser's clock, within [sentAt − 24 h, sentAt + 5 min] (see sentAt).",
});
const SentAt = T.Number({
  minimum: 0,
  maximum: 8.64e15,
  description:
    "When this attempt was sent, epoch ms by the browser's clock (which may be wrong: the " +
    "collector shifts every event time by receive time − sentAt, and clamps a time after the " +
    "receive time to it). Every event's t must lie within 24 h before and 5 min after sentAt " +
    "(the collector's maxEventAgeMs / maxEventAheadMs), else the batch is refused with 400 " +
    "naming /events/<i>/t. A retry sends a new sentAt: it is not part of the batch's content.",
});

export const PAGE_TYPES = [
  "home",
  "category",
  "search",
  "product",
  "cart",
  "checkout",
  "confirmation",
  "content",
  "landing",
  "account",
  "not_found",
  "other",
] as const;
export type PageType = (typeof PAGE_TYPES)[number];

export const Page = T.Object({
  url: Str(Limits.MaxUrlLength),
  type: T.Optional(T.Union(PAGE_TYPES.map((p) => T.Literal(p)))),
  /** Category of a listing page (used for "≥ 2 listing pages of one category"). */
  category: T.Optional(Str()),
  title: T.Optional(Str()),
});
export type Page = Static<typeof Page>;

export const Item = T.Object({
  id: Str(Limits.MaxIdLength),
  name: T.Optional(Str()),
  category: T.Optional(Str()),
  brand: T.Optional(Str()),
  variant: T.Optional(Str()),
  price: T.Optional(T.Number({ minimum: 0, maximum: 1e9 })),
  /** The price as written when it could not be read unambiguously ("1.299"); price is then absent. */
  price_raw: T.Optional(WireText({ maxLength: 64 })),
  quantity: T.Optional(T.Integer({ minimum: 0, maximum: 10000 })),
  coupon: T.Optional(Str()),
  /** Discount on the item, per unit (GA4 `discount`). */
  discount: T.Optional(T.Number({ minimum: 0, maximum: 1e9 })),
  /** List the item was shown in (GA4 `item_list_name`, UA `list`). */
  list: T.Optional(Str()),
});
export type Item = Static<typeof Item>;

/** A promotion shown or chosen (GA4 promotion_id … creative_slot, UA promoView / promoClick). */
export const Promotion = T.Object({
  id: T.Optional(Str(Limits.MaxIdLength)),
  name: T.Optional(Str()),
  creative: T.Optional(Str()),
  slot: T.Optional(Str()),
});

/** The dataLayer format an event was read from (tag adapters; `api` for intently.push). */
export const SOURCE_FORMATS = ["ga4", "gtag", "ua", "elevar", "api"] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/**
 * GA4 e-commerce events (the tag also maps UA Enhanced Ecommerce and Elevar onto them;
 * docs/product/tag.md#capture).
 */
export const COMMERCE_TYPES = [
  "view_item_list",
  "select_item",
  "view_item",
  "add_to_cart",
  "remove_from_cart",
  "view_cart",
  "begin_checkout",
  "add_shipping_info",
  "add_payment_info",
  "purchase",
  "refund",
  "view_promotion",
  "select_promotion",
  "add_to_wishlist",
  "search",
  "view_search_results",
] as const;
export type CommerceType = (typeof COMMERCE_TYPES)[number];

/** Frustration signals detected in the page (docs/product/tag.md#signals). */
export const FRUSTRATION_TYPES = [
  "rage_click",
  "dead_click",
  "error_click",
  "js_error",
  "form_error",
  "thrashed_cursor",
  "u_turn",
] as const;
export type FrustrationType = (typeof FRUSTRATION_TYPES)[number];

/** Exit and attention signals. */
export const ATTENTION_TYPES = ["exit_intent", "tab_hidden", "tab_visible", "idle"] as const;
export type AttentionType = (typeof ATTENTION_TYPES)[number];

export const INTERACTION_TYPES = ["click", "scroll", "filter", "sort", "page_engagement"] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

const lit = <S extends string>(values: readonly S[]) => T.Union(values.map((v) => T.Literal(v)));
const base = { t: Time, page: T.Optional(Page) };

export const PageViewEvent = T.Object({
  type: T.Literal("page_view"),
  ...base,
  page: Page,
  referrer: T.Optional(Str(Limits.MaxUrlLength)),
});

export const CommerceEvent = T.Object({
  type: lit(COMMERCE_TYPES),
  ...base,
  items: T.Optional(T.Array(Item, { maxItems: Limits.MaxItemsPerEvent })),
  value: T.Optional(T.Number({ minimum: 0, maximum: 1e10 })),
  /**
   * The value as written when it could not be read unambiguously ("1.299" without a locale):
   * value is then absent, never guessed. Counted as an ambiguous amount.
   */
  value_raw: T.Optional(WireText({ maxLength: 64 })),
  currency: T.Optional(WireText({ maxLength: 3 })),
  /** Order id (purchase, refund): one order is counted once. */
  transaction_id: T.Optional(Str(Limits.MaxIdLength)),
  tax: T.Optional(T.Number({ minimum: 0, maximum: 1e10 })),
  shipping: T.Optional(T.Number({ minimum: 0, maximum: 1e10 })),
  coupon: T.Optional(Str()),
  promotions: T.Optional(T.Array(Promotion, { maxItems: Limits.MaxItemsPerEvent })),
  source: T.Optional(lit(SOURCE_FORMATS)),
  search_term: T.Optional(Str()),
  /** Number of results shown (view_search_results); 0 is a "search no results" signal. */
  results: T.Optional(T.Integer({ minimum: 0, maximum: 1e9 })),
  item_list_name: T.Optional(Str()),
});

export const SignalEvent = T.Object({
  type: T.Union([lit(FRUSTRATION_TYPES), lit(ATTENTION_TYPES)]),
  ...base,
  /** CSS-like description of the element involved, never its text. */
  target: T.Optional(Str()),
  /** Idle duration or similar, in milliseconds. */
  ms: T.Optional(T.Number({ minimum: 0, maximum: 8.64e7 })),
  /** Hash of an error message (no text is sent). */
  hash: T.Optional(Str(64)),
});

export const InteractionEvent = T.Object({
  type: lit(INTERACTION_TYPES),
  ...base,
  target: T.Optional(Str()),
  /** Time from pointer entering the target to the click (hesitation), ms. */
  hesitationMs: T.Optional(T.Number({ minimum: 0, maximum: 3.6e6 })),
  /** Scroll depth reached on the page, 0–100. */
  depth: T.Optional(T.Number({ minimum: 0, maximum: 100 })),
  /** Time on page, ms (page_engagement). */
  ms: T.Optional(T.Number({ minimum: 0, maximum: 8.64e7 })),
  name: T.Optional(Str()),
  value: T.Optional(Str()),
});

export const ExperimentEvent = T.Object({
  type: T.Literal("experience_impression"),
  ...base,
  experiment: Str(Limits.MaxIdLength),
  variant: Str(Limits.MaxIdLength),
});

export const IdentifyEvent = T.Object({
  type: T.Literal("identify"),
  ...base,
  /** The shop's own id for the visitor; hashed by the tag where the site asks. */
  id: Str(Limits.MaxIdLength),
});

const PropValue = T.Union([Str(), T.Number(), T.Boolean()]);
/** Custom dataLayer properties the site declares (e.g. customer_tier). */
export const SetEvent = T.Object({
  type: T.Literal("set"),
  ...base,
  props: T.Record(T.String({ pattern: "^[A-Za-z_][A-Za-z0-9_]{0,63}$" }), PropValue, {
    maxProperties: Limits.MaxProps,
  }),
});

export const Event = T.Union([
  PageViewEvent,
  CommerceEvent,
  SignalEvent,
  InteractionEvent,
  ExperimentEvent,
  IdentifyEvent,
  SetEvent,
]);
export type Event = Static<typeof Event>;
export type EventType = Event["type"];
export type PageViewEvent = Static<typeof PageViewEvent>;
export type CommerceEvent = Static<typeof CommerceEvent>;
export type SignalEvent = Static<typeof SignalEvent>;
export type InteractionEvent = Static<typeof InteractionEvent>;

export const EVENT_TYPES: readonly EventType[] = [
  "page_view",
  ...COMMERCE_TYPES,
  ...FRUSTRATION_TYPES,
  ...ATTENTION_TYPES,
  ...INTERACTION_TYPES,
  "experience_impression",
  "identify",
  "set",
];

export const Context = T.Object({
  url: T.Optional(Str(Limits.MaxUrlLength)),
  referrer: T.Optional(Str(Limits.MaxUrlLength)),
  lang: T.Optional(WireText({ maxLength: 35 })),
  viewport: T.Optional(
    T.Tuple([
      T.Integer({ minimum: 0, maximum: 100000 }),
      T.Integer({ minimum: 0, maximum: 100000 }),
    ]),
  ),
  tz: T.Optional(WireText({ maxLength: 64 })),
  /** User agent; the collector fills it from the request header when absent. */
  ua: T.Optional(WireText({ maxLength: 512 })),
  /** ISO country code, filled by the server (never an IP address). */
  country: T.Optional(WireText({ maxLength: 2 })),
  /** navigator.webdriver, reported by the tag. */
  webdriver: T.Optional(T.Boolean()),
  /** Visitor-level history the tag keeps in first-party storage. */
  previousSessions: T.Optional(T.Integer({ minimum: 0, maximum: 1e6 })),
  previousPurchases: T.Optional(T.Integer({ minimum: 0, maximum: 1e6 })),
});
export type Context = Static<typeof Context>;

export const Batch = T.Object(
  {
    site: Id,
    batch: WireText({
      minLength: 1,
      maxLength: Limits.MaxIdLength,
      description:
        "Batch id, unique in its session. A retry resends the same id and content (answered " +
        "once, then as a duplicate); the same id with other content (anything but sentAt) is " +
        "refused with 409.",
    }),
    visitor: Id,
    session: Id,
    sentAt: SentAt,
    consent: T.Optional(
      T.Boolean({
        description:
          "True when the visitor gave consent on the page (intently.consent(true)). A site that " +
          "requires consent, or honours Global Privacy Control and receives Sec-GPC: 1, stores " +
          "only batches that carry it; others are answered 202 with {stop} and not stored.",
      }),
    ),
    context: T.Optional(Context),
    events: T.Array(Event, { minItems: 1, maxItems: Limits.MaxEventsPerBatch }),
  },
  {
    description:
      "One collect request (POST /v1/collect). Every string is well-formed text: no NUL and no " +
      "unpaired UTF-16 surrogate (400 naming the field).",
  },
);
export type Batch = Static<typeof Batch>;
