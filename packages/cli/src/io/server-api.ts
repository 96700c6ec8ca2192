/**
 * The running server's REST API for the admin commands (sites, tokens, integrations status,
 * backup): `--server URL` names it and an API token in INTENTLY_API_TOKEN authenticates (never a
 * flag, which would sit in the shell's history and the process list). Without `--server`, the
 * commands open a stopped server's data folder (stopped-store.ts).
 */
import { CliError } from "../command.ts";

export const TOKEN_ENV = "INTENTLY_API_TOKEN";

export const SERVER_HELP = (col: number): string =>
  `  ${"--server URL".padEnd(col - 2)}the running server (e.g. http://127.0.0.1:8080), with an API\n` +
  `  ${"".padEnd(col - 2)}token in ${TOKEN_ENV}`;

export interface ServerApi {
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

/** The server named by `--server`, or null when the command works on the data folder. */
export function serverApi(v: Record<string, string | boolean | undefined>): ServerApi | null {
  const server = v.server;
  if (server === undefined) return null;
  if (typeof server !== "string" || server === "") throw new CliError("--server needs a URL");
  if (v.data !== undefined) throw new CliError("give --server or --data, not both");
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    throw new CliError(`--server must be a URL, got ${JSON.stringify(server)}`);
  }
  if (base.protocol !== "http:" && base.protocol !== "https:")
    throw new CliError(`--server must be an http or https URL, got ${JSON.stringify(server)}`);
  const token = process.env[TOKEN_ENV];
  if (!token) throw new CliError(`set ${TOKEN_ENV} to an API token (intently tokens add)`);
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      let r: Response;
      try {
        r = await fetch(new URL(path, base), {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (e) {
        const cause = (e as { cause?: Error }).cause?.message ?? (e as Error).message;
        throw new CliError(`cannot reach ${base.origin}: ${cause}`, 1);
      }
      const text = await r.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // a proxy's HTML error page: shown by its status
      }
      if (r.status >= 200 && r.status < 300) return parsed as T;
      const message = (parsed as { message?: unknown } | null)?.message;
      const why = r.status === 401 ? `${TOKEN_ENV} was refused` : String(message ?? r.statusText);
      throw new CliError(`${method} ${path}: ${r.status} ${why}`, 1);
    },
  };
}
