/**
 * A bad export folder is refused with a message that says what is wrong without disclosing the
 * server's paths (issue 13): no allowed root, temp folder, data folder or working directory in
 * the answer; the folder is named as the user gave it.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { createApiPlugin } from "../src/api/index.ts";
import { type RunningServer, startServer } from "../src/index.ts";
import { Client } from "./support-api/client.ts";
import { ADMIN } from "./support-api/server.ts";

const dataDir = mkdtempSync(join(tmpdir(), "intently-export-errors-"));
let server: RunningServer;
let admin: Client;
let base: string;

before(async () => {
  server = await startServer({ dataDir, port: 0, host: "127.0.0.1" }, [
    createApiPlugin({
      env: { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password },
      print: () => {},
    }),
  ]);
  admin = new Client(server.url);
  assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
  const s = await admin.post("/api/workspaces/default/sites", { name: "Shop" });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  base = `/api/sites/${s.body.id}/integrations`;
});

after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Absolute paths of this server that an answer must never contain. */
const SERVER_PATHS = [tmpdir(), dataDir, process.cwd(), resolve(".data")];

for (const folder of ["/srv/not-allowed/exports", "exports/relative", "../../etc"]) {
  test(`export folder ${JSON.stringify(folder)}: 400 naming the problem, no server path`, async () => {
    const r = await admin.post(base, { name: "Daily", kind: "export", config: { folder } });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    const text = JSON.stringify(r.body);
    for (const p of SERVER_PATHS) assert.ok(!text.includes(p), `${p} leaked: ${text}`);
    assert.match(r.body.message, /folder/);
    assert.ok(text.includes(folder), `the folder as given is named: ${text}`);
    assert.deepEqual(
      r.body.issues.map((i: { path: string }) => i.path),
      ["/body/config/folder"],
    );
  });
}
