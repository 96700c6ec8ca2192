/** Temp data folders and fixture-loaded stores for tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDbStore } from "../src/index.ts";
import { writeFixture } from "./fixture.ts";

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "intently-store-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An in-memory store holding the fixture. */
export async function fixtureStore(): Promise<DuckDbStore> {
  const store = await DuckDbStore.open(null);
  await writeFixture(store);
  return store;
}
