/**
 * The ES5 building blocks every script is made of (`var`, `function`; no arrows, template
 * literals or block-level functions; no `<` either, so the code is inert inside HTML). Each
 * expects `id` (the segment id) and, for the waiting ones, `timeoutMs` in scope.
 *
 * The tag's contract (SPEC §2): `<tag>.segments.matches(id)`, the `intently:ready` and
 * `intently:segment:enter` / `intently:segment:exit` events on document (detail.segment).
 * Before the tag has loaded, its first-party record (`_intently` in localStorage, or a cookie
 * where localStorage is unavailable; see packages/tag/src/core/ids.ts) holds the last known
 * memberships (`g`) and the last activity time (`t`).
 */

/** The tag's first-party storage key and its session inactivity limit (30 min). */
export const CACHE_KEY = "_intently";
export const SESSION_MS = 30 * 60 * 1000;
/** How often the waiting scripts look at the tag until it answers or they time out. */
export const POLL_MS = 100;

/** `var` declarations of the script's inputs. */
export function vars(id: string, timeoutMs?: number): string[] {
  const out = [`var id = ${id};`];
  if (timeoutMs !== undefined) out.push(`var timeoutMs = ${timeoutMs};`);
  return out;
}

/** `member()`: is the session in the segment right now? Synchronous, never throws. */
export function member(tag: string): string[] {
  return [
    "function member() {",
    "  // The tag's answer once loaded; before that, the memberships it keeps in first-party",
    "  // storage (localStorage, else a cookie) while the session is fresh (30 min).",
    "  try {",
    `    var t = ${tag}, s = null, r;`,
    "    if (t && t.segments) return t.segments.matches(id) === true;",
    `    try { s = localStorage.getItem("${CACHE_KEY}"); } catch (e) {}`,
    "    if (!s) {",
    `      s = /(?:^|; )${CACHE_KEY}=([^;]*)/.exec(document.cookie);`,
    "      s = s && decodeURIComponent(s[1]);",
    "    }",
    "    r = s ? JSON.parse(s) : null;",
    `    return !!(r && r.g && r.t + ${SESSION_MS} > new Date().getTime() && r.g.indexOf(id) > -1);`,
    "  } catch (e) {",
    "    return false;",
    "  }",
    "}",
  ];
}

/** `whenMember()`: a Promise of true once in the segment, of false after `timeoutMs`. */
export function whenMember(): string[] {
  return [
    "function whenMember() {",
    '  if (typeof Promise !== "function") return member();',
    "  return new Promise(function (resolve) {",
    "    var done = false;",
    "    function end(v) {",
    "      if (done) return;",
    "      done = true;",
    '      document.removeEventListener("intently:segment:enter", onEnter);',
    "      resolve(v);",
    "    }",
    "    function onEnter(e) {",
    "      if (e.detail && e.detail.segment === id) end(true);",
    "    }",
    "    function poll() {",
    "      if (member()) end(true);",
    `      else if (!done) setTimeout(poll, ${POLL_MS});`,
    "    }",
    "    try {",
    '      document.addEventListener("intently:segment:enter", onEnter);',
    "      setTimeout(function () { end(false); }, timeoutMs);",
    "      poll();",
    "    } catch (e) {",
    "      end(false);",
    "    }",
    "  });",
    "}",
  ];
}

/**
 * Runs `action` (statements; `detail` in scope) once per entry into the segment: at once or
 * within `timeoutMs` when the session is already in it (the tag may load late), and on every
 * later `intently:segment:enter` (again only after an exit). Never throws.
 */
export function watch(action: string[]): string[] {
  return [
    "var inside = false;",
    "var start = new Date().getTime();",
    "function enter(detail) {",
    "  if (inside) return;",
    "  inside = true;",
    "  try {",
    ...action.map((l) => `    ${l}`),
    "  } catch (e) {}",
    "}",
    "function check() {",
    "  if (member()) enter({ segment: id });",
    "}",
    "function poll() {",
    "  check();",
    `  if (!inside && start + timeoutMs > new Date().getTime()) setTimeout(poll, ${POLL_MS});`,
    "}",
    "function on(type, f) {",
    '  document.addEventListener("intently:" + type, function (e) {',
    "    if (e.detail && e.detail.segment === id) f(e.detail);",
    "  });",
    "}",
    "try {",
    '  on("segment:enter", enter);',
    '  on("segment:exit", function () { inside = false; });',
    '  document.addEventListener("intently:ready", check);',
    "  poll();",
    "} catch (e) {}",
  ];
}
