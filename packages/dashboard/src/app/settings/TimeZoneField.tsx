/**
 * The site's time zone: report days are its local days. The list is the browser's IANA zones
 * (the server checks the choice against its own); a new site starts on the browser's zone.
 */
import { useId } from "react";

/** The zones the browser knows, UTC first. */
function zones(current: string): string[] {
  let list: string[] = [];
  try {
    list = Intl.supportedValuesOf("timeZone");
  } catch {}
  return [...new Set(["UTC", current, ...list])];
}

/** The browser's own zone (UTC when it has none). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function TimeZoneField(props: { defaultValue: string; name?: string; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Time zone</label>
      <select
        id={id}
        name={props.name ?? "timeZone"}
        defaultValue={props.defaultValue}
        aria-describedby={`${id}-hint`}
      >
        {zones(props.defaultValue).map((z) => (
          <option key={z} value={z}>
            {z.replaceAll("_", " ")}
          </option>
        ))}
      </select>
      <span className="hint" id={`${id}-hint`}>
        {props.hint ??
          "Reports count days from midnight to midnight here, as your shop and your ads do."}
      </span>
    </div>
  );
}
