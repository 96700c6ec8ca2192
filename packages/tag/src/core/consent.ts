/**
 * Consent (docs/product/tag.md#consent): with `requireConsent`, or when `respectGPC` is set and the
 * browser sends Global Privacy Control, nothing is captured, sent or stored until
 * `intently.consent(true)`.
 */
import type { Config } from "../types.ts";

export function initialConsent(cfg: Config): boolean {
  const gpc = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl;
  return !cfg.requireConsent && !(cfg.respectGPC && gpc);
}
