import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { openIntegration, REDACTED, redact, SecretBox, saveIntegration } from "../src/index.ts";
import { KEY_FILE } from "../src/secrets.ts";
import { openStore, SITE, tempDir } from "./support/helpers.ts";

/** A Standard Webhooks secret (whsec_ + base64 of 32 bytes), to look for in plaintext. */
const SECRET = `whsec_${Buffer.alloc(32, "plaintext").toString("base64")}`;
const KLAVIYO_KEY = "pk_live_plaintext_abcdef";

describe("secrets at rest", () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  test("a key file is generated once in the data folder with 0600 permissions", () => {
    const a = SecretBox.open(tmp.dir, {});
    const path = join(tmp.dir, KEY_FILE);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const key = readFileSync(path, "utf8");
    const b = SecretBox.open(tmp.dir, {});
    assert.equal(readFileSync(path, "utf8"), key, "not regenerated");
    assert.equal(b.open(a.seal("x", "ctx"), "ctx"), "x");
  });

  test("INTENTLY_SECRET_KEY wins over the key file; a bad key is refused", () => {
    const hex = randomBytes(32).toString("hex");
    const env = SecretBox.open(tmp.dir, { INTENTLY_SECRET_KEY: hex });
    const same = SecretBox.fromKey(Buffer.from(hex, "hex"));
    assert.equal(same.open(env.seal("y", "c"), "c"), "y");
    assert.throws(() => SecretBox.open(tmp.dir, { INTENTLY_SECRET_KEY: "short" }), /32 bytes/);
  });

  test("AES-256-GCM: wrong key, wrong context or tampering fail", () => {
    const box = SecretBox.open(null, {});
    const sealed = box.seal("s3cret", "wh-1");
    assert.ok(SecretBox.isSealed(sealed));
    assert.ok(!sealed.includes("s3cret"));
    assert.throws(() => box.open(sealed, "wh-2"));
    assert.throws(() => SecretBox.open(null, {}).open(sealed, "wh-1"));
    const raw = Buffer.from(sealed.slice(7), "base64");
    raw[raw.length - 1]! ^= 1;
    assert.throws(() => box.open(`enc:v1:${raw.toString("base64")}`, "wh-1"));
  });

  test("stored rows hold no plaintext secret; redact() never returns it; edits keep it", async () => {
    const dir = join(tmp.dir, "data");
    const store = await openStore(dir);
    const box = SecretBox.open(dir, {});
    const saved = await saveIntegration(store, box, {
      id: "wh-1",
      site: SITE,
      kind: "webhook",
      name: "Hook",
      config: { url: "https://example.com/hook", secret: SECRET },
    });
    await saveIntegration(store, box, {
      id: "kl-1",
      site: SITE,
      kind: "klaviyo",
      name: "Klaviyo",
      config: { apiKey: KLAVIYO_KEY },
    });
    assert.equal((saved.config as Record<string, unknown>).secret, REDACTED);
    const rows = await store.db.exec("SELECT * FROM integrations");
    const dump = JSON.stringify(rows);
    assert.ok(!dump.includes(SECRET) && !dump.includes(KLAVIYO_KEY), "plaintext in the table");
    const row = (await store.config.getIntegration("wh-1"))!;
    assert.ok(!JSON.stringify(redact(row)).includes(SECRET));
    assert.ok(!JSON.stringify(redact(row)).includes("enc:v1:"), "not even the sealed value");
    // Renaming without the secret (or with "[redacted]") keeps it.
    await saveIntegration(store, box, {
      id: "wh-1",
      site: SITE,
      kind: "webhook",
      name: "Renamed",
      config: { url: "https://example.com/hook2", secret: REDACTED },
    });
    const open = openIntegration(box, (await store.config.getIntegration("wh-1"))!);
    assert.equal(open.config.secret, SECRET);
    assert.equal(open.config.url, "https://example.com/hook2");
    await store.close();
    // The raw database file does not contain it either.
    const file = readFileSync(join(dir, "intently.duckdb"));
    assert.equal(file.indexOf(SECRET), -1);
    assert.equal(file.indexOf(KLAVIYO_KEY), -1);
  });

  test("configuration is validated per kind", async () => {
    const store = await openStore();
    const box = SecretBox.open(null, {});
    const save = (kind: string, config: Record<string, unknown>) =>
      saveIntegration(store, box, { id: `x-${kind}`, site: SITE, kind, name: "x", config });
    await assert.rejects(save("webhook", { url: "ftp://x", secret: SECRET }), /http/);
    await assert.rejects(save("webhook", { url: "https://x.test", secret: "short" }), /whsec_/);
    await assert.rejects(save("ga4", { measurementId: "UA-1", apiSecret: "s" }), /measurementId/);
    await assert.rejects(save("export", { folder: "relative/path" }), /absolute/);
    await assert.rejects(save("carrier-pigeon", {}), /unknown integration kind/);
    await assert.rejects(save("klaviyo", {}), /apiKey is required/);
    await store.close();
  });
});
