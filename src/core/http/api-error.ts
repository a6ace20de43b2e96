/**
 * The one error envelope every API answers with: `{ "error": { "code", "message", "issues"? } }`.
 * Codes are stable and tested; messages are for people and may change.
 */
export interface ErrorIssue {
  /** Dotted path of the offending input, e.g. "current" or "hosts.3". */
  path: string;
  message: string;
}

export interface ErrorEnvelope {
  error: { code: string; message: string; issues?: ErrorIssue[] };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ErrorIssue[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { issues?: ErrorIssue[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = options.issues;
    this.headers = options.headers ?? {};
  }

  toJSON(): ErrorEnvelope {
    return {
      error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) },
    };
  }
}

/** Turns zod-style issues into the envelope's issue list. */
export function issuesFrom(
  list: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): ErrorIssue[] {
  return list.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
