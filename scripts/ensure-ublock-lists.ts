/**
 * Makes sure uBlock Origin's default filter lists are on this machine, as Debian ships them inside
 * the extension's package (`webext-ublock-origin-firefox`), installed with apt-get when missing
 * and running as root, like packages/chromium/src/ensure.ts does for Chromium. Used by the tag's
 * blocker test (packages/tag/test/ublock.test.ts, issue 19).
 *
 * The lists are the ones uBO enables on a fresh install: every `filters` entry of the extension's
 * own assets/assets.json that is not marked `off`, read from the local copy it names (EasyList,
 * EasyPrivacy, uBO's filters, privacy, badware, unbreak and quick fixes, URLhaus). A default list
 * without a local copy is an error: the test would otherwise pass on fewer lists than a user has.
 * Usage: node --import tsx scripts/ensure-ublock-lists.ts (prints the lists), or
 * `ensureUblockLists()` from a test.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { aptInstall, isRoot } from "@intently/chromium";

export const UBLOCK_PACKAGE = "webext-ublock-origin-firefox";
/** Where the package puts the extension (Firefox's application id, then uBO's add-on id). */
export const UBLOCK_DIR =
  "/usr/share/mozilla/extensions/{ec8030f7-c20a-464f-9b0e-13a3a9e97384}/uBlock0@raymondhill.net";

export interface UblockList {
  /** uBO's name for the list (assets.json key), e.g. `easyprivacy`. */
  name: string;
  path: string;
}

export interface UblockLists {
  /** The extension's version (manifest.json). */
  version: string;
  lists: UblockList[];
  /** The public suffix list shipped with the extension (decides what is third-party). */
  psl: string;
}

interface Asset {
  content?: unknown;
  off?: unknown;
  contentURL?: unknown;
}

/** Reads the default lists out of an unpacked extension folder. */
export function readUblockLists(dir: string): UblockLists {
  const assets = JSON.parse(readFileSync(join(dir, "assets/assets.json"), "utf8")) as Record<
    string,
    Asset
  >;
  const lists: UblockList[] = [];
  for (const [name, a] of Object.entries(assets)) {
    if (a.content !== "filters" || a.off === true) continue;
    const urls = (Array.isArray(a.contentURL) ? a.contentURL : [a.contentURL]).filter(
      (u): u is string => typeof u === "string" && !/^[a-z]+:/i.test(u),
    );
    const local = urls.map((u) => join(dir, u)).find((p) => existsSync(p));
    if (!local) throw new Error(`ensure-ublock-lists: default list ${name} has no local copy`);
    lists.push({ name, path: local });
  }
  const required = ["easylist", "easyprivacy", "ublock-filters"];
  for (const r of required)
    if (!lists.some((l) => l.name === r))
      throw new Error(`ensure-ublock-lists: ${r} is not among the default lists in ${dir}`);
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
    version?: unknown;
  };
  return {
    version: String(manifest.version ?? "unknown"),
    lists,
    psl: join(dir, "assets/thirdparties/publicsuffix.org/list/effective_tld_names.dat"),
  };
}

/** Installs the package when missing; throws saying what to do when it cannot. */
export function ensureUblockLists(log: (line: string) => void = () => {}): UblockLists {
  if (!existsSync(join(UBLOCK_DIR, "assets/assets.json"))) {
    if (!isRoot())
      throw new Error(
        `ensure-ublock-lists: ${UBLOCK_PACKAGE} is missing and this is not root; install it with\n` +
          `  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${UBLOCK_PACKAGE}`,
      );
    log(`ensure-ublock-lists: installing Debian's ${UBLOCK_PACKAGE} (apt-get)…`);
    aptInstall([UBLOCK_PACKAGE]);
  }
  return readUblockLists(UBLOCK_DIR);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const u = ensureUblockLists(console.log);
    console.log(`uBlock Origin ${u.version}: ${u.lists.map((l) => l.name).join(", ")}`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
