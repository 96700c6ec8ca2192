/** Live sessions in the server's engine for tests: a few page views stamped "now". */
import type { Event, SessionUpdate } from "@intently/engine";
import type { RunningServer } from "../../src/index.ts";

const UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/** Three page views of one session, the last one a second ago; returns the last update. */
export function liveSession(
  server: RunningServer,
  site: string,
  visitor: string,
  session: string,
): SessionUpdate {
  const now = Date.now();
  const ref = { site, visitor, session, context: { ua: UA } };
  let u: SessionUpdate | undefined;
  for (const [i, path] of ["/", "/c/shoes", "/p/red-shoe"].entries()) {
    const event = {
      type: "page_view",
      t: now - 3000 + i * 1000,
      page: { url: `https://shop.test${path}` },
    } as Event;
    u = server.ctx.host.process(ref, event);
  }
  return u!;
}
