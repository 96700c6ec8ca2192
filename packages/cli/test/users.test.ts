/**
 * `intently users add|reset-password` through the real binary on a stopped server's data folder
 * (issue 23, item 7): a user added from the command line signs in to the restarted server with
 * the password printed once; a reset password (given on standard input) replaces the old one
 * and ends the user's sign-ins; bad input gets one clear line and a non-zero exit.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { test } from "node:test";
import { createApiPlugin, startServer } from "@intently/server";
import { Client } from "../../server/test/support-api/client.ts";
import { startFullServer } from "../../server/test/support-api/full-server.ts";
import { ADMIN } from "../../server/test/support-api/server.ts";
import { cli } from "./run-cli.ts";

const env = { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password };
/** The same port each time, so that a client keeps its sign-in cookie across restarts. */
const restart = (dataDir: string, port = 0) =>
  startServer({ dataDir, port, host: "127.0.0.1" }, [createApiPlugin({ env, print: () => {} })]);

test("users add and reset-password on a stopped server; the restarted server takes them", {
  timeout: 120_000,
}, async () => {
  const first = await startFullServer({ origin: "https://shop.example", apiOnly: true });
  const dataDir = first.server.ctx.config.dataDir as string;
  await first.server.close();
  try {
    const add = cli([
      "users",
      "add",
      "Editor@Shop.test",
      "--workspace",
      "default",
      "--role",
      "editor",
      "--data",
      dataDir,
    ]);
    assert.equal(add.code, 0, add.stderr);
    const generated = /password \(shown once\): (\S+)/.exec(add.stdout)?.[1];
    assert.ok(generated && generated.length >= 10, add.stdout);

    let server = await restart(dataDir);
    const editor = new Client(server.url);
    assert.equal((await editor.login("editor@shop.test", generated)).status, 200);
    const me = await editor.get("/api/me");
    assert.equal(me.status, 200);
    assert.ok(JSON.stringify(me.body).includes("editor"), JSON.stringify(me.body));
    await server.close();

    const reset = cli(
      ["users", "reset-password", "editor@shop.test", "--data", dataDir, "--password-stdin"],
      "a-new-password-42\n",
    );
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(reset.stdout, /password of editor@shop\.test reset; \d+ sign-in\(s\) ended/);
    assert.doesNotMatch(reset.stdout, /shown once/, "a given password is not printed");

    server = await restart(dataDir, Number(new URL(editor.base).port));
    const again = new Client(server.url);
    assert.equal(
      (await again.login("editor@shop.test", generated)).status,
      401,
      "the old password",
    );
    assert.equal((await again.login("editor@shop.test", "a-new-password-42")).status, 200);
    assert.equal((await editor.get("/api/me")).status, 401, "the old sign-in ended");
    await server.close();

    const bad = [
      [
        ["users", "add", "not-an-email", "--workspace", "default", "--role", "editor"],
        1,
        /not an e-mail/,
      ],
      [
        ["users", "add", "x@shop.test", "--workspace", "default", "--role", "owner"],
        1,
        /role must be one of admin, editor, viewer/,
      ],
      [
        ["users", "add", "x@shop.test", "--workspace", "nope", "--role", "viewer"],
        1,
        /no workspace "nope"/,
      ],
      [["users", "reset-password", "nobody@shop.test"], 1, /no user nobody@shop\.test/],
      [["users", "add", "x@shop.test", "--role", "viewer"], 2, /workspace/],
    ] as const;
    for (const [args, code, message] of bad) {
      const r = cli([...args, "--data", dataDir]);
      assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    const short = cli(
      ["users", "reset-password", "editor@shop.test", "--data", dataDir, "--password-stdin"],
      "short\n",
    );
    assert.equal(short.code, 1);
    assert.match(short.stderr, /10 to 256 characters/);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
