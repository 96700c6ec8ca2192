/**
 * Password hashing with argon2id (@node-rs/argon2), OWASP's minimum parameters: 19 MiB of
 * memory, 2 iterations, 1 lane. Hashes are self-describing PHC strings, so raising the
 * parameters later still verifies old hashes.
 */
import { hash, verify } from "@node-rs/argon2";

const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

let dummy: Promise<string> | undefined;

/**
 * Whether `password` matches `stored`; with no stored hash (unknown user) a dummy hash is
 * verified anyway so that the answer takes as long either way.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  dummy ??= hashPassword("intently-no-such-user");
  const target = stored ?? (await dummy);
  try {
    const ok = await verify(target, password);
    return stored !== null && ok;
  } catch {
    return false;
  }
}
