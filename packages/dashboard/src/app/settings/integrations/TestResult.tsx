/**
 * The answer to "Send test": success in a polite live region, failure as an alert, with the
 * receiver's answer (the API caps it and blanks the integration's secrets in it).
 */
import type { IntegrationTestAnswer } from "../../api/types.ts";

export interface TestOutcome {
  name: string;
  answer?: IntegrationTestAnswer;
  /** The request itself failed (e.g. 409: a stored secret cannot be opened). */
  error?: string;
}

const OK = new Set(["delivered", "written"]);

function failure(a: IntegrationTestAnswer): string {
  // Without an HTTP answer the body is the reason ("no answer: ECONNREFUSED", "refused: …").
  const what = a.status === 0 ? a.body.slice(0, 300) || "no answer" : `HTTP ${a.status}`;
  const then =
    a.verdict === "retry"
      ? "a real delivery would be tried again later"
      : a.verdict === "throttled"
        ? "the receiver's rate limit: a real delivery would wait for it, using no attempt"
        : a.verdict === "gone"
          ? "410 Gone: a real delivery would disable this endpoint"
          : "a real delivery would become a dead letter";
  return `${what}; ${then}`;
}

export function TestResult({ outcome }: { outcome: TestOutcome | null }) {
  const a = outcome?.answer;
  const ok = a !== undefined && OK.has(a.verdict);
  return (
    <div aria-live="polite" className="test-result">
      {outcome && ok && a && (
        <div className="note note-good" data-testid="test-result">
          <strong>
            Test sent to “{outcome.name}”: {a.verdict}
          </strong>
          {a.status !== 0 && ` (HTTP ${a.status})`}.{a.body && <AnswerBody body={a.body} />}
        </div>
      )}
      {outcome && !ok && (
        <div className="note note-error" role="alert" data-testid="test-result">
          <strong>Test to “{outcome.name}” failed:</strong>{" "}
          {a ? failure(a) : (outcome.error ?? "unknown error")}.
          {a?.body && a.status !== 0 && <AnswerBody body={a.body} />}
        </div>
      )}
    </div>
  );
}

function AnswerBody({ body }: { body: string }) {
  return (
    <details className="answer-body">
      <summary>The receiver’s answer</summary>
      <pre className="prewrap break">{body}</pre>
    </details>
  );
}
