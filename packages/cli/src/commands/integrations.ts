/**
 * `intently integrations test|replay|status`: a sample summary through a real connector, dead
 * letters sent again, and the outbox's metrics. They open the data folder, so they run while
 * the server is stopped (DuckDB allows one process per data folder); `status --server URL` asks
 * the running server's API instead (a token in INTENTLY_API_TOKEN).
 */
import {
  deliverPending,
  findIntegration,
  klaviyoRevisionAge,
  SecretBox,
  testDestination,
} from "@intently/integrations";
import type { Store } from "@intently/store";
import { CliError, type Command } from "../command.ts";
import { intFlag, stringFlag } from "../flags.ts";
import { SERVER_HELP, type ServerApi, serverApi } from "../io/server-api.ts";
import { dataDirOf, dataHelp, openStoppedStore } from "../io/stopped-store.ts";

type Values = Record<string, string | boolean | undefined>;

const DATA_HELP = dataHelp(21);

async function withStore<T>(
  v: Values,
  fn: (store: Store, box: SecretBox, site: string) => Promise<T>,
): Promise<T> {
  const dir = dataDirOf(v);
  const site = stringFlag(v, "site", { required: true });
  const store = await openStoppedStore(dir);
  try {
    if (!(await store.config.getSite(site))) throw new CliError(`no site "${site}"`, 1);
    return await fn(store, SecretBox.open(dir), site);
  } finally {
    await store.close();
  }
}

const out = (s: string) => process.stdout.write(`${s}\n`);

export const integrationsTestCommand: Command = {
  name: ["integrations", "test"],
  summary: "Send a sample session summary to a destination and print its answer",
  usage: `--site S --destination D [--data DIR] [--timeout MS]

  --site S           site id
  --destination D    integration id or name
${DATA_HELP}
  --timeout MS       request timeout (default 10000)`,
  options: {
    site: { type: "string" },
    destination: { type: "string" },
    data: { type: "string" },
    timeout: { type: "string" },
  },
  run: (v) =>
    withStore(v, async (store, box, site) => {
      const destination = stringFlag(v, "destination", { required: true });
      const timeoutMs = intFlag(v, "timeout", { min: 100, max: 120_000, default: 10_000 });
      let a: Awaited<ReturnType<typeof testDestination>>;
      try {
        a = await testDestination(store, box, site, destination, { timeoutMs });
      } catch (e) {
        throw new CliError((e as Error).message, 1);
      }
      out(`${a.integration.kind} ${a.integration.id} (${a.integration.name})`);
      if (a.status !== 0 || a.verdict !== "written") out(`status: ${a.status}`);
      out(`verdict: ${a.verdict}`);
      out(`body: ${a.body || "(empty)"}`);
      return a.verdict === "delivered" || a.verdict === "written" ? 0 : 1;
    }),
};

export const integrationsReplayCommand: Command = {
  name: ["integrations", "replay"],
  summary: "Send a site's dead letters again (after fixing the destination)",
  usage: `--site S [--destination D] [--data DIR] [--timeout MS]

  --site S           site id
  --destination D    only this integration (id or name)
${DATA_HELP}
  --timeout MS       how long to keep delivering (default 60000)`,
  options: {
    site: { type: "string" },
    destination: { type: "string" },
    data: { type: "string" },
    timeout: { type: "string" },
  },
  run: (v) =>
    withStore(v, async (store, box, site) => {
      const name = stringFlag(v, "destination");
      const timeoutMs = intFlag(v, "timeout", { min: 100, max: 3_600_000, default: 60_000 });
      const row = name ? await findIntegration(store, site, name) : null;
      if (name && !row) throw new CliError(`no integration "${name}" on site ${site}`, 1);
      const filter = row ? { site, destination: row.id } : { site };
      const n = await store.outbox.replay(filter, Date.now());
      out(`replayed ${n} dead letter(s)`);
      const done = await deliverPending(store, box, { filter, timeoutMs });
      for (const m of await store.outbox.metrics(Date.now(), site))
        if (!row || m.destination === row.id)
          out(`${m.destination}: delivered ${m.delivered}, pending ${m.pending}, dead ${m.dead}`);
      if (!done) out("some messages are still pending: the server sends them when it runs");
      return 0;
    }),
};

export const integrationsStatusCommand: Command = {
  name: ["integrations", "status"],
  summary: "Delivery metrics per destination, the dead letters and the Klaviyo revision's age",
  usage: `--site S [--server URL | --data DIR]

  --site S           site id
${SERVER_HELP(21)}
${DATA_HELP}`,
  options: { site: { type: "string" }, server: { type: "string" }, data: { type: "string" } },
  run: (v) => {
    const api = serverApi(v);
    if (api) return statusFromServer(api, stringFlag(v, "site", { required: true }));
    return withStore(v, async (store, _box, site) => {
      const now = Date.now();
      out(STATUS_HEADER);
      for (const m of await store.outbox.metrics(now, site))
        out(
          `${m.destination}\t${m.pending}\t${m.delivered}\t${m.retried}\t${m.dead}\t${Math.round(m.lagMs / 1000)}`,
        );
      for (const d of await store.outbox.list({ site, status: "dead", limit: 20 }))
        out(`dead ${d.key} after ${d.attempts} attempt(s): ${d.lastError ?? ""}`);
      const integrations = await store.config.listIntegrations(site);
      if (integrations.some((i) => i.kind === "klaviyo")) out(revisionLine(now));
      return 0;
    });
  },
};

const STATUS_HEADER = "destination\tpending\tdelivered\tretried\tdead\tlag_s";

/**
 * The same lines from the running server: GET …/integrations/metrics and …/dead-letters (the
 * fields read here of api-contract's MetricsView and DeadLetterView).
 */
async function statusFromServer(api: ServerApi, site: string): Promise<number> {
  const base = `/api/sites/${encodeURIComponent(site)}/integrations`;
  const metrics = await api.call<
    {
      destination: string;
      pending: number;
      delivered: number;
      retried: number;
      failed: number;
      lagMs: number;
    }[]
  >("GET", `${base}/metrics`);
  out(STATUS_HEADER);
  for (const m of metrics)
    out(
      `${m.destination}\t${m.pending}\t${m.delivered}\t${m.retried}\t${m.failed}\t${Math.round(m.lagMs / 1000)}`,
    );
  const dead = await api.call<{ key: string; attempts: number; lastError: string | null }[]>(
    "GET",
    `${base}/dead-letters?limit=20`,
  );
  for (const d of dead) out(`dead ${d.key} after ${d.attempts} attempt(s): ${d.lastError ?? ""}`);
  const integrations = await api.call<{ kind: string }[]>("GET", base);
  if (integrations.some((i) => i.kind === "klaviyo")) out(revisionLine(Date.now()));
  return 0;
}

/** The Klaviyo API revision every request names, its age and its place in Klaviyo's support. */
export function revisionLine(now: number): string {
  const a = klaviyoRevisionAge(now);
  const when =
    a.daysLeft > 0 ? `Klaviyo retires it in ${a.daysLeft} days` : "Klaviyo has retired it";
  const advice = a.phase === "stable" ? "" : ": update Intently to a newer revision";
  return `klaviyo revision ${a.revision}: ${a.days} days old, ${a.phase} (${when})${advice}`;
}

export const integrationsCommands: readonly Command[] = [
  integrationsTestCommand,
  integrationsReplayCommand,
  integrationsStatusCommand,
];
