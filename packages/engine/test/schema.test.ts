import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { batchJsonSchema, EVENT_TYPES, validateBatch, validateEvent } from "../src/index.ts";
import { TEXT_PATTERN } from "../src/schema/events.ts";

const good = () => ({
  site: "pk_live_1",
  batch: "b_1",
  visitor: "v_1",
  session: "s_1",
  sentAt: 1732800000000,
  context: {
    url: "https://shop.test/",
    referrer: "",
    lang: "en-GB",
    viewport: [390, 844],
    tz: "Europe/London",
  },
  events: [
    {
      type: "page_view",
      t: 1732799999000,
      page: { url: "https://shop.test/p/1", type: "product" },
    },
    {
      type: "add_to_cart",
      t: 1732799999500,
      items: [{ id: "SKU1", price: 49, quantity: 1, category: "Shoes" }],
    },
    { type: "rage_click", t: 1732799999900, target: "button.pay" },
  ],
});

describe("collect schema (docs/product/collector.md)", () => {
  test("the documented example batch (docs/product/collector.md#example) is valid", () => {
    const r = validateBatch(good());
    assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
  });

  test("unknown fields are dropped, known ones kept", () => {
    const b = good() as Record<string, unknown>;
    b.extra = "x";
    (b.events as Record<string, unknown>[])[0]!.secret = "y";
    const r = validateBatch(b);
    assert.ok(r.ok);
    assert.equal("extra" in r.value, false);
    assert.equal("secret" in r.value.events[0]!, false);
    assert.equal(r.value.events[0]!.type, "page_view");
  });

  const bad: [string, (b: ReturnType<typeof good>) => unknown, RegExp][] = [
    ["not an object", () => [1, 2], /expected a JSON object/],
    ["missing site", (b) => ({ ...b, site: undefined }), /site/],
    ["empty events", (b) => ({ ...b, events: [] }), /events/],
    [
      "101 events",
      (b) => ({ ...b, events: Array.from({ length: 101 }, () => b.events[0]) }),
      /events/,
    ],
    [
      "unknown event type",
      (b) => ({ ...b, events: [{ type: "launch_rockets", t: 1 }] }),
      /events\/0/,
    ],
    [
      "negative price",
      (b) => ({ ...b, events: [{ type: "add_to_cart", t: 1, items: [{ id: "a", price: -1 }] }] }),
      /events\/0/,
    ],
    ["time as string", (b) => ({ ...b, events: [{ type: "click", t: "yesterday" }] }), /events\/0/],
    [
      "overlong URL",
      (b) => ({ ...b, events: [{ type: "page_view", t: 1, page: { url: "x".repeat(5000) } }] }),
      /events\/0/,
    ],
    [
      "51 items",
      (b) => ({
        ...b,
        events: [
          { type: "purchase", t: 1, items: Array.from({ length: 51 }, () => ({ id: "a" })) },
        ],
      }),
      /events\/0/,
    ],
  ];
  for (const [name, mutate, path] of bad) {
    test(`rejects ${name} with a located reason`, () => {
      const r = validateBatch(mutate(good()));
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.ok(r.issues.length > 0 && r.issues.length <= 10);
        assert.ok(
          r.issues.some((i) => path.test(i.path) || path.test(i.message)),
          JSON.stringify(r.issues),
        );
      }
    });
  }

  test("custom property names outside [A-Za-z_][A-Za-z0-9_]* are dropped, valid ones kept", () => {
    const r = validateEvent({
      type: "set",
      t: 1,
      props: { "bad name": 1, __proto__x: 2, customer_tier: "gold" },
    });
    assert.ok(r.ok);
    assert.deepEqual(r.ok && "props" in r.value ? { ...r.value.props } : null, {
      __proto__x: 2,
      customer_tier: "gold",
    });
  });

  test("every event type has a valid minimal form", () => {
    const extra: Record<string, object> = {
      page_view: { page: { url: "/" } },
      experience_impression: { experiment: "e", variant: "v" },
      identify: { id: "u1" },
      set: { props: { customer_tier: "gold" } },
    };
    for (const type of EVENT_TYPES) {
      const r = validateEvent({ type, t: 1, ...extra[type] });
      assert.ok(r.ok, `${type}: ${JSON.stringify(!r.ok && r.issues)}`);
    }
  });

  test("validation never throws on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const r = validateBatch(v);
        assert.equal(typeof r.ok, "boolean");
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            type: fc.constantFrom(...EVENT_TYPES),
            t: fc.oneof(fc.double(), fc.integer(), fc.string()),
          },
          { requiredKeys: [] },
        ),
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
        (e, rest) => {
          validateEvent({ ...rest, ...e });
        },
      ),
      { numRuns: 2000 },
    );
  });

  test("the JSON Schema is plain JSON and names every event type", () => {
    const s = batchJsonSchema() as { properties: { events: { items: unknown } } };
    const text = JSON.stringify(s.properties.events.items);
    for (const t of EVENT_TYPES) assert.ok(text.includes(`"${t}"`), t);
  });

  describe("NUL and unpaired surrogates are refused in every string, naming the field", () => {
    // Built from JSON text, as the collector receives them: `\u0000`, `\ud800` escapes.
    const cases: [string, string, string][] = [
      ["visitor id with NUL", '"visitor":"v\\u0000x"', "/visitor"],
      ["batch id with a lone high surrogate", '"batch":"b\\ud800"', "/batch"],
      ["session id with a lone low surrogate", '"session":"\\udc00s"', "/session"],
      ["context string", '"context":{"ua":"Mozilla\\u0000"}', "/context/ua"],
      [
        "page URL",
        '"events":[{"type":"page_view","t":1,"page":{"url":"/\\ud83d"}}]',
        "/events/0/page/url",
      ],
      [
        "item id",
        '"events":[{"type":"purchase","t":1,"items":[{"id":"\\u0000"}]}]',
        "/events/0/items/0/id",
      ],
      ["click target", '"events":[{"type":"click","t":1,"target":"a\\udfff"}]', "/events/0/target"],
      [
        "custom property",
        '"events":[{"type":"set","t":1,"props":{"tier":"g\\u0000"}}]',
        "/events/0/props/tier",
      ],
    ];
    const base =
      '"site":"pk","batch":"b","visitor":"v","session":"s","sentAt":1,"events":[{"type":"click","t":1}]';
    for (const [name, field, path] of cases) {
      test(name, () => {
        const r = validateBatch(JSON.parse(`{${base},${field}}`));
        assert.equal(r.ok, false);
        if (r.ok) return;
        const issue = r.issues.find((i) => i.path === path);
        assert.ok(issue, JSON.stringify(r.issues));
        assert.match(issue.message, /NUL or unpaired surrogate/);
      });
    }

    test("surrogate pairs (emoji) and other control characters are accepted", () => {
      const r = validateBatch(
        JSON.parse(`{${base},"visitor":"v\\ud83d\\ude00","context":{"tz":"\\u0001\\t"}}`),
      );
      assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
    });

    test("the published pattern reads the same with and without the u flag", () => {
      const strings = [
        "",
        "abc",
        "\u0000",
        "a\ud800",
        "\udc00",
        "\ud83d\ude00x",
        "\ud83d\ude00\ud83d",
      ];
      for (const flags of ["", "u"]) {
        const re = new RegExp(TEXT_PATTERN, flags);
        assert.deepEqual(
          strings.map((x) => re.test(x)),
          [true, true, false, false, false, true, false],
          flags,
        );
      }
    });

    test("the check is linear: a long string with a bad last character is refused quickly", () => {
      const re = new RegExp(TEXT_PATTERN);
      // Backtracking would make this astronomically slow; a linear scan does it at once.
      assert.equal(re.test(`${"a\ud83d\ude00".repeat(20_000)}\ud800`), false);
    });
  });
});
