/**
 * `intently sites add`, `tokens add` and `integrations status` through the real binary, on a
 * stopped server's data folder and then through the running server's API (issue 23, admin
 * CLI): the first token, made on the stopped folder, works on the started server; a site added
 * while stopped is served; with --server the snippet carries the server's public URL, a token
 * made through the API works, and the integrations' status is read while the server holds the
 * folder (which --data cannot open then). Refusals: one line, exit 1 (2 for usage). The input
 * checks themselves are tested in-process (server/test/admin-sites-tokens.test.ts and below).
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { test } from "node:test";
import { createApiPlugin, startServer } from "@intently/server";
import { Client } from "../../server/test/support-api/client.ts";
import { startFullServer } from "../../server/test/support-api/full-server.ts";
import { ADMIN } from "../../server/test/support-api/server.ts";
import { freePort } from "../../server/test/support-ops/nginx.ts";
import { CliError } from "../src/command.ts";
import { serverApi } from "../src/io/server-api.ts";
import { cliAsync } from "./support/run-cli-async.ts";

const env = { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password };
const PUBLIC = "https://in.shop.test";
const TOKEN_LINE = /token \(shown once\): (itk_\S+)/;

async function ok(args: string[], tokenEnv: Record<string, string> = {}) {
  const r = await cliAsync(args, tokenEnv);
  assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

async function refused(args: string[], code: number, message: RegExp, e = {}) {
  const r = await cliAsync(args, e);
  assert.equal(r.code, code, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
  assert.match(r.stderr, message);
  assert.equal(r.stderr.trim().split("\n").length, 1, `one line: ${r.stderr}`);
}

test("sites add, tokens add and integrations status: stopped, then through the API", {
  timeout: 600_000,
}, async () => {
  const first = await startFullServer({ origin: "https://shop.example", apiOnly: true });
  const dataDir = first.server.ctx.config.dataDir as string;
  await first.server.close();
  const data = ["--data", dataDir];
  try {
    // Stopped (one process at a time: DuckDB allows one per file): the first token and a site.
    const token = TOKEN_LINE.exec(
      await ok([
        ...["tokens", "add", "ci", "--workspace", "default", "--role", "admin"],
        ...["--user", ADMIN.email, ...data],
      ]),
    )?.[1];
    assert.ok(token);
    const two = JSON.parse(
      await ok([
        ...["sites", "add", "Shop Two", "--workspace", "default"],
        ...["--origins", "https://two.example, https://*.two.example", "--json", ...data],
      ]),
    ) as { id: string; publicKey: string; allowedOrigins: string[] };
    assert.match(two.publicKey, /^pk_live_[0-9a-f]{24}$/);
    assert.deepEqual(two.allowedOrigins, ["https://two.example", "https://*.two.example"]);
    await refused(
      ["sites", "add", "X", "--workspace", "default", "--origins", "ftp://x.example", ...data],
      1,
      /not an origin: "ftp:\/\/x\.example"/,
    );

    const server = await startServer({ dataDir, port: 0, host: "127.0.0.1", publicUrl: PUBLIC }, [
      createApiPlugin({ env, print: () => {} }),
    ]);
    try {
      const { port } = server.app.server.address() as { port: number };
      const url = `http://127.0.0.1:${port}`;
      const api = ["--server", url];
      const withToken = { INTENTLY_API_TOKEN: token };
      const add = ["sites", "add", "X", "--workspace", "default", ...api];
      // These run at once: the server answers them all.
      const [three, robotOut, status] = await Promise.all([
        ok(
          [
            "sites",
            "add",
            "Shop Three",
            "--workspace",
            "default",
            "--origins",
            "https://three.example",
            ...api,
          ],
          withToken,
        ),
        ok(
          ["tokens", "add", "robot", "--workspace", "default", "--role", "viewer", ...api],
          withToken,
        ),
        ok(["integrations", "status", "--site", two.id, ...api], withToken),
        // The folder is the running server's: --data cannot open it, and says what to do.
        refused(["integrations", "status", "--site", two.id, ...data], 1, /use --server URL/),
        refused(add, 2, /set INTENTLY_API_TOKEN/),
        refused(add, 1, /INTENTLY_API_TOKEN was refused/, { INTENTLY_API_TOKEN: "itk_wrong" }),
      ]);
      assert.match(
        three,
        new RegExp(`snippet: <script async src="${PUBLIC}/t/pk_live_[0-9a-f]{24}\\.js"></script>`),
      );
      assert.equal(status.split("\n")[0], "destination\tpending\tdelivered\tretried\tdead\tlag_s");

      const robot = TOKEN_LINE.exec(robotOut)?.[1];
      assert.ok(robot, robotOut);
      const sites = await Client.withToken(url, robot).get("/api/workspaces/default/sites");
      assert.equal(sites.status, 200);
      const names = (sites.body as { id: string; name: string }[]).map((s) => s.name);
      for (const n of ["Shop Two", "Shop Three"]) assert.ok(names.includes(n), `${n} in ${names}`);
      // A viewer token cannot make sites: the server's answer, in one line.
      await refused(add, 1, /403/, { INTENTLY_API_TOKEN: robot });
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("--server: a URL, not with --data, and a token from the environment", () => {
  const saved = process.env.INTENTLY_API_TOKEN;
  try {
    delete process.env.INTENTLY_API_TOKEN;
    assert.equal(serverApi({}), null, "no --server: the data folder");
    for (const [v, message] of [
      [{ server: "http://127.0.0.1:1" }, /set INTENTLY_API_TOKEN/],
      [{ server: "ftp://x" }, /http or https URL/],
      [{ server: "not a url" }, /--server must be a URL/],
      [{ server: "http://x", data: "d" }, /--server or --data, not both/],
      [{ server: "" }, /--server needs a URL/],
    ] as const)
      assert.throws(
        () => serverApi(v),
        (e) => e instanceof CliError && message.test(e.message),
      );
  } finally {
    if (saved !== undefined) process.env.INTENTLY_API_TOKEN = saved;
  }
});

test("--server: an unreachable server is one clear error", async () => {
  process.env.INTENTLY_API_TOKEN ??= "itk_x";
  const closed = `http://127.0.0.1:${await freePort()}`;
  const api = serverApi({ server: closed });
  await assert.rejects(api!.call("GET", "/api/workspaces"), (e) => {
    assert.ok(e instanceof CliError && e.exitCode === 1);
    assert.match(e.message, new RegExp(`^cannot reach ${closed}: connect ECONNREFUSED`));
    return true;
  });
});
