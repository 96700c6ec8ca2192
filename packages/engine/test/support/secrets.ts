/**
 * Generated personal data for property tests (docs/privacy.md): e-mail addresses, phone numbers
 * in common national and international forms, Luhn-valid card numbers, JWTs and AWS keys — and
 * harmless words that are never a secret by value. Shared by the engine's scrubbing properties
 * and the server's "stored without it" property.
 */
import fc from "fast-check";

export const alnum = fc.stringMatching(/^[a-z0-9]{1,10}$/);
export const email = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,15}$/),
    alnum,
    fc.constantFrom("com", "io", "co.uk"),
  )
  .map(([l, d, t]) => `${l}@${d}.${t}`);
export const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });
export const phone = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 99 }), digits(10))
    .map(
      ([c, d]) =>
        `+${c} ${d.slice(0, 3).join("")} ${d.slice(3, 6).join("")} ${d.slice(6).join("")}`,
    ),
  digits(10).map(
    (d) => `(${d.slice(0, 3).join("")}) ${d.slice(3, 6).join("")}-${d.slice(6).join("")}`,
  ),
  digits(10).map((d) => `0${d.slice(0, 4).join("")} ${d.slice(4).join("")}`),
);
/** A Luhn-valid number of 13–19 digits, grouped by 4 with spaces, dashes or nothing. */
export const card = fc
  .tuple(
    fc.integer({ min: 12, max: 18 }).chain((n) => digits(n)),
    fc.constantFrom(" ", "-", ""),
  )
  .map(([d, sep]) => {
    let sum = 0;
    for (let i = 0; i < d.length; i++) {
      let x = d[d.length - 1 - i] as number;
      if (i % 2 === 0) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
      sum += x;
    }
    const all = [...d, (10 - (sum % 10)) % 10].join("");
    return all.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
  });
export const b64url = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`));
export const jwt = fc
  .tuple(b64url(10, 40), b64url(10, 80), b64url(20, 43))
  .map(([h, p, s]) => `eyJ${"hbGciOiJIUzI1NiJ9".slice(0, 5)}${h}.eyJ${p}.${s}`);
export const awsKey = fc.stringMatching(/^[0-9A-Z]{16}$/).map((s) => `AKIA${s}`);
export const secret = fc.oneof(email, phone, card, jwt, awsKey);

/** Harmless parts: lowercase words and short numbers, never a secret by value. */
export const word = fc.stringMatching(/^[a-z]{2,8}(-[a-z0-9]{1,4})?$/);
/** Words of search text: letters (digits next to a number would join it, and be masked too). */
export const textWord = fc.stringMatching(/^[a-z]{2,8}$/);
