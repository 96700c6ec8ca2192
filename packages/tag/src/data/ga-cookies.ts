/**
 * Google Analytics' cookies (lazy), for the GA4 connector's `client_id` and `session_id`:
 * `_ga` ("GA1.1.<random>.<timestamp>") and `_ga_<container>` ("GS1.1.<session>.…" or
 * "GS2.1.s<session>$…") are read from document.cookie and sent as one `set` event with
 * `ga_client_id` = "<random>.<timestamp>" and `_ga_<container>` = "<session>" — again only
 * when an id changes (GA rewrites its cookies on every hit; the ids stay). GA may write them
 * after this runs, so the cookies are read again every few seconds. Nothing is sent where GA
 * has set no `_ga` cookie (the connector then sends nothing for the session).
 * The forms are the engine's (privacy/ga-cookies.ts), which keeps them through scrubbing.
 */
import type { Module } from "../types.ts";

const EVERY_MS = 5000;
/** At most this many GA properties' session cookies on one page. */
const MAX_SESSIONS = 4;

let timer: ReturnType<typeof setInterval> | undefined;

/** The ids in the cookie jar, as `set` properties (null without a `_ga` cookie). */
export function gaProps(jar: string): Record<string, string> | null {
  let props: Record<string, string> | null = null;
  const sessions: [string, string][] = [];
  for (const part of jar.split(";")) {
    const i = part.indexOf("=");
    const name = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    if (name === "_ga") {
      const m = /^GA\d+\.\d+\.(\d{1,20}\.\d{1,20})$/.exec(value);
      if (m) props = { ga_client_id: m[1]! };
    } else if (/^_ga_[A-Z0-9]{1,20}$/.test(name) && sessions.length < MAX_SESSIONS) {
      const m = /^GS[12]\.\d+\.s?(\d{1,20})(?:[.$]|$)/.exec(value);
      if (m) sessions.push([name, m[1]!]);
    }
  }
  if (props) for (const [name, id] of sessions) props[name] = id;
  return props;
}

export const gaCookies: Module = {
  start({ emit, guard }) {
    let last = "";
    const read = guard((): void => {
      const props = gaProps(document.cookie);
      const key = props ? JSON.stringify(props) : "";
      if (props && key !== last) emit({ type: "set", props });
      last = key || last;
    });
    read();
    timer = setInterval(read, EVERY_MS);
  },
  stop() {
    clearInterval(timer);
  },
};
