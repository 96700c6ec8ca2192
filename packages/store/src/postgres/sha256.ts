/** Guards the "never the raw secret" rule: only a hex SHA-256 may key a login session or invitation. */

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function checkSha256(h: string, what: string): string {
  if (typeof h !== "string" || !SHA256_HEX.test(h))
    throw new Error(`${what} must be a hex SHA-256`);
  return h;
}
