/**
 * The ES5 building blocks every script is made of (`var`, `function`; no arrows, template
 * literals or block-level functions; no `<` either, so the code is inert inside HTML). Each
 * expects `id` (the segment id) and, for the waiting ones, `timeoutMs` in scope.
 *
 * The tag's contract (docs/product/tag.md#in-page-api): `<tag>.segments.matches(id)`, the `intently:ready` and
 * `intently:segment:enter` / `intently:segment:exit` events on document (detail.segment).
 * Before the tag has loaded, its first-party record (`_intently` in localStorage, or a cookie
 * where localStorage is unavailable; see packages/tag/src/core/ids.ts) holds the last known
 * memberships (`g`), the last activity time (`t`), the session's local day (`d`) and campaign
 * (`c`, "utm_source|utm_campaign"; packages/tag/src/data/page.ts).
 */

/** The tag's first-party storage key and its session inactivity limit (30 min). */
export const CACHE_KEY = "_intently";
export const SESSION_MS = 30 * 60 * 1000;
/** How often the waiting scripts look at the tag until it answers or they time out. */
export const POLL_MS = 100;
/** Where scripts keep their per-page state, so that a tool re-running one never stacks listeners. */
export const REGISTRY = "__intentlyScripts";

/** `var` declarations of the script's inputs. */
export function vars(id: string, timeoutMs?: number): string[] {
  const out = [`var id = ${id};`];
  if (timeoutMs !== undefined) out.push(`var timeoutMs = ${timeoutMs};`);
  return out;
}

/**
 * `member()`: is the session in the segment right now? Synchronous, never throws. Before the
 * tag has loaded, the cached answer applies the tag's own session boundaries: a session ends
 * after 30 min without activity, at local midnight and when a new campaign arrives, and the
 * tag then starts the next one with no segments.
 */
export function member(tag: string): string[] {
  return [
    "function param(k) {",
    '  var m = new RegExp("[?&]" + k + "=([^&#]*)").exec(location.search);',
    '  return m ? decodeURIComponent(m[1].replace(/\\+/g, " ")) : "";',
    "}",
    "function member() {",
    "  // The tag's answer once loaded; before that, the memberships it keeps in first-party",
    "  // storage (localStorage, else a cookie), while the session they belong to still holds.",
    "  try {",
    `    var t = ${tag}, s = null, r, now = new Date().getTime(), c;`,
    "    if (t && t.segments) return t.segments.matches(id) === true;",
    `    try { s = localStorage.getItem("${CACHE_KEY}"); } catch (e) {}`,
    "    if (!s) {",
    `      s = /(?:^|; )${CACHE_KEY}=([^;]*)/.exec(document.cookie);`,
    "      s = s && decodeURIComponent(s[1]);",
    "    }",
    "    r = s ? JSON.parse(s) : null;",
    "    if (!r || !r.s || !r.g || r.g.indexOf(id) === -1) return false;",
    `    if (!(r.t + ${SESSION_MS} > now) || r.d !== new Date(now).toDateString()) return false;`,
    '    c = param("utm_source") + "|" + param("utm_campaign");',
    '    return c === "|" || c === r.c;',
    "  } catch (e) {",
    "    return false;",
    "  }",
    "}",
  ];
}

/**
 * `whenMember()`: a Promise of true once in the segment. `limit` is an expression for how long
 * to wait before settling to `fail` (an expression), or undefined to wait for the whole page
 * (tools without a time limit). Polls the tag for `timeoutMs` (it may still be loading),
 * listens for `intently:segment:enter` for as long as it waits; everything stops once settled.
 */
