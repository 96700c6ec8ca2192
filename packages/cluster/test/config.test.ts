/** The cluster configuration (file + environment, every check) and the session partitioning. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { format, inspect } from "node:util";
import fc from "fast-check";
import {
  CLUSTER_DEFAULTS,
  CLUSTER_FIELDS,
  ClusterConfigError,
  loadClusterConfig,
  parseClusterConfig,
  redacted,
  redactUrl,
} from "../src/config.ts";
import { fnv1a32Utf8, partitionOf, subjectOf } from "../src/partition.ts";

const URLS = {
  INTENTLY_NATS_URL: "nats://127.0.0.1:14222",
  INTENTLY_REDIS_URL: "redis://127.0.0.1:16379",
  INTENTLY_CLICKHOUSE_URL: "http://127.0.0.1:18123/intently",
  INTENTLY_POSTGRES_URL: "postgres://intently:s3cr3t-pw@127.0.0.1:15432/intently",
};

/** The problems a bad configuration reports (fails when it does not throw ClusterConfigError). */
function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ClusterConfigError, String(e));
    assert.equal(e.name, "ClusterConfigError");
    return e.problems;
  }
  assert.fail("no ClusterConfigError");
}

test("defaults: all three roles, 16 partitions, intently / intently.batches", () => {
  const config = parseClusterConfig({ env: URLS });
  assert.deepEqual(config, {
    roles: ["collector", "worker", "api"],
    services: {
      nats: URLS.INTENTLY_NATS_URL,
      redis: URLS.INTENTLY_REDIS_URL,
      clickhouse: URLS.INTENTLY_CLICKHOUSE_URL,
      postgres: URLS.INTENTLY_POSTGRES_URL,
    },
    partitions: 16,
    stream: "intently",
    subjectPrefix: "intently.batches",
    checkpointIntervalMs: 1000,
    membershipTtlSeconds: 3600,
    host: "127.0.0.1",
    port: 8080,
  });
  assert.equal(CLUSTER_DEFAULTS.partitions, 16);
});

