import {
  ConfigError,
  DEFAULT_CONFIG,
  DEFAULT_PLUGINS,
  loadConfig,
  type RunningServer,
  type ServerConfig,
  startServer,
} from "@intently/server";
import { CliError, type Command } from "../command.ts";
import { underPackageManager, watchParent } from "../parent-watch.ts";

export const serverOptions = {
  data: { type: "string" },
  host: { type: "string" },
  port: { type: "string" },
  "public-url": { type: "string" },
  "trust-proxy": { type: "string" },
  "log-level": { type: "string" },
  config: { type: "string" },
} as const;

export const SERVER_FLAGS_HELP = `  --data DIR          data folder of the embedded store (default ${DEFAULT_CONFIG.dataDir})
  --host H            address to listen on (default ${DEFAULT_CONFIG.host})
  --port N            port (default ${DEFAULT_CONFIG.port}; 0 picks a free one)
  --public-url URL    address users and shops reach, e.g. https://in.shop.com
                      (tag snippets, links; https makes the session cookie Secure)
  --trust-proxy LIST  reverse proxies whose X-Forwarded-For is believed (IPs, CIDRs, loopback)
  --log-level L       JSON logs on stdout: fatal, error, warn, info (default), debug, silent
  --config FILE       a JSON file of settings (keys: the INTENTLY_* variable names)
Every setting also reads an environment variable (INTENTLY_PORT, INTENTLY_PUBLIC_URL, …):
see docs/configuration.md.`;

/**
 * The server configuration from flags, the environment and the config file, every value
 * checked: bad ones are reported together, one line each (exit 2), accepted-but-changed ones
 * as warnings on stderr.
 */
export function serverConfigFrom(
  v: Record<string, string | boolean | undefined>,
  defaults: Partial<ServerConfig> = {},
  env: Record<string, string | undefined> = process.env,
): ServerConfig {
  try {
    const { config, warnings } = loadConfig({
      env,
      flags: v,
      defaults: { logLevel: "info", ...defaults },
    });
    for (const w of warnings) process.stderr.write(`intently: warning: ${w}\n`);
    return config;
  } catch (e) {
    if (e instanceof ConfigError) {
      const lines = e.problems;
      throw new CliError(
        lines.length === 1
          ? `bad setting: ${lines[0]}`
          : `${lines.length} bad settings:\n  ${lines.join("\n  ")}`,
      );
    }
    throw e;
  }
}

/**
 * Closes the server cleanly (flushing the store) on Ctrl-C or SIGTERM, or — under npm, which
 * does not pass signals on to it (parent-watch.ts) — when its parent process has gone; resolves
 * when done. As PID 1 in a container these handlers are what makes SIGTERM work at all.
 */
export function untilSignal(
  server: RunningServer,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  return new Promise((resolve) => {
    let unwatch = () => {};
    let stopping = false;
    const stop = (signal: string) => {
      // npm may also forward the signal: the first reason closes, the others are ignored.
      if (stopping) return;
      stopping = true;
      unwatch();
      process.stderr.write(`\n${signal}: closing (flushing the store)…\n`);
      server.close().then(
        () => resolve(0),
        (e) => {
          process.stderr.write(`close failed: ${(e as Error).message}\n`);
          resolve(1);
        },
      );
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
    if (underPackageManager(env))
      unwatch = watchParent((was, now) => stop(`parent process ${was} exited (now ${now})`));
  });
}

export const startCommand: Command = {
  name: ["start"],
  summary: "Run the server: collector, tag, API and dashboard on the embedded store",
  usage: `[--data DIR] [--host H] [--port N] [--public-url URL] [--trust-proxy LIST] [--log-level L] [--config FILE]

${SERVER_FLAGS_HELP}`,
  options: serverOptions,
  async run(v) {
    const server = await startServer(serverConfigFrom(v), DEFAULT_PLUGINS);
    process.stdout.write(
      `Intently is running at ${server.url}  (tag: ${server.url}/intently.js)\n`,
    );
    return untilSignal(server);
  },
};
