/**
 * Currency rates as the Settings form writes them, one per line: "EUR 1.17" (or "EUR=1.17") is
 * 1.17 units of the site's currency per 1 EUR. The server checks codes and rates (400 per field).
 */

export function ratesText(rates: Record<string, number> | undefined): string {
  return Object.entries(rates ?? {})
    .map(([code, rate]) => `${code} ${rate}`)
    .join("\n");
}

/** The rates of the text, or an error naming the line that is not "CODE rate". */
export function parseRates(text: string): { rates: Record<string, number> } | { error: string } {
  const rates: Record<string, number> = {};
  for (const line of text.split(/\n/)) {
    const l = line.trim();
    if (!l) continue;
    const m = /^([A-Za-z]{3})\s*[=:\s]\s*([0-9]+(?:\.[0-9]+)?)$/.exec(l);
    if (!m) return { error: `"${l}" is not a currency code and a rate, such as "EUR 1.17"` };
    rates[m[1]!.toUpperCase()] = Number(m[2]);
  }
  return { rates };
}
