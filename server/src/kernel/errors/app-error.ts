export type Locale = 'fa' | 'en';

export type LocalisedText = { fa: string; en: string };

export type FieldError = { path: string; code: string; message: LocalisedText };

/** One kind of failure: a stable code, an HTTP status and its message in both languages. */
export type ErrorDefinition = { status: number; fa: string; en: string };

/**
 * The only error type services throw on purpose. The HTTP layer turns it into problem+json in
 * the caller's language; the CLI prints it.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messages: LocalisedText,
    readonly fieldErrors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(messages.en);
    this.name = 'AppError';
  }

  message_(locale: Locale): string {
    return this.messages[locale];
  }
}

type Raisers<T extends Record<string, ErrorDefinition>> = {
  [K in keyof T]: (options?: { fieldErrors?: FieldError[]; headers?: Record<string, string>; params?: Record<string, string | number> }) => AppError;
};

/**
 * A module declares its errors once; every code must carry fa and en text, so the compiler
 * refuses a code without a translation. `{name}` placeholders are filled from params.
 */
export function defineErrors<T extends Record<string, ErrorDefinition>>(definitions: T): Raisers<T> {
  const raisers = {} as Raisers<T>;
  for (const code of Object.keys(definitions) as (keyof T & string)[]) {
    const def = definitions[code]!;
    raisers[code] = (options = {}) =>
      new AppError(
        code,
        def.status,
        { fa: fill(def.fa, options.params), en: fill(def.en, options.params) },
        options.fieldErrors,
        options.headers,
      );
  }
  return raisers;
}

function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
