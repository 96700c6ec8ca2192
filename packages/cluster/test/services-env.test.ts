/** The services env file's parser (no service needed): what ensureServices trusts. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { parseServicesEnv, SERVICE_ENV, servicesDir } from "../src/services.ts";

const good = [
  "# written by scripts/services up",
  "INTENTLY_NATS_URL=nats://127.0.0.1:14222",
  "INTENTLY_REDIS_URL=redis://127.0.0.1:16379",
  "",
  "INTENTLY_CLICKHOUSE_URL=http://127.0.0.1:18123/intently",
  "INTENTLY_POSTGRES_URL=postgres://intently:intently@127.0.0.1:15432/intently",
].join("\n");

test("parseServicesEnv reads the four URLs and skips comments and blank lines", () => {
  assert.deepEqual(parseServicesEnv(good), {
    nats: "nats://127.0.0.1:14222",
    redis: "redis://127.0.0.1:16379",
    clickhouse: "http://127.0.0.1:18123/intently",
    postgres: "postgres://intently:intently@127.0.0.1:15432/intently",
  });
});

test("parseServicesEnv names a missing variable, a non-URL, a wrong scheme, a bad line", () => {
  const without = good.replace(/^INTENTLY_REDIS_URL=.*$/m, "");
  assert.throws(() => parseServicesEnv(without, "f"), /f: INTENTLY_REDIS_URL is missing/);
  const notUrl = good.replace("nats://127.0.0.1:14222", "127.0.0.1:14222");
  assert.throws(() => parseServicesEnv(notUrl), /INTENTLY_NATS_URL is not a URL/);
  const scheme = good.replace("http://127.0.0.1:18123", "tcp://127.0.0.1:19000");
  assert.throws(() => parseServicesEnv(scheme), /INTENTLY_CLICKHOUSE_URL must be http: or https:/);
  assert.throws(() => parseServicesEnv(`${good}\nexport FOO`, "f"), /f:7: not KEY=value/);
});

test("servicesDir: INTENTLY_SERVICES_DIR, else .services at the repository root", () => {
  assert.equal(servicesDir({ INTENTLY_SERVICES_DIR: "/tmp/x/../svc" }), "/tmp/svc");
  const root = new URL("../../../", import.meta.url).pathname;
  assert.equal(servicesDir({}), join(root, ".services"));
  assert.deepEqual(Object.keys(SERVICE_ENV), ["nats", "redis", "clickhouse", "postgres"]);
});
