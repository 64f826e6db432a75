// The platform's JSON error body ({"error": {status, code, message, field?, rule?, fields?}})
// as a value the screens can show: what went wrong and, where known, which field.
export interface ErrorBody {
  error?: {
    status?: number;
    code?: string;
    message?: string;
    field?: string;
    rule?: string;
    fields?: Record<string, Record<string, string[]> | string[]>;
  };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly fieldMessages: Record<string, string>;

  constructor(status: number, body: unknown) {
    const err = (body as ErrorBody | undefined)?.error;
    super(err?.message || defaultMessage(status));
    this.name = "ApiError";
    this.status = status;
    this.code = err?.code ?? "error";
    this.field = err?.field;
    this.fieldMessages = flattenFields(err?.fields);
  }
}

type FieldErrors = NonNullable<NonNullable<ErrorBody["error"]>["fields"]>;

function flattenFields(fields: FieldErrors | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fields) return out;
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) out[key] = value.join(" ");
    else if (value && typeof value === "object") {
      for (const [inner, messages] of Object.entries(value)) out[inner] = [messages].flat().join(" ");
    }
  }
  return out;
}

export function defaultMessage(status: number): string {
  if (status === 401) return "Your session has ended. Sign in again.";
  if (status === 403) return "Your role may not do this.";
  if (status === 404) return "Not found, or not visible to you.";
  if (status === 429) return "Too many attempts. Wait a moment and try again.";
  if (status >= 500) return "The service had a problem. Try again in a minute; if it persists, tell your Canopy administrator.";
  return "The request was refused.";
}

/** A message for any thrown value, for error states. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) {
    return "Canopy could not be reached. Check your connection, then try again.";
  }
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
