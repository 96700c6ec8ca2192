/**
 * The production build (issue 23 item 5), run the way the container and the systemd unit run it.
 * One build (scripts/build.ts) into a temp folder whose node_modules holds only the packages the
 * bundle leaves external (NATIVE, UNBUNDLED): tsx, esbuild and the workspaces' TypeScript are not
 * even installed there, so the server that answers below cannot have loaded them. Then:
 * `node <dist>/intently.js start --data … --port 0`, a plain node with no flags and no
 * NODE_OPTIONS, as the test's direct child; /readyz, the dashboard, the tag and a site's loader
 * answer; collect batches are accepted; SIGTERM exits 0 with every accepted batch in the log
 * once, and a restart knows them. deploy/'s Dockerfile and unit are checked against the build.
 * Images are not built here (no Docker daemon): docs/operations.md says so.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  BUILD_ONLY,
  type BuildReport,
  buildDist,
  NATIVE,
  UNBUNDLED,
} from "../../../scripts/build.ts";
import { readLog } from "../src/collector/index.ts";
import { ensureSite } from "../src/collector/serve.ts";
import { DEFAULT_CONFIG } from "../src/config.ts";
import { startServer } from "../src/server.ts";
import { Client } from "./support-api/client.ts";
import { type BatchBody, makeBatch, ORIGIN, post, SITE } from "./support-collector/helpers.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const ADMIN = { INTENTLY_ADMIN_EMAIL: "ops@shop.test", INTENTLY_ADMIN_PASSWORD: "a-long-password" };
const BUILD_MS = 180_000;
const STOP_MS = 30_000; // the unit's TimeoutStopSec and compose's stop_grace_period

/** The dist's folder layout, as the image has it: <app>/dist and <app>/node_modules. */
let app: string;
let dist: string;
let report: BuildReport;

/** The environment of a production start: no INTENTLY_* of the caller, no NODE_OPTIONS. */
function prodEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("INTENTLY_")) delete env[k];
  delete env.NODE_OPTIONS;
  return { ...env, NODE_ENV: "production", ...ADMIN, ...extra };
}

interface Started {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  stderr: () => string;
}

/** `node dist/intently.js start …` as the direct child; resolves once it prints its address. */
function startDist(dataDir: string): Promise<Started> {
  const child = spawn(
    process.execPath,
    [join(dist, "intently.js"), "start", "--data", dataDir, "--port", "0", "--log-level", "warn"],
    { cwd: app, env: prodEnv(), stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stderr!.on("data", (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s: ${err}`)), 60_000);
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, exited, stderr: () => err });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before listening: ${err}`));
    });
  });
}

async function stop(s: Started): Promise<number | null> {
  s.child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), STOP_MS).unref());
  const code = await Promise.race([s.exited, timeout]);
  if (code === "timeout") {
    s.child.kill("SIGKILL");
    throw new Error(`no exit within ${STOP_MS} ms of SIGTERM: ${s.stderr()}`);
  }
  return code;
}

