/**
 * The site's name, allowed origins, data retention, privacy, currency (with rates for orders in
 * other currencies), locale, platform and time zone.
 */
import { type FormEvent, useId, useState } from "react";
import { ApiError, api, sitePath } from "../api/client.ts";
import type { Site } from "../api/types.ts";
import { Card } from "../components/Bits.tsx";
import { parseRates, ratesText } from "./currency-rates.ts";
import { PlatformField } from "./PlatformField.tsx";
import { TimeZoneField } from "./TimeZoneField.tsx";

export function SiteSection(props: { site: Site; canEdit: boolean; onSaved: () => void }) {
  const s = props.site;
  const ids = {
    name: useId(),
    origins: useId(),
    retention: useId(),
    currency: useId(),
    rates: useId(),
    locale: useId(),
    tagBase: useId(),
  };
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const origins = String(f.get("origins") ?? "")
      .split(/[\n,]/)
      .map((o) => o.trim())
      .filter(Boolean);
    setStatus(null);
    const rates = parseRates(String(f.get("rates") ?? ""));
    if ("error" in rates) {
      setStatus({ ok: false, text: `Currency rates: ${rates.error}` });
      return;
    }
    try {
      await api(sitePath(s.id), {
        method: "PATCH",
        body: {
          name: String(f.get("name")).trim(),
          allowedOrigins: origins,
          settings: {
            retentionDays: Number(f.get("retention")),
            currency: String(f.get("currency")).trim().toUpperCase(),
            currencyRates: rates.rates,
            locale: String(f.get("locale") ?? "").trim(),
            platform: String(f.get("platform") ?? "auto") as Site["settings"]["platform"],
            timeZone: String(f.get("timeZone") ?? "UTC"),
            requireConsent: f.get("requireConsent") === "on",
            honourGpc: f.get("honourGpc") === "on",
            hashIdentified: f.get("hashIdentified") === "on",
            tagBase: String(f.get("tagBase") ?? "").trim(),
          },
        },
      });
      setStatus({ ok: true, text: "Saved." });
      props.onSaved();
    } catch (err) {
      const issues =
        err instanceof ApiError ? err.issues.map((i) => `${i.path}: ${i.message}`) : [];
      setStatus({ ok: false, text: [(err as Error).message, ...issues].join(" · ") });
    }
  };

  return (
    <Card title="Site">
      <form onSubmit={submit} className="form-grid">
        <fieldset disabled={!props.canEdit} className="plain">
          <legend className="sr-only">Site settings</legend>
          <div className="field">
            <label htmlFor={ids.name}>Name</label>
            <input id={ids.name} name="name" defaultValue={s.name} required maxLength={120} />
          </div>
          <div className="field">
            <label htmlFor={ids.origins}>Allowed origins (one per line)</label>
            <textarea
              id={ids.origins}
              name="origins"
              rows={3}
              defaultValue={s.allowedOrigins.join("\n")}
              aria-describedby={`${ids.origins}-hint`}
            />
            <span className="hint" id={`${ids.origins}-hint`}>
              Pages on these origins may send events: https://shop.example, https://*.example.com,
              http://localhost:*, loopback or *.
            </span>
          </div>
          <div className="field">
            <label htmlFor={ids.retention}>Data retention (days)</label>
            <input
              id={ids.retention}
              name="retention"
              type="number"
              min={1}
              max={3650}
              required
              defaultValue={s.settings.retentionDays ?? 395}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.currency}>Currency (ISO code)</label>
            <input
              id={ids.currency}
              name="currency"
              pattern="[A-Za-z]{3}"
              maxLength={3}
              defaultValue={s.settings.currency ?? "GBP"}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.rates}>Rates of other currencies (one per line)</label>
            <textarea
              id={ids.rates}
              name="rates"
              rows={2}
              placeholder="EUR 1.17"
              defaultValue={ratesText(s.settings.currencyRates)}
              aria-describedby={`${ids.rates}-hint`}
            />
            <span className="hint" id={`${ids.rates}-hint`}>
              "EUR 1.17": 1.17 of this site's currency per 1 EUR. Orders in a currency without a
              rate are counted apart (Data quality: revenue in other currencies), never added up.
            </span>
          </div>
          <div className="field">
            <label htmlFor={ids.locale}>Shop locale</label>
            <input
              id={ids.locale}
              name="locale"
              maxLength={35}
              placeholder="de-DE"
              defaultValue={s.settings.locale ?? ""}
              aria-describedby={`${ids.locale}-hint`}
            />
            <span className="hint" id={`${ids.locale}-hint`}>
              How your pages write amounts: with "de-DE", "1.299" is read as 1,299.
            </span>
          </div>
          <PlatformField defaultValue={s.settings.platform} />
          <div className="field">
            <label htmlFor={ids.tagBase}>Tag address</label>
            <input
              id={ids.tagBase}
              name="tagBase"
              type="url"
              maxLength={300}
              placeholder="https://www.shop.example/in"
              defaultValue={s.settings.tagBase ?? ""}
              aria-describedby={`${ids.tagBase}-hint`}
            />
            <span className="hint" id={`${ids.tagBase}-hint`}>
              Where your pages load the tag from when you proxy it under your shop's domain or a
              subdomain; the snippet uses it. Empty: this server's address.
            </span>
          </div>
          <TimeZoneField
            defaultValue={String(s.settings.timeZone ?? "UTC")}
            hint="Report days run from midnight to midnight here. Changing it re-counts the stored days."
          />
          <div className="checks-col">
            <label className="check">
              <input
                type="checkbox"
                name="requireConsent"
                defaultChecked={s.settings.requireConsent === true}
              />
              Send nothing until the shop signals consent
            </label>
            <label className="check">
              <input
                type="checkbox"
                name="honourGpc"
                defaultChecked={s.settings.honourGpc !== false}
              />
              Honour Global Privacy Control
            </label>
            <label className="check">
              <input
                type="checkbox"
                name="hashIdentified"
                defaultChecked={s.settings.hashIdentified !== false}
              />
              Hash identified ids in the page before they are sent
            </label>
          </div>
          <div className="actions">
            <button type="submit" className="btn btn-primary">
              Save site settings
            </button>
            {status && (
              <span role="status" className={status.ok ? "ok" : "field-error"}>
                {status.text}
              </span>
            )}
          </div>
        </fieldset>
      </form>
    </Card>
  );
}
