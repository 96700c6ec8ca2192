/**
 * The shared PII rules' smallest pieces, declared once for the tag and the server (docs/privacy.md
 * "What is scrubbed"). A leaf module with no imports: the tag's core bundles it (4 KB budget), the
 * server adds the value rules of scrub.ts on top. Every pattern here is linear-time.
 */

/**
 * Parameter names whose value is never kept (also form fields and custom properties), as data:
 * a list of word parts per rule, compiled once into a linear regex below.
 *
 * PARAM_CORE is what the tag checks in the browser (the tag's core has a 4 KB budget, so this is
 * the short list, each word matched anywhere in the name or, with `$`, at its end; it errs towards
 * redacting: `compass`, `author`, `barcode` match too). The server checks it and adds, on every
 * batch, PARAM_MORE_WORDS, matched only as a whole word part (split at non-letters and camelCase
 * humps: `first_name`, `ccNumber`, `user_id`), and PARAM_MORE_STEMS, matched anywhere
 * (`X-Amz-Credential`, `jwtToken`). Kept: `category`, `page`, `sort`, `keyword`, `utm_*`, `gclid`.
 */
export const PARAM_CORE =
  /mail|token|pass|pwd|secret|auth|sess|sid$|key$|code|sig$|signature|otp|pin$|ssn|phone|card|iban|name$|addr|zip/i;
export const PARAM_MORE_WORDS = [
  "tel",
  "mobile",
  "cell",
  "fax",
  "first",
  "last",
  "user",
  "login",
  "reset",
  "cc",
  "cvv",
  "cvc",
  "pin",
  "sig",
  "key",
  "dob",
];
export const PARAM_MORE_STEMS = ["jwt", "credential", "postal", "birth", "passw"];

/**
 * An e-mail address, also percent-encoded (`%40`). The quantifiers are bounded by what an
 * address can hold (RFC 5321: local part ≤ 64, domain ≤ 255; a little more for encodings), so
 * the work per start position is bounded and a long text costs linear time, not quadratic. The
 * domain holds no `%` (hosts are punycode), so "a%40a%40…" cannot make it rescan 255 characters
 * for every `%40` of the local part.
 */
export const EMAIL = /[^\s@/?&=#:]{1,128}(?:@|%40)[^\s@/?&=#%]{1,255}\.[a-z]{2,63}/gi;
/** What a scrubbed value is replaced with. */
export const REDACTED = "redacted";
