/**
 * Says why a segment saved during the period shows few or no sessions: its memberships are
 * counted from the moment it went live (stored sessions are not back-filled), while the builder's
 * estimate counted the stored sessions that match.
 */
import type { SegmentCounting } from "@intently/api-contract";
import { dateTime, num } from "../lib/format.ts";

export function CountingNote({ counting }: { counting: SegmentCounting | null | undefined }) {
  if (!counting) return null;
  const e = counting.estimate;
  return (
    <p className="counting-note muted" data-testid="counting-note">
      Counting started {dateTime(counting.since)}; the estimate shows {e.exact ? "" : "up to "}
      {num(e.sessions)} session{e.sessions === 1 ? "" : "s"} from the last {e.days} days.
    </p>
  );
}
