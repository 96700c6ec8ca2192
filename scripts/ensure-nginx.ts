/**
 * Makes sure nginx and openssl exist for the test behind a real nginx with TLS
 * (packages/server/test/ops-nginx-tls.test.ts): Debian's packages, installed with apt-get when
 * missing and running as root, like packages/chromium/src/ensure.ts does for Chromium. Nothing
 * is started or configured here: the test runs its own nginx process on its own config.
 * Usage: node --import tsx scripts/ensure-nginx.ts, or `ensureNginx()` from a test.
 */
import { existsSync } from "node:fs";
import { aptInstall, isRoot } from "@intently/chromium";

/** Debian's paths (the test runs nginx as a plain process, never the system's service). */
export const NGINX = "/usr/sbin/nginx";
export const OPENSSL = "/usr/bin/openssl";

/** Installs what is missing of nginx and openssl; throws saying what to do when it cannot. */
export function ensureNginx(log: (line: string) => void = () => {}): void {
  const missing = [
    ...(existsSync(NGINX) ? [] : ["nginx"]),
    ...(existsSync(OPENSSL) ? [] : ["openssl"]),
  ];
  if (missing.length === 0) return;
  if (!isRoot())
    throw new Error(
      `ensure-nginx: ${missing.join(" and ")} missing and this is not root; install with\n` +
        `  sudo apt-get update && sudo apt-get install -y ${missing.join(" ")}`,
    );
  log(`ensure-nginx: installing Debian's ${missing.join(" and ")} (apt-get)…`);
  aptInstall(missing);
  for (const p of [NGINX, OPENSSL])
    if (!existsSync(p)) throw new Error(`ensure-nginx: apt-get finished but ${p} is missing`);
  log("ensure-nginx: installed");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    ensureNginx(console.log);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
