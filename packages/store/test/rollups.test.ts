import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ingestSimulation } from "@intently/demo-data";
import { DAY_MS, DuckDbStore, type Period } from "../src/index.ts";

/**
 * The rollups behind the reports equal scans of the raw tables — after loading, and after
 * erasure and retention have subtracted what they deleted.
 */
describe("rollups agree with the raw tables", () => {
  let store: DuckDbStore;
  let p: Period;
  const SEGMENTS = ["focused-explorers", "converted", "mobile-shoppers", "high-value-carts"];

  before(async () => {
    store = await DuckDbStore.open(null, { buffer: { maxRows: 2000 } });
    const r = await ingestSimulation({ sessions: 400, seed: 11, days: 3, store });
    p = { site: "demo", from: Math.floor(r.from / DAY_MS) * DAY_MS, to: r.to + 1 };
  });
  after(() => store.close());

  const scan = (sql: string) => store.db.exec(sql);
  const NB = "NOT bot AND site = 'demo'";

  async function check(label: string): Promise<void> {
    const q = store.queries;
    for (const seg of SEGMENTS) {
      const member = `list_contains(persisted_segments, '${seg}')`;
      const [ref] = await scan(
        `SELECT count(*) AS n, count(*) FILTER (WHERE purchased) AS c, coalesce(sum(orders), 0) AS o,
           coalesce(sum(revenue), 0) AS r, count(DISTINCT visitor) AS v, max(xc_max) AS mx,
           coalesce(sum(sig_rage_click), 0) AS rage, count(*) FILTER (WHERE sig_exit_intent > 0) AS ex
         FROM sessions WHERE ${NB} AND ${member}`,
      );
      const { segment: a } = await q.compare(p, seg);
      assert.deepEqual(
        [
          a.sessions,
          a.conversions,
          a.orders,
          a.visitors,
          a.signals.rage_click.count,
          a.signals.exit_intent.sessions,
        ],
        [ref!.n, ref!.c, ref!.o, ref!.v, ref!.rage, ref!.ex],
        `${label} ${seg} sums`,
      );
      assert.ok(Math.abs(a.revenue - Number(ref!.r)) < 1e-6);
      assert.equal(a.maxXc, ref!.n === 0 ? null : ref!.mx);

      const dims = await scan(
        `SELECT device AS k, count(*) AS n FROM sessions WHERE ${NB} AND ${member} GROUP BY device`,
      );
      const got = (await q.breakdowns(p, seg)).filter((b) => b.dimension === "device");
      assert.deepEqual(
        new Map(got.map((b) => [b.key, b.sessions])),
        new Map(dims.map((d) => [String(d.k), Number(d.n)])),
        `${label} ${seg} devices`,
      );

      const flows = await scan(
        `SELECT coalesce(prev_segment, '-') AS k, count(*) AS n FROM intervals
         WHERE ${NB} AND segment = '${seg}' GROUP BY ALL`,
      );
      const from = (await q.flow(p, seg)).filter((f) => f.direction === "from");
      assert.deepEqual(
        new Map(from.map((f) => [f.segment ?? "-", f.transitions])),
        new Map(flows.map((f) => [String(f.k), Number(f.n)])),
        `${label} ${seg} flow`,
      );
    }
    const [pair] = await scan(
      `SELECT count(DISTINCT x.session) AS s, coalesce(sum(least(x.exited_at, y.exited_at) - greatest(x.entered_at, y.entered_at)), 0) AS ms
       FROM intervals x JOIN intervals y ON x.session = y.session
       WHERE NOT x.bot AND x.site = 'demo' AND x.segment = 'mobile-shoppers' AND y.segment = 'high-value-carts'
         AND x.entered_at < y.exited_at AND y.entered_at < x.exited_at`,
    );
    const [both] = await scan(
      `SELECT count(*) AS n FROM sessions WHERE ${NB}
         AND list_contains(persisted_segments, 'mobile-shoppers') AND list_contains(persisted_segments, 'high-value-carts')`,
    );
    const o = await q.overlap(p, "high-value-carts", "mobile-shoppers");
    assert.deepEqual(
      [o.both, o.concurrentSessions, o.concurrentMs],
      [both!.n, pair!.s, pair!.ms],
      `${label} pair`,
    );

    const phases = await scan(
      `SELECT phase::VARCHAR AS p, final_segment::VARCHAR AS s, count(*) AS n FROM sessions WHERE ${NB} GROUP BY ALL`,
    );
    const got = await q.phaseOutcomes(p);
    assert.deepEqual(
      new Map(got.map((r) => [`${r.phase}/${r.segment}`, r.sessions])),
      new Map(phases.map((r) => [`${r.p}/${r.s}`, Number(r.n)])),
      `${label} phases`,
    );
  }

  test("after loading", async () => {
    assert.ok((await store.stats()).sessions === 400);
    await check("loaded");
  });

  test("after rebuilding them from the raw tables, page by page", async () => {
    await store.rebuildRollups(37);
    await check("rebuilt");
  });

  test("after compaction, with one row per key", async () => {
    const rows = async () => Number((await scan("SELECT count(*) AS n FROM segment_daily"))[0]!.n);
    const before = await rows();
    await store.compact();
    const keys = await scan("SELECT count(DISTINCT (site, day, segment)) AS n FROM segment_daily");
    assert.equal(await rows(), Number(keys[0]!.n));
    assert.ok((await rows()) < before);
    await check("compacted");
  });

  test("after erasing visitors and applying retention", async () => {
    const visitors = await scan(
      "SELECT visitor FROM sessions WHERE NOT bot GROUP BY visitor ORDER BY count(*) DESC, visitor LIMIT 5",
    );
    for (const v of visitors) await store.eraseVisitor("demo", String(v.visitor));
    const [mid] = await scan("SELECT quantile_disc(started_at, 0.5) AS t FROM sessions");
    await store.deleteBefore("demo", Number(mid!.t));
    assert.ok((await store.stats()).sessions < 250);
    await check("after deletes");
  });
});
