/**
 * A real nginx with TLS on loopback for tests: Debian's nginx (installed by
 * scripts/ensure-nginx.ts when missing) run as a plain process on a temporary prefix (its own
 * config, pid, logs and temp folders, never the system's), with a self-signed certificate for
 * `localhost` made by openssl at start. Its site config is deploy/nginx/intently.conf, the file
 * docs/operations.md shows, with its placeholders filled in.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import { type AddressInfo, connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureNginx, NGINX, OPENSSL } from "../../../../scripts/ensure-nginx.ts";

export const SITE_TEMPLATE = new URL("../../../../deploy/nginx/intently.conf", import.meta.url);

export interface Nginx {
  port: number;
  /** The certificate, the only CA a client needs to trust. */
  ca: Buffer;
  dir: string;
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, "127.0.0.1", ok));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
}

/** The site template with its placeholders replaced; throws on one left unfilled. */
export function siteConfig(fill: Record<string, string>): string {
  let text = readFileSync(SITE_TEMPLATE, "utf8")
    .split("\n")
    .filter((l) => !l.trimStart().startsWith("#"))
    .join("\n");
  for (const [name, value] of Object.entries(fill)) text = text.replaceAll(`__${name}__`, value);
  const left = /__[A-Z_]+__/.exec(text);
  if (left) throw new Error(`deploy/nginx/intently.conf: ${left[0]} not filled`);
  return text;
}

async function accepting(port: number, child: ChildProcess, deadline: number): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((done) => {
      const s = connect(port, "127.0.0.1", () => {
        s.destroy();
        done(true);
      });
      s.on("error", () => done(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port} in time`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts nginx on 127.0.0.1:`port` proxying to `upstream` (host:port), TLS for localhost. */
export async function startNginx(upstream: string, port: number): Promise<Nginx> {
  ensureNginx((line) => process.stderr.write(`${line}\n`));
  const dir = mkdtempSync(join(tmpdir(), "intently-nginx-"));
  // Workers run as Debian's www-data: they may pass through the prefix to its temp folders.
  chmodSync(dir, 0o711);
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  run(OPENSSL, [
    ...["req", "-x509", "-nodes", "-days", "1", "-newkey", "ec"],
    ...["-pkeyopt", "ec_paramgen_curve:prime256v1", "-subj", "/CN=localhost"],
    ...["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
    ...["-keyout", key, "-out", cert],
  ]);
  const site = siteConfig({
    SERVER_NAME: "localhost",
    LISTEN: `127.0.0.1:${port}`,
    CERT: cert,
    KEY: key,
    UPSTREAM: upstream,
  });
  writeFileSync(join(dir, "intently.conf"), site);
  const temps = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((t) => `  ${t}_temp_path ${join(dir, t)};`)
    .join("\n");
  writeFileSync(
    join(dir, "nginx.conf"),
    `worker_processes 1;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "error.log")} warn;
events { worker_connections 128; }
http {
  access_log ${join(dir, "access.log")};
${temps}
  include ${join(dir, "intently.conf")};
}
`,
  );
  const args = ["-p", dir, "-e", join(dir, "error.log"), "-c", join(dir, "nginx.conf")];
  run(NGINX, [...args, "-t", "-q"]);
  const child = spawn(NGINX, [...args, "-g", "daemon off;"], { stdio: "ignore" });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  try {
    await accepting(port, child, Date.now() + 10_000);
  } catch (e) {
    child.kill("SIGKILL");
    throw new Error(`${(e as Error).message}\n${readFileSync(join(dir, "error.log"), "utf8")}`);
  }
  return {
    port,
    ca: readFileSync(cert),
    dir,
    async stop() {
      // SIGQUIT: a graceful stop; the master waits for its workers.
      if (child.exitCode === null) child.kill("SIGQUIT");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTPS request to nginx as `localhost`, sent from the loopback address `from` (Linux
 * routes all of 127.0.0.0/8 to lo): each address is a different client to nginx.
 */
export function httpsRequest(
  nginx: Nginx,
  opts: { method?: string; path: string; from: string; headers?: Record<string, string> },
  body?: unknown,
): Promise<Reply> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: "127.0.0.1",
        servername: "localhost",
        port: nginx.port,
        localAddress: opts.from,
        ca: nginx.ca,
        method: opts.method ?? "GET",
        path: opts.path,
        agent: false,
        headers: {
          host: `localhost:${nginx.port}`,
          ...(data ? { "content-type": "application/json" } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}