test("a file's values, overridden field by field by the environment (empty = unset)", () => {
  const dir = mkdtempSync(join(tmpdir(), "cluster-config-"));
  try {
    const path = join(dir, "cluster.json");
    writeFileSync(
      path,
      JSON.stringify({
        roles: ["collector"],
        nats: "nats://nats.internal:4222",
        redis: "redis://redis.internal:6379/2",
        partitions: 32,
        stream: "shop",
        subjectPrefix: "shop.in",
        port: 9000,
      }),
    );
    const fileOnly = loadClusterConfig({ file: path, env: {} });
    assert.deepEqual(fileOnly.roles, ["collector"]);
    assert.deepEqual(fileOnly.services, {
      nats: "nats://nats.internal:4222",
      redis: "redis://redis.internal:6379/2",
    });
    assert.equal(fileOnly.partitions, 32);
    assert.equal(fileOnly.port, 9000);

    const both = loadClusterConfig({
      file: path,
      env: {
        INTENTLY_PARTITIONS: "64",
        INTENTLY_ROLES: "collector, api",
        INTENTLY_CLICKHOUSE_URL: URLS.INTENTLY_CLICKHOUSE_URL,
        INTENTLY_POSTGRES_URL: URLS.INTENTLY_POSTGRES_URL,
        INTENTLY_NATS_URL: "nats://127.0.0.1:14222",
        INTENTLY_STREAM: "",
        INTENTLY_CHECKPOINT_INTERVAL_MS: "250",
      },
    });
    assert.equal(both.partitions, 64); // env beats file
    assert.deepEqual(both.roles, ["collector", "api"]);
    assert.equal(both.services.nats, "nats://127.0.0.1:14222");
    assert.equal(both.services.redis, "redis://redis.internal:6379/2"); // file, env unset
    assert.equal(both.stream, "shop"); // empty env value = unset
    assert.equal(both.subjectPrefix, "shop.in");
    assert.equal(both.checkpointIntervalMs, 250);
    assert.equal(both.membershipTtlSeconds, 3600); // default
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a missing or broken file is reported with the environment's problems", () => {
  const dir = mkdtempSync(join(tmpdir(), "cluster-config-"));
  try {
    const missing = problemsOf(() =>
      loadClusterConfig({ file: join(dir, "nope.json"), env: { INTENTLY_PARTITIONS: "0" } }),
    );
    assert.match(missing[0] ?? "", /nope\.json: no such file/);
    assert.ok(missing.some((p) => p.startsWith("partitions (INTENTLY_PARTITIONS)")));
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ roles: ");
    assert.match(
      problemsOf(() => loadClusterConfig({ file: broken, env: URLS }))[0] ?? "",
      /not valid JSON/,
    );
    writeFileSync(broken, "[1]");
    assert.deepEqual(
      problemsOf(() => loadClusterConfig({ file: broken, env: URLS })),
      [`${broken}: must hold a JSON object of fields`],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("every bad field is named in one error, unknown keys included", () => {
  const values = {
    roles: ["collector", "wrker"],
    nats: "http://127.0.0.1:4222",
    redis: 6379,
    clickhouse: "not a url",
    postgres: "postgres:///intently?password=hunter2",
    partitions: 1025,
    stream: "in.tently",
    subjectPrefix: "intently.*",
    checkpointIntervalMs: 1.5,
    membershipTtlSeconds: 0,
    host: "bad host",
    port: 70000,
    partition: 8, // a typo
  };
  const problems = problemsOf(() => parseClusterConfig({ file: { path: "c.json", values } }));
  assert.equal(problems.length, Object.keys(CLUSTER_FIELDS).length + 1, problems.join("\n"));
  for (const key of Object.keys(CLUSTER_FIELDS))
    assert.ok(
      problems.some((p) => p.startsWith(`${key} (c.json): `)),
      `${key} not named in:\n${problems.join("\n")}`,
    );
  assert.ok(problems.includes('c.json: unknown key "partition"'));
  assert.ok(problems.some((p) => /partitions .*1–1024, not 1025/.test(p)));
  assert.ok(problems.some((p) => /subjectPrefix .*no wildcards/.test(p)));
  assert.ok(problems.some((p) => /nats .*must be nats:\/\/host/.test(p)));
  assert.ok(problems.some((p) => /postgres .*has no host/.test(p)));
  // The whole message lists them all, and never a password.
  const message = String(
    (() => {
      try {
        parseClusterConfig({ file: { path: "c.json", values } });
      } catch (e) {
        return (e as Error).message;
      }
    })(),
  );
  assert.match(message, /^invalid cluster configuration:\n {2}/);
  assert.doesNotMatch(message, /hunter2/);
});

test("environment values are checked as text, with the variable named", () => {
  const problems = problemsOf(() =>
    parseClusterConfig({
      env: {
        ...URLS,
        INTENTLY_ROLES: "collector,collector",
        INTENTLY_PARTITIONS: "16.0",
        INTENTLY_PORT: "-1",
        INTENTLY_MEMBERSHIP_TTL_SECONDS: "1e3",
        INTENTLY_REDIS_URL: "redis://:pw-in-env@[::1",
      },
    }),
  );
  assert.deepEqual(
    problems.map((p) => p.slice(0, p.indexOf(":"))),
    [
      "roles (INTENTLY_ROLES)",
      "redis (INTENTLY_REDIS_URL)",
      "partitions (INTENTLY_PARTITIONS)",
      "membershipTtlSeconds (INTENTLY_MEMBERSHIP_TTL_SECONDS)",
      "port (INTENTLY_PORT)",
    ],
  );
  assert.doesNotMatch(problems.join("\n"), /pw-in-env/);
});

test("a service URL is required only by the roles that use it", () => {
  const collector = parseClusterConfig({
    env: {
      INTENTLY_ROLES: "collector",
      INTENTLY_NATS_URL: URLS.INTENTLY_NATS_URL,
      INTENTLY_REDIS_URL: URLS.INTENTLY_REDIS_URL,
    },
  });
  assert.deepEqual(Object.keys(collector.services), ["nats", "redis"]);
  // Bad roles are reported alone, without guessing which URLs they would need.
  assert.deepEqual(
    problemsOf(() => parseClusterConfig({ env: { INTENTLY_ROLES: "api,collecter" } })),
    [
      'roles (INTENTLY_ROLES): must be a non-empty list of collector, worker, api without repeats, not "api,collecter"',
    ],
  );
  assert.deepEqual(
    problemsOf(() =>
      parseClusterConfig({
        env: { INTENTLY_ROLES: "api,worker", INTENTLY_REDIS_URL: URLS.INTENTLY_REDIS_URL },
      }),
    ),
    [
      "nats (INTENTLY_NATS_URL): missing, required by role worker",
      "clickhouse (INTENTLY_CLICKHOUSE_URL): missing, required by roles api, worker",
      "postgres (INTENTLY_POSTGRES_URL): missing, required by roles api, worker",
    ],
  );
});

test("redacted() masks users, passwords and secret query parameters", () => {
  const config = parseClusterConfig({
    env: {
      ...URLS,
      INTENTLY_REDIS_URL: "redis://default:r3d1s-pw@cache.internal:6379/0",
      INTENTLY_CLICKHOUSE_URL: "https://ch.internal:8443/intently?password=ch-pw&database=x",
    },
  });
  const shown = JSON.stringify(redacted(config));
  for (const secret of ["s3cr3t-pw", "r3d1s-pw", "ch-pw", "intently:"])
    assert.doesNotMatch(shown, new RegExp(secret));
  assert.deepEqual(redacted(config).services, {
    nats: "nats://127.0.0.1:14222",
    redis: "redis://***:***@cache.internal:6379/0",
    clickhouse: "https://ch.internal:8443/intently?password=***&database=x",
    postgres: "postgres://***:***@127.0.0.1:15432/intently",
  });
  assert.equal(config.services.postgres, URLS.INTENTLY_POSTGRES_URL); // the config itself is intact
  // Logged whole by mistake, the config shows its redacted view.
  for (const logged of [
    JSON.stringify(config),
    inspect(config, { depth: 5 }),
    `${format("%o", config)}`,
  ])
    for (const secret of ["s3cr3t-pw", "r3d1s-pw", "ch-pw"])
      assert.doesNotMatch(logged, new RegExp(secret));
  assert.match(JSON.stringify(config), /postgres:\/\/\*\*\*:\*\*\*@127\.0\.0\.1/);
  assert.equal(redactUrl("::not a url with pw::"), "***");
});

// An independent implementation from the definitions: FNV-1a 32 and fmix32 in BigInt arithmetic
// over Node's own UTF-8 encoder.
const M = 0xffffffffn;
function refFnv(bytes: Iterable<number>): bigint {
  let h = 0x811c9dc5n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x01000193n) & M;
  return h;
}
function refPartition(site: string, session: string, n: number): number {
  let h = refFnv([...Buffer.from(site, "utf8"), 0, ...Buffer.from(session, "utf8")]);
  h ^= h >> 16n;
  h = (h * 0x85ebca6bn) & M;
  h ^= h >> 13n;
  h = (h * 0xc2b2ae35n) & M;
  h ^= h >> 16n;
  return Number((h * BigInt(n)) >> 32n);
}

test("the hash: FNV-1a 32's published test vectors, UTF-8 as Node encodes it", () => {
  assert.equal(fnv1a32Utf8(""), 0x811c9dc5);
  assert.equal(fnv1a32Utf8("a"), 0xe40c292c);
  assert.equal(fnv1a32Utf8("foobar"), 0xbf9cf968);
  fc.assert(
    fc.property(
      fc.string({ unit: "binary" }),
      (s) => fnv1a32Utf8(s) === Number(refFnv(Buffer.from(s, "utf8"))),
    ),
    { numRuns: 2000 },
  );
  assert.equal(fnv1a32Utf8("\ud800x"), Number(refFnv(Buffer.from("\ud800x", "utf8")))); // lone surrogate
});

test("partitionOf: fixed partitions, the same in every process and version", () => {
  const fixed: [string, string, number, number][] = [
    ["pk_demo", "s-1", 16, 15],
    ["pk_demo", "s-2", 16, 10],
    ["pk_demo", "s-3", 16, 8],
    ["pk_demo", "s-4", 16, 1],
    ["shop.example", "0b5c0e2a-1f7e-4c3e-9a51-6f1f2f9d3c11", 16, 10],
    ["site", "session", 1024, 380],
    ["café", "sessión-😀", 16, 12],
    ["a", "bc", 1024, 1000],
    ["ab", "c", 1024, 133],
    ["pk_live_x", "v1", 7, 2],
    ["pk_demo", "s-1", 1, 0],
  ];
  for (const [site, session, n, want] of fixed) {
    assert.equal(partitionOf(site, session, n), want, `${site}/${session}/${n}`);
    assert.equal(refPartition(site, session, n), want, `reference ${site}/${session}/${n}`);
  }
  for (const n of [0, 1025, 1.5, Number.NaN])
    assert.throws(() => partitionOf("s", "x", n), RangeError);
});

test("partitionOf: always in range and equal to the reference implementation", () => {
  fc.assert(
    fc.property(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.integer({ min: 1, max: 1024 }),
      (site, session, n) => {
        const p = partitionOf(site, session, n);
        return Number.isInteger(p) && p >= 0 && p < n && p === refPartition(site, session, n);
      },
    ),
    { numRuns: 3000 },
  );
});

test("partitionOf: 100k random session ids spread evenly over 16 partitions", () => {
  const n = 16;
  const ids = fc.sample(fc.uuid(), { numRuns: 100_000, seed: 14 });
  const counts = new Array<number>(n).fill(0);
  for (const id of ids) counts[partitionOf("pk_demo", id, n)]! += 1;
  const expected = ids.length / n;
  const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
  // chi-square with 15 degrees of freedom: 37.7 is its 99.9th percentile.
  assert.ok(chi2 < 37.7, `chi2 ${chi2.toFixed(1)}: ${counts.join(" ")}`);
  for (const c of counts) assert.ok(Math.abs(c - expected) < expected * 0.05, counts.join(" "));
  // Sequential ids (the weak case of FNV-1a alone) spread too.
  const seq = new Array<number>(n).fill(0);
  for (let i = 0; i < 16_000; i++) seq[partitionOf("pk_demo", `s-${i}`, n)]! += 1;
  for (const c of seq) assert.ok(c > 850 && c < 1150, seq.join(" "));
});

test("subjectOf: <prefix>.<partition>", () => {
  assert.equal(subjectOf("intently.batches", 0), "intently.batches.0");
  assert.equal(subjectOf("intently.batches", 1023), "intently.batches.1023");
  assert.throws(() => subjectOf("intently.batches", -1), RangeError);
  assert.throws(() => subjectOf("intently.batches", 1.5), RangeError);
});
