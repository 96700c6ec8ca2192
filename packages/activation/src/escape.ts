/**
 * Making untrusted values safe to embed: in a JS string literal (which may sit inside an HTML
 * `<script>`), in a one-line comment, or as the tag's global name.
 */

const hex4 = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * A JS string literal for `s`: JSON, plus `<`, `>`, `&` escaped (no `</script>` or `<!--` can
 * appear, even inside an HTML script) and U+2028/U+2029 escaped (line terminators in ES5).
 */
export function jsString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, hex4);
}

const MAX_COMMENT = 80;

/**
 * Text safe inside a `//` comment that may sit inside an HTML `<script>`: no line terminators
 * or other control characters, no `<`/`>`, at most 80 characters.
 */
export function commentText(s: string): string {
  const one = s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replace(/</g, "‹")
    .replace(/>/g, "›")
    .trim();
  return one.length > MAX_COMMENT ? `${one.slice(0, MAX_COMMENT - 1)}…` : one;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** `window.name` for an identifier, otherwise `window["…"]` (escaped). */
export function globalRef(name: string): string {
  return IDENT.test(name) ? `window.${name}` : `window[${jsString(name)}]`;
}