async function ready(url: string): Promise<Record<string, unknown>> {
  const until = Date.now() + 30_000;
  for (;;) {
    const r = await fetch(`${url}/readyz`);
    if (r.status === 200) return (await r.json()) as Record<string, unknown>;
    if (Date.now() > until) throw new Error(`not ready: ${r.status} ${await r.text()}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

/**
 * Every module the bundle asks for: its top-level imports (esbuild writes them at the start of
 * a line), dynamic imports and requires of anything that looks like a module name.
 */
function specifiers(code: string): Set<string> {
  const out = new Set<string>();
  const patterns = [
    /^(?:import|export)\b[^;"]*?\bfrom\s*"([^"]+)"/gm,
    /^import\s*"([^"]+)"/gm,
    /\bimport\(\s*"([^"]+)"\s*\)/g,
    /\brequire\(\s*"([^"]+)"\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) out.add(m[1]!);
  return new Set([...out].filter((s) => /^(?:node:)?@?[a-z0-9][\w./@-]*$/i.test(s)));
}

/**
 * ajv's code generator carries `require("ajv/dist/runtime/…")` in template strings, for its
 * standalone mode; the server never runs them (the start test runs with no ajv installed).
 */
const IN_GENERATED_CODE = /^ajv(?:-formats)?\/dist\//;
const isBuiltin = (s: string) => s.startsWith("node:") || builtinModules.includes(s.split("/")[0]!);
const packageOf = (s: string) =>
  s
    .split("/")
    .slice(0, s.startsWith("@") ? 2 : 1)
    .join("/");

describe("the production build, run as the container runs it", { timeout: 400_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "intently-dist-data-"));

  before(
    async () => {
      app = mkdtempSync(join(tmpdir(), "intently-dist-app-"));
      dist = join(app, "dist");
      report = await buildDist(dist);
      // Only the external packages, linked from the repository's node_modules (with the
      // platform packages they load, which live in the same scopes).
      mkdirSync(join(app, "node_modules"));
      const scopes = new Set(
        [...NATIVE, ...UNBUNDLED].map((p) => (p.startsWith("@") ? p.split("/")[0]! : p)),
      );
      for (const s of scopes) {
        symlinkSync(join(ROOT, "node_modules", s), join(app, "node_modules", s), "dir");
      }
    },
    { timeout: BUILD_MS },
  );
  after(() => {
    rmSync(app, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("dist holds the bundle, the prebuilt dashboard and tag; the bundle imports no build tool", () => {
    process.stdout.write(`# build: ${JSON.stringify({ ms: report.ms, bytes: report.bytes })}\n`);
    assert.equal(JSON.parse(readFileSync(join(dist, "package.json"), "utf8")).type, "module");
    for (const f of ["intently.js", "dashboard/manifest.json", "tag/manifest.json"]) {
      assert.ok(statSync(join(dist, f)).size > 0, f);
    }
    const manifest = JSON.parse(readFileSync(join(dist, "dashboard/manifest.json"), "utf8"));
    assert.ok(statSync(join(dist, "dashboard", manifest.script)).size > 0);
    const code = readFileSync(join(dist, "intently.js"), "utf8");
    const external = [...specifiers(code)].filter(
      (s) => !isBuiltin(s) && !IN_GENERATED_CODE.test(s),
    );
    assert.ok(external.includes("@duckdb/node-api"), "the scan sees the bundle's imports");
    const allowed = new Set([...NATIVE, ...UNBUNDLED]);
    for (const s of external) {
      assert.ok(allowed.has(packageOf(s)), `the bundle imports ${s}, which is not external`);
    }
    for (const tool of BUILD_ONLY) {
      assert.ok(!external.some((s) => packageOf(s) === tool), `the bundle imports ${tool}`);
    }
    assert.ok(!external.some((s) => s.endsWith(".ts")), "a TypeScript import");
    for (const [what, bytes] of Object.entries(report.bytes)) assert.ok(bytes > 0, what);
  });

  test("start: ready, dashboard, tag, loader, collect; SIGTERM exits 0; a restart has the data", async () => {
    // The site, as the API would create it, in the data folder the dist then opens.
    const seed = await startServer({ dataDir, port: 0, host: "127.0.0.1" }, []);
    await ensureSite(seed.ctx.store, SITE);
    await seed.close();

    const s = await startDist(dataDir);
    const accepted: BatchBody[] = [];
    try {
      assert.deepEqual((await ready(s.url)).ready, true);

      const page = await fetch(`${s.url}/`);
      assert.equal(page.status, 200);
      const html = await page.text();
      const script = /src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
      assert.ok(script, html);
      const asset = await fetch(`${s.url}/assets/${script}`);
      assert.equal(asset.status, 200);
      assert.deepEqual(
        Buffer.from(await asset.arrayBuffer()),
        readFileSync(join(dist, "dashboard", script)),
        "the dashboard served is the prebuilt one",
      );

      const tag = await fetch(`${s.url}/intently.js`, {
        headers: { "accept-encoding": "identity" },
      });
      assert.equal(tag.status, 200);
      assert.deepEqual(
        Buffer.from(await tag.arrayBuffer()),
        readFileSync(join(dist, "tag", "intently.js")),
        "the tag served is the prebuilt one",
      );
      const loader = await fetch(`${s.url}/t/${SITE.publicKey}.js`);
      assert.equal(loader.status, 200);
      assert.match(await loader.text(), /intently\.js\?v=/);

      // The Shopify pixel is filled from the prebuilt template: the build ships no esbuild.
      const admin = new Client(s.url);
      const signIn = await admin.login(ADMIN.INTENTLY_ADMIN_EMAIL, ADMIN.INTENTLY_ADMIN_PASSWORD);
      assert.equal(signIn.status, 200, JSON.stringify(signIn.body));
      const shop = await admin.post(`/api/workspaces/ws-${SITE.id}/sites`, {
        name: "Shopify shop",
      });
      assert.equal(shop.status, 201, JSON.stringify(shop.body));
      const pixel = await admin.get<string>(`/api/sites/${shop.body.id}/shopify-pixel`);
      assert.equal(pixel.status, 200, String(pixel.body));
      assert.ok(pixel.body.includes(`"${shop.body.publicKey}"`), pixel.body.slice(0, 300));
      assert.ok(pixel.body.includes(`"${s.url}/v1/collect"`), "the collector filled in");
      assert.ok(!pixel.body.includes("__intently_"), "no stand-in left");

      for (let i = 0; i < 20; i++) {
        const b = makeBatch();
        const r = await post(`${s.url}/v1/collect`, b, { origin: ORIGIN });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        accepted.push(b);
      }
    } finally {
      assert.equal(await stop(s), 0, s.stderr());
    }
    assert.match(s.stderr(), /SIGTERM: closing/);

    // Every accepted batch is in the collector's log, once.
    const copies = new Map<string, number>();
    for (const e of readLog(join(dataDir, "log"))) {
      if (e.record.k === "b") copies.set(e.record.batch, (copies.get(e.record.batch) ?? 0) + 1);
    }
    for (const b of accepted) assert.equal(copies.get(b.batch), 1, `batch ${b.batch}`);

    // The restarted server knows them: the same batch again is a duplicate.
    const again = await startDist(dataDir);
    try {
      await ready(again.url);
      const r = await post(`${again.url}/v1/collect`, accepted[0], { origin: ORIGIN });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get("intently-duplicate"), "1");
    } finally {
      assert.equal(await stop(again), 0, again.stderr());
    }
  });

  test("deploy/: the Dockerfile's and the unit's commands are the build's", () => {
    const docker = readFileSync(join(ROOT, "deploy", "Dockerfile"), "utf8");
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(docker)![1]!) as string[];
    assert.deepEqual(cmd.slice(0, 3), ["node", "dist/intently.js", "start"]);
    assert.ok(statSync(join(app, cmd[1]!)).isFile(), "CMD's script is in the build");
    assert.match(docker, /^FROM node:20-bookworm-slim/m);
    assert.match(docker, /npm ci && npm run build/);
    assert.match(docker, /^USER node$/m);
    assert.match(docker, new RegExp(`^EXPOSE ${DEFAULT_CONFIG.port}$`, "m"));
    const data = cmd[cmd.indexOf("--data") + 1];
    assert.match(docker, new RegExp(`^VOLUME ${data}$`, "m"));
    assert.match(docker, /^HEALTHCHECK[\s\S]*\/(livez|readyz)/m);

    const unit = readFileSync(join(ROOT, "deploy", "intently.service"), "utf8");
    const exec = /^ExecStart=(.*)$/m.exec(unit)![1]!.split(" ");
    assert.equal(exec[0], "/usr/bin/node");
    const installed = "/opt/intently/";
    assert.ok(exec[1]!.startsWith(installed));
    assert.ok(statSync(join(app, exec[1]!.slice(installed.length))).isFile(), "ExecStart's script");
    const unitData = exec[exec.indexOf("--data") + 1];
    assert.match(unit, new RegExp(`^ReadWritePaths=${unitData}$`, "m"));
    assert.match(unit, /^KillSignal=SIGTERM$/m);

    const compose = readFileSync(join(ROOT, "deploy", "compose.yaml"), "utf8");
    assert.match(compose, /dockerfile: deploy\/Dockerfile/);
    assert.match(compose, new RegExp(`- intently-data:${data}$`, "m"));

    // Every flag they pass is one `intently start` accepts (its usage lists it).
    const help = spawnSync(process.execPath, [join(dist, "intently.js"), "start", "--help"], {
      cwd: app,
      env: prodEnv(),
      encoding: "utf8",
    });
    assert.equal(help.status, 0, help.stderr);
    for (const flag of [...cmd, ...exec].filter((a) => a.startsWith("--"))) {
      assert.ok(help.stdout.includes(`[${flag} `), `intently start does not take ${flag}`);
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    assert.match(pkg.scripts.build, /scripts\/build\.ts/);
  });
});
