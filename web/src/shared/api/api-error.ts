export type FieldError = {
  /** Dotted path of the offending field, e.g. `email` or `items.0.name`. */
  path: string;
  code: string;
  message: string;
};

/** An RFC 9457 problem (application/problem+json), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(init: { status: number; code: string; detail: string; errors?: FieldError[] }) {
    super(init.detail);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
  }

  /** The message for one form field, if the server flagged it. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.path === field || e.path.split('.').at(-1) === field)?.message;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export function hasStatus(value: unknown, status: number): boolean {
  return isApiError(value) && value.status === status;
}
