/**
 * The shop's domain, as typed in the new-site form, turned into the site's allowed origins:
 * "shop.example" or "https://www.shop.example/any/page" → https://shop.example and
 * https://www.shop.example (a shop is usually reached both ways). http:// is kept when written;
 * localhost keeps its port. Returns an error message for anything that is not a host name.
 */
export function originsForDomain(input: string): { origins: string[] } | { error: string } {
  const text = input.trim();
  if (text === "") return { origins: [] };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: `"${text}" is not a domain (such as shop.example.com)` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { error: "the shop's address must start with https:// or http://" };
  const host = url.hostname.toLowerCase();
  if (!/^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+|\[[0-9a-f:.]+\])$/.test(host))
    return { error: `"${text}" is not a domain (such as shop.example.com)` };
  const base = `${url.protocol}//`;
  const port = url.port ? `:${url.port}` : "";
  const single = host === "localhost" || host.startsWith("[") || /^[\d.]+$/.test(host);
  if (single) return { origins: [`${base}${host}${port}`] };
  const apex = host.startsWith("www.") ? host.slice(4) : host;
  return { origins: [`${base}${apex}${port}`, `${base}www.${apex}${port}`] };
}