export function whenMember(limit?: string, ok = "true", fail = "false"): string[] {
  return [
    "function whenMember() {",
    `  if (typeof Promise !== "function") return member() ? ${ok} : ${fail};`,
    "  return new Promise(function (resolve) {",
    "    var done = false, start = new Date().getTime();",
    "    function end(v) {",
    "      if (done) return;",
    "      done = true;",
    '      document.removeEventListener("intently:segment:enter", onEnter);',
    '      document.removeEventListener("intently:ready", check);',
    "      resolve(v);",
    "    }",
    "    function onEnter(e) {",
    `      if (e.detail && e.detail.segment === id) end(${ok});`,
    "    }",
    "    function check() {",
    `      if (member()) end(${ok});`,
    "    }",
    "    function poll() {",
    "      check();",
    `      if (!done && start + timeoutMs > new Date().getTime()) setTimeout(poll, ${POLL_MS});`,
    "    }",
    "    try {",
    '      document.addEventListener("intently:segment:enter", onEnter);',
    '      document.addEventListener("intently:ready", check);',
    ...(limit === undefined ? [] : [`      setTimeout(function () { end(${fail}); }, ${limit});`]),
    "      poll();",
    "    } catch (e) {",
    `      end(${fail});`,
    "    }",
    "  });",
    "}",
  ];
}

/**
 * `when(ready, f)`: runs `f` once `ready()` is truthy (a vendor's library may load after this
 * script), checking every 100 ms for `timeoutMs`; gives up silently after that.
 */
export function when(): string[] {
  return [
    "function when(ready, f) {",
    "  var t0 = new Date().getTime();",
    "  (function go() {",
    "    try {",
    "      if (ready()) return f();",
    "    } catch (e) {",
    "      return;",
    "    }",
    `    if (t0 + timeoutMs > new Date().getTime()) setTimeout(go, ${POLL_MS});`,
    "  })();",
    "}",
  ];
}

/** A registry key naming a target (`watch`'s `key`). */
export const keyOf = (target: string): string => JSON.stringify(target);

export interface WatchOptions {
  /** Names this script's state in the page registry (with the segment id): a JS expression. */
  key: string;
  /** Statements run once per entry; `detail` and `st` (the script's state) in scope. */
  action: string[];
  /** Statements run on every invocation before the check (default: none). */
  invoke?: string[];
  /** Statements run when the session leaves the segment (`st` in scope). */
  exit?: string[];
}

/**
 * Runs `action` once per entry into the segment: at once (or within `timeoutMs` while the tag
 * loads) when the session is already in it as the page loads, and on every later
 * `intently:segment:enter` (again only after an exit). The state and the DOM listeners live
 * in one registry entry per page, so a tool that runs the script again (an SPA re-invoking a
 * callback, a tag manager firing a tag twice) neither stacks listeners nor fires twice for one
 * entry; the newest invocation's `action` is the one that runs. Never throws.
 */
export function watch(o: WatchOptions): string[] {
  return [
    `var reg = (window.${REGISTRY} = window.${REGISTRY} || {});`,
    `var key = ${o.key} + ":" + id;`,
    "var st = reg[key];",
    "var start = new Date().getTime();",
    "function enter(detail) {",
    "  if (st.inside) return;",
    "  st.inside = true;",
    "  st.run(detail);",
    "}",
    "function check() {",
    "  if (member()) enter({ segment: id });",
    "}",
    "function poll() {",
    "  check();",
    `  if (!st.inside && start + timeoutMs > new Date().getTime()) setTimeout(poll, ${POLL_MS});`,
    "}",
    "function on(type, f) {",
    '  document.addEventListener("intently:" + type, function (e) {',
    "    if (e.detail && e.detail.segment === id) f(e.detail);",
    "  });",
    "}",
    "try {",
    "  if (!st) {",
    "    st = reg[key] = { inside: false, mark: 0 };",
    '    on("segment:enter", function (d) { enter(d); });',
    '    on("segment:exit", function () {',
    "      st.inside = false;",
    ...(o.exit ?? []).map((l) => `      ${l}`),
    "    });",
    '    document.addEventListener("intently:ready", function () { check(); });',
    "  }",
    "  st.run = function (detail) {",
    "    try {",
    ...o.action.map((l) => `      ${l}`),
    "    } catch (e) {}",
    "  };",
    ...(o.invoke ?? []).map((l) => `  ${l}`),
    "  poll();",
    "} catch (e) {}",
  ];
}
