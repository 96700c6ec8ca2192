// biome-ignore-all lint/suspicious/noExplicitAny: test bodies are read as loose JSON.
/** A small HTTP client for the API tests: cookie session + CSRF token, or an API token. */

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
  raw: Buffer;
}

export interface ReqOptions {
  body?: unknown;
  /** Send the session's CSRF token on state-changing requests (default true). */
  csrf?: boolean;
  headers?: Record<string, string>;
}

export class Client {
  cookie: string | null = null;
  csrfToken: string | null = null;
  token: string | null = null;

  constructor(readonly base: string) {}

  static withToken(base: string, token: string): Client {
    const c = new Client(base);
    c.token = token;
    return c;
  }

  login(email: string, password: string): Promise<Res> {
    return this.signIn("/api/auth/login", { email, password });
  }

  /** Accepts an invitation signed out (a new account chooses `password`), and is signed in. */
  acceptInvitation(token: string, password: string): Promise<Res> {
    return this.signIn("/api/invitations/accept", { token, password });
  }

  private async signIn(path: string, body: unknown): Promise<Res> {
    const r = await this.req("POST", path, { body });
    if (r.status === 200) {
      const set = r.headers.get("set-cookie") ?? "";
      this.cookie = set.split(";")[0] ?? null;
      this.csrfToken = r.body.csrfToken;
    }
    return r;
  }

  async req<T = any>(method: string, path: string, o: ReqOptions = {}): Promise<Res<T>> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.body !== undefined) headers["content-type"] = "application/json";
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    else if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== "GET" && o.csrf !== false)
      headers["x-csrf-token"] = this.csrfToken;
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    });
    const raw = Buffer.from(await res.arrayBuffer());
    let body: unknown = null;
    if ((res.headers.get("content-type") ?? "").includes("json") && raw.length > 0)
      body = JSON.parse(raw.toString("utf8"));
    else if (raw.length > 0) body = raw.toString("utf8");
    return { status: res.status, body: body as T, headers: res.headers, raw };
  }

  get = <T = any>(path: string, o?: ReqOptions) => this.req<T>("GET", path, o);
  post = <T = any>(path: string, body?: unknown, o?: ReqOptions) =>
    this.req<T>("POST", path, { ...o, body });
  patch = <T = any>(path: string, body?: unknown, o?: ReqOptions) =>
    this.req<T>("PATCH", path, { ...o, body });
  delete = <T = any>(path: string, o?: ReqOptions) => this.req<T>("DELETE", path, o);
}
