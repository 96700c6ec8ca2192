/**
 * HttpError (in the style of Hono's HTTPException): a status, a message, an optional cause and
 * extra JSON fields, thrown anywhere in a route and turned into the answer by `apiErrorHandler`.
 * Every error answer is `{error, message, …details}`; validation errors carry
 * `issues: [{path, message}]`.
 */
import { STATUS_CODES } from "node:http";
import type { Issue } from "@intently/conditions";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";

export type { Issue };

export interface HttpErrorOptions {
  message?: string;
  cause?: unknown;
  /** Extra fields of the JSON answer (e.g. `issues`). */
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export class HttpError extends Error {
  readonly status: number;
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(status: number, options: HttpErrorOptions = {}) {
    super(options.message ?? STATUS_CODES[status] ?? "Error", { cause: options.cause });
    this.name = "HttpError";
    this.status = status;
    this.details = options.details ?? {};
    this.headers = options.headers ?? {};
  }
}

export const badRequest = (message: string, issues?: Issue[]) =>
  new HttpError(400, { message, details: issues ? { issues } : {} });
export const forbidden = (message: string) => new HttpError(403, { message });
/** Unknown and not-yours look the same: 404, never 403, across workspaces. */
export const notFound = (what: string) => new HttpError(404, { message: `${what} not found` });
export const conflict = (message: string) => new HttpError(409, { message });

function body(status: number, message: string, details: Record<string, unknown> = {}) {
  return { error: STATUS_CODES[status] ?? "Error", message, ...details };
}

export function apiErrorHandler(
  err: FastifyError | HttpError,
  _req: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (err instanceof HttpError) {
    return reply
      .code(err.status)
      .headers(err.headers)
      .send(body(err.status, err.message, err.details));
  }
  if (err.validation) {
    const where = err.validationContext ?? "request";
    const issues: Issue[] = err.validation.map((v) => ({
      path: `/${where}${v.instancePath}`,
      message: v.message ?? "is invalid",
    }));
    return reply.code(400).send(body(400, err.message, { issues }));
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) return reply.code(status).send(body(status, err.message));
  process.stderr.write(`api: ${err.stack ?? err.message}\n`);
  return reply.code(500).send(body(500, "internal error"));
}
