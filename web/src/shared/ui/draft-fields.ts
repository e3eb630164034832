import type { ChangeEvent } from 'react';
import { fieldState } from './field-errors.ts';

/** The keys of a draft whose values are plain text. */
type TextKey<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D] & string;

/**
 * A form's draft, bound to its inputs: `set` changes one field; `text` gives a small TextField
 * its value, its change handler and the server's message for that field (or `client`, the form's own).
 */
export function bindDraft<D extends object>(draft: D, onChange: (next: D) => void, error: unknown) {
  const set = <K extends keyof D>(key: K, value: D[K]) => onChange({ ...draft, [key]: value });
  const text = (key: TextKey<D>, client?: string | null) => ({
    size: 'small' as const,
    value: draft[key] as string,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(key, event.target.value as D[typeof key]),
    ...fieldState(key, { error, client }),
  });
  return { set, text };
}
