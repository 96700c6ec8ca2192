/**
 * `intently demo`: the whole product on a demo site — the server (collector, tag, API,
 * dashboard) on the embedded store, a demo shop wired to it, and 30 days of simulated history
 * so every report has data. `--terminal` keeps the engine-only terminal view.
 */

import { ensureDemoSite, loadDemoHistory } from "@intently/demo-data";
import { registerShop } from "@intently/demo-shop";
import { DEFAULT_PLUGINS, startServer } from "@intently/server";
import type { Store } from "@intently/store";
import type { Command } from "../command.ts";
import { intFlag } from "../flags.ts";
import { Progress } from "../io/progress.ts";
import { MODEL_FLAG_HELP } from "../scorer-flag.ts";
import { demoTerminal } from "./demo-terminal.ts";
import { SERVER_FLAGS_HELP, serverConfigFrom, serverOptions, untilSignal } from "./start.ts";

export const DEMO_SITE = {
  id: "demo",
  workspaceId: "demo",
  name: "Demo shop",
  publicKey: "pk_demo",
};

/** The demo's own data folder, unless `--data` or INTENTLY_DATA_DIR says otherwise. */
export const DEMO_DATA_DIR = ".data/demo";

/**
 * The server flags' help with the demo's data folder as the `--data` default (the shared text
 * names `intently start`'s).
 */
const DEMO_SERVER_FLAGS_HELP = SERVER_FLAGS_HELP.replace(
  /(--data DIR .*\(default )[^)]*\)/,
  `$1${DEMO_DATA_DIR})`,
);

/** The demo's sign-in, unless INTENTLY_ADMIN_EMAIL / INTENTLY_ADMIN_PASSWORD say otherwise. */
export const DEMO_ADMIN = { email: "demo@intently.local", password: "intently-demo" };

/** Creates the demo workspace, site and segments once; loads history into an empty store. */
export async function ensureDemoData(store: Store, sessions: number): Promise<number> {
  const cfg = store.config;
  await ensureDemoSite(store, {
    site: { ...DEMO_SITE, allowedOrigins: ["loopback"] },
    workspaceName: "Demo",
    author: "demo",
  });
  // The first-start admin was made admin of the workspaces that existed then: add the demo's.
  for (const w of await cfg.listWorkspaces()) {
    for (const m of await cfg.members(w.id)) {
      if (m.role === "admin") {
        await cfg.setMembership({
          workspaceId: DEMO_SITE.workspaceId,
          userId: m.userId,
          role: "admin",
        });
      }
    }
  }
  if ((await store.stats()).sessions > 0 || sessions === 0) return 0;
  const progress = new Progress("demo history (sessions)");
  const r = await loadDemoHistory(store, DEMO_SITE.id, {
    sessions,
    seed: 1,
    days: 30,
    onProgress: (ended) => progress.tick(ended, sessions),
  });
  progress.done();
  return r.sessions;
}

export const demoCommand: Command = {
  name: ["demo"],
  summary: "Run the product on a demo site: server, demo shop and 30 days of simulated history",
  usage: `[server flags] [--history N] | --terminal [--sessions N] [--speed X] [--once]

${DEMO_SERVER_FLAGS_HELP}
  --history N   simulated sessions of history loaded into an empty store (default 20,000)
  --terminal    no server: stream simulated shoppers through the engine with a live table
                (--sessions N, --speed X, --seed S, --once, --model M as below)
${MODEL_FLAG_HELP}`,
  options: {
    ...serverOptions,
    history: { type: "string" },
    terminal: { type: "boolean" },
    sessions: { type: "string" },
    speed: { type: "string" },
    seed: { type: "string" },
    once: { type: "boolean" },
    model: { type: "string" },
  },
  async run(v) {
    if (v.terminal) return demoTerminal.run(v, []);
    const history = intFlag(v, "history", { min: 0, max: 5_000_000, default: 20_000 });
    process.env.INTENTLY_ADMIN_EMAIL ??= DEMO_ADMIN.email;
    process.env.INTENTLY_ADMIN_PASSWORD ??= DEMO_ADMIN.password;
    // The demo keeps its own data folder and prints warnings and errors only.
    const config = serverConfigFrom(v, { dataDir: DEMO_DATA_DIR, logLevel: "warn" });
    const server = await startServer(config, [
      ...DEFAULT_PLUGINS,
      (app) => registerShop(app, DEMO_SITE.publicKey),
    ]);
    const loaded = await ensureDemoData(server.ctx.store, history);
    await server.ctx.host.loadSegments();
    if (loaded > 0)
      process.stdout.write(`loaded ${loaded.toLocaleString("en")} simulated sessions of history\n`);
    process.stdout.write(
      [
        `Intently demo is running at ${server.url}`,
        `  dashboard:  ${server.url}/  (sign in as ${process.env.INTENTLY_ADMIN_EMAIL} / ${process.env.INTENTLY_ADMIN_PASSWORD === DEMO_ADMIN.password ? DEMO_ADMIN.password : "your INTENTLY_ADMIN_PASSWORD"})`,
        `  demo shop:  ${server.url}/shop/`,
        `  tag:        ${server.url}/intently.js  (site key ${DEMO_SITE.publicKey})`,
        `  API:        ${server.url}/api/openapi.json`,
        "Ctrl-C stops it (data stays in the data folder).",
        "",
      ].join("\n"),
    );
    return untilSignal(server);
  },
};
