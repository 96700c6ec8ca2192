/** One HTTP POST with a timeout; any failure becomes a result (status 0), never a throw. */
import { retryAfterMs } from "../retry.ts";
import type { SendResult } from "./types.ts";

/** Bodies kept from answers (for the CLI, the dead-letter record and logs). */
const MAX_BODY = 4000;

export async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<SendResult> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "user-agent": "Intently-Integrations/1", ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text.slice(0, MAX_BODY),
      retryAfterMs: retryAfterMs(res.headers.get("retry-after")),
    };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.cause?.code ?? err.cause?.message ?? err.message;
    return { status: 0, body: `no answer: ${why}`, retryAfterMs: null };
  }
}
