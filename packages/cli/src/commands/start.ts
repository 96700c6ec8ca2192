import { DEFAULT_CONFIG, DEFAULT_PLUGINS, type RunningServer, startServer } from "@intently/server";
import type { Command } from "../command.ts";
import { intFlag, stringFlag } from "../flags.ts";

export const serverOptions = {
  data: { type: "string" },
  host: { type: "string" },
  port: { type: "string" },
} as const;

export const SERVER_FLAGS_HELP = `  --data DIR   data folder of the embedded store (default ${DEFAULT_CONFIG.dataDir})
  --host H     address to listen on (default ${DEFAULT_CONFIG.host})
  --port N     port (default ${DEFAULT_CONFIG.port}; 0 picks a free one)`;

export function serverConfigFrom(
  v: Record<string, string | boolean | undefined>,
  dataDefault = DEFAULT_CONFIG.dataDir,
) {
  return {
    dataDir: stringFlag(v, "data", { default: dataDefault ?? "" }) || null,
    host: stringFlag(v, "host", { default: DEFAULT_CONFIG.host }),
    port: intFlag(v, "port", { min: 0, max: 65535, default: DEFAULT_CONFIG.port }),
  };
}

/** Closes the server cleanly (flushing the store) on Ctrl-C or SIGTERM; resolves when done. */
export function untilSignal(server: RunningServer): Promise<number> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
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
  });
}

export const startCommand: Command = {
  name: ["start"],
  summary: "Run the server: collector, tag, API and dashboard on the embedded store",
  usage: `[--data DIR] [--host H] [--port N]

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
