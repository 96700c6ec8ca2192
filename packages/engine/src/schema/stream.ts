/**
 * The NDJSON event-stream format ("intently" format) used by `simulate`, `replay`, training and
 * imports: one event per line with the session it belongs to. `context` and `truth` appear on a
 * session's first line (they may repeat; later copies are ignored).
 */
import { type Static, Type as T } from "@sinclair/typebox";
import { Context, Event, WireId as Id, WireText } from "./events.ts";

/** Ground truth the simulator knows about a session (never sent by a real tag). */
export const Truth = T.Object({
  persona: WireText({ maxLength: 64 }),
  /** What the persona's script made the shopper do. */
  purchased: T.Optional(T.Boolean()),
  addedToCart: T.Optional(T.Boolean()),
  struggled: T.Optional(T.Boolean()),
  bot: T.Optional(T.Boolean()),
});
export type Truth = Static<typeof Truth>;

export const EventLine = T.Object({
  site: Id,
  visitor: Id,
  session: Id,
  context: T.Optional(Context),
  truth: T.Optional(Truth),
  event: Event,
});
export type EventLine = Static<typeof EventLine>;
