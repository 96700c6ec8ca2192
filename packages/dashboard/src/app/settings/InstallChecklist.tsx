/** The install steps of a site, ticked from its tag status (shown until all are done). */
import type { Site } from "../api/types.ts";
import { dateTime } from "../lib/format.ts";

export interface InstallStep {
  id: "tag" | "origin" | "event" | "purchase" | "consent";
  label: string;
  done: boolean;
  detail: string;
}

export function installSteps(site: Site): InstallStep[] {
  const { tag, settings } = site;
  const refused = tag.refusedOrigins.length;
  const counted = tag.lastEventAt !== null;
  const consent = settings.requireConsent === true;
  return [
    {
      id: "tag",
      label: "Tag installed",
      done: counted || refused > 0,
      detail:
        counted || refused > 0
          ? "The tag has sent events."
          : "Paste the tag snippet (Settings → Tag) into every page, then open a page of the shop.",
    },
    {
      id: "origin",
      label: "Shop's address allowed",
      done: site.allowedOrigins.length > 0 && refused === 0,
      detail:
        refused > 0
          ? `${refused} address${refused === 1 ? " is" : "es are"} refused: allow ${refused === 1 ? "it" : "them"} in Settings → Tag.`
          : site.allowedOrigins.length > 0
            ? `Allowed: ${site.allowedOrigins.join(", ")}.`
            : "No address allowed yet: add the shop's under Settings → Site → Allowed origins.",
    },
    {
      id: "event",
      label: "First event counted",
      done: counted,
      detail: counted
        ? `Last event ${dateTime(tag.lastEventAt!)}.`
        : "Waiting for your first event.",
    },
    {
      id: "purchase",
      label: "First purchase",
      done: tag.firstPurchaseAt !== null,
      detail:
        tag.firstPurchaseAt !== null
          ? `Seen ${dateTime(tag.firstPurchaseAt)}.`
          : "Conversions count once the order confirmation page sends a purchase.",
    },
    {
      id: "consent",
      label: "Consent setting chosen",
      // Either choice is a decision; it is shown so the shop checks it against its banner.
      done: settings.requireConsent !== undefined,
      detail: consent
        ? "Events are collected only after the visitor consents."
        : "Events are collected without waiting for consent: check this matches your cookie banner (Settings → Site).",
    },
  ];
}

export function InstallChecklist({ steps }: { steps: InstallStep[] }) {
  const done = steps.filter((s) => s.done).length;
  return (
    <div className="install-checklist" data-testid="install-checklist">
      <h3>
        Install checklist{" "}
        <span className="muted">
          ({done} of {steps.length} done)
        </span>
      </h3>
      <ol>
        {steps.map((s) => (
          <li key={s.id} data-step={s.id} data-done={s.done}>
            <span aria-hidden="true">{s.done ? "✓" : "○"}</span> <strong>{s.label}</strong>
            <span className="sr-only">{s.done ? " (done)" : " (to do)"}</span> —{" "}
            <span className="muted">{s.detail}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
