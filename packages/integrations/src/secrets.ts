/**
 * Secrets at rest: AES-256-GCM with a key from `INTENTLY_SECRET_KEY` (64 hex characters or
 * base64 of 32 bytes) or, failing that, a key file generated once in the data folder with
 * 0600 permissions. In-memory servers (no data folder) get a random key for their lifetime.
 * Sealed values look like "enc:v1:<base64 iv | tag | ciphertext>"; the integration id is bound
 * as associated data, so a sealed secret cannot be moved to another integration.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PRIVATE_FILE_MODE, privateDir, privateFile } from "@intently/store";

export const SECRET_KEY_ENV = "INTENTLY_SECRET_KEY";
export const KEY_FILE = "secret.key";
const PREFIX = "enc:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function parseKey(text: string, where: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, "hex");
  const b = Buffer.from(t, "base64");
  if (b.length === 32) return b;
  throw new Error(`${where}: the secret key must be 32 bytes, as 64 hex characters or base64`);
}

/** Reads the data folder's key file, creating it (0600) on first use. */
function keyFromFile(dir: string): Buffer {
  const path = join(dir, KEY_FILE);
  if (!existsSync(path)) {
    privateDir(dir);
    try {
      writeFileSync(path, `${randomBytes(32).toString("hex")}\n`, {
        mode: PRIVATE_FILE_MODE,
        flag: "wx",
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  // Tighten a file someone loosened; the key must not be readable by others.
  privateFile(path);
  return parseKey(readFileSync(path, "utf8"), path);
}

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** The key from the environment, else the data folder's key file, else a random one. */
  static open(dataDir: string | null, env: NodeJS.ProcessEnv = process.env): SecretBox {
    const fromEnv = env[SECRET_KEY_ENV];
    if (fromEnv) return new SecretBox(parseKey(fromEnv, SECRET_KEY_ENV));
    if (dataDir) return new SecretBox(keyFromFile(dataDir));
    return new SecretBox(randomBytes(32));
  }

  static fromKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new Error("the secret key must be 32 bytes");
    return new SecretBox(Buffer.from(key));
  }

  static isSealed(v: unknown): v is string {
    return typeof v === "string" && v.startsWith(PREFIX);
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const c = createCipheriv("aes-256-gcm", this.key, iv);
    c.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([c.update(plain, "utf8"), c.final()]);
    return PREFIX + Buffer.concat([iv, c.getAuthTag(), body]).toString("base64");
  }

  /** Throws when the value was not sealed with this key and context (or was tampered with). */
  open(sealed: string, context: string): string {
    if (!SecretBox.isSealed(sealed)) throw new Error("not a sealed secret");
    const raw = Buffer.from(sealed.slice(PREFIX.length), "base64");
    const d = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, IV_BYTES));
    d.setAAD(Buffer.from(context, "utf8"));
    d.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([d.update(raw.subarray(IV_BYTES + TAG_BYTES)), d.final()]).toString(
      "utf8",
    );
  }

  /** A stable, secret value derived from the key (e.g. a site's identified-id salt). */
  derive(label: string): string {
    return createHmac("sha256", this.key).update(label).digest("hex");
  }
}
