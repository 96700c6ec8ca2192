/**
 * Makes sure the Chromium of the browser tests exists (Debian's package, at `CHROMIUM`).
 * Installs it with apt-get when missing and running as root; otherwise explains what to do.
 * Usage: node --import tsx packages/chromium/src/ensure.ts (`npm test` runs it first).
 */
import { existsSync } from "node:fs";
import { aptInstall, isRoot } from "./apt.ts";
import { CHROMIUM } from "./index.ts";

if (existsSync(CHROMIUM)) {
  process.exit(0);
}
if (!isRoot()) {
  console.error(
    `ensure-chromium: ${CHROMIUM} is missing and this is not root; install it with\n` +
      "  sudo apt-get update && sudo apt-get install -y chromium",
  );
  process.exit(1);
}
console.log("ensure-chromium: installing Debian's chromium package (apt-get)…");
try {
  aptInstall(["chromium"]);
} catch (e) {
  console.error(`ensure-chromium: could not install chromium: ${(e as Error).message}`);
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`ensure-chromium: apt-get finished but ${CHROMIUM} is still missing`);
  process.exit(1);
}
console.log(`ensure-chromium: ${CHROMIUM} installed`);
