/**
 * What the PostgreSQL configuration does beyond the contract (src/postgres/): migrations applied
 * once by processes opening one schema together, a newer schema refused, concurrent segment
 * saves numbered without gaps or clashes, site hooks (a failed re-bucketing rolls the zone change
 * back), and outbox payloads kept byte for byte (a `\u0000` escape that jsonb would refuse).
 */
import assert from "node:assert/strict";
import { describe, type TestContext, test } from "node:test";
import {
  openPostgresConfig,
  PG_LATEST_VERSION,
  type PostgresConfigOptions,
  type PostgresConfigPorts,
} from "../src/postgres/index.ts";
import { adminQuery, freshSchema, postgresUrl } from "./support/postgres.ts";

async function open(
  t: TestContext,
  schema: string,
  options: PostgresConfigOptions = {},
): Promise<PostgresConfigPorts> {
  const p = await openPostgresConfig(await postgresUrl(), { ...options, schema });
  t.after(() => p.close());
  return p;
}

describe("postgres configuration", () => {
  test("processes opening one new schema together apply each migration once", async (t) => {
    const schema = freshSchema();
    await Promise.all([open(t, schema), open(t, schema), open(t, schema)]);
    const r = await adminQuery(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
    assert.deepEqual(
      r.rows.map((x) => x.version),
      Array.from({ length: PG_LATEST_VERSION }, (_, i) => i + 1),
    );
  });

  test("a schema written by a newer build is refused", async (t) => {
    const schema = freshSchema();
    await open(t, schema);
    await adminQuery(`INSERT INTO ${schema}.schema_migrations VALUES ($1, 'future', 0)`, [
      PG_LATEST_VERSION + 1,
    ]);
    await assert.rejects(
      openPostgresConfig(await postgresUrl(), { schema }),
      /newer than this build/,
    );
  });

  test("bad URLs and schema names are refused before connecting", async () => {
    await assert.rejects(openPostgresConfig("mysql://x"), RangeError);
    await assert.rejects(
      openPostgresConfig("postgres://127.0.0.1:1/x", { schema: 'a"; drop' }),
      RangeError,
    );
  });

  test("concurrent saves of one segment get versions 1..n", async (t) => {
    const { config } = await open(t, freshSchema());
    const saves = Array.from({ length: 8 }, (_, i) =>
      config.saveSegment({ site: "s1", id: "seg", definition: { i }, author: "u", status: "live" }),
    );
    const versions = (await Promise.all(saves)).map((v) => v.version).sort((a, b) => a - b);
    assert.deepEqual(versions, [1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test("site hooks: saved sites are told; a failed zone change is rolled back", async (t) => {
    const saved: string[] = [];
    let fail = false;
    const moves: string[] = [];
    const { config } = await open(t, freshSchema(), {
      siteHooks: {
        saved: (s) => saved.push(`${s.id}:${s.settings.timeZone}`),
        zoneChanged: async (site, from, to) => {
          moves.push(`${site}:${from}>${to}`);
          if (fail) throw new Error("re-bucketing failed");
        },
      },
    });
    await config.createWorkspace({ id: "w1", name: "W" });
    await config.createSite({ id: "s1", workspaceId: "w1", name: "A", publicKey: "pk_1" });
    await config.updateSite("s1", { settings: { timeZone: "Europe/Paris" } });
    fail = true;
    await assert.rejects(
      config.updateSite("s1", { name: "B", settings: { timeZone: "Asia/Tokyo" } }),
      /re-bucketing failed/,
    );
    const s = await config.getSite("s1");
    assert.deepEqual([s?.name, s?.settings.timeZone], ["A", "Europe/Paris"]);
    assert.deepEqual(saved, ["s1:UTC", "s1:Europe/Paris"]);
    assert.deepEqual(moves, ["s1:UTC>Europe/Paris", "s1:Europe/Paris>Asia/Tokyo"]);
    await assert.rejects(
      config.updateSite("s1", { settings: { timeZone: "Mars/Base" } }),
      RangeError,
    );
  });

  test("outbox payloads are kept byte for byte, a \\u0000 escape included", async (t) => {
    const { outbox } = await open(t, freshSchema());
    const payload = JSON.stringify({ visitor: "v\u0000x", session: "a", note: "é" });
    await outbox.enqueue([{ key: "s1:a:wh", site: "s1", destination: "wh", payload }], 1);
    assert.equal((await outbox.get("s1:a:wh"))?.payload, payload);
    assert.equal(
      await outbox.deleteVisitor("s1", "v\u0000x"),
      1,
      "erased by its visitor all the same",
    );
  });
});
