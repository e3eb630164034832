/** Parses a count such as 1000000, 1_000_000, 200k or 1M. */
export function parseCount(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.replace(/_/g, ''));
  if (!match) throw new Error(`--${name} expects a count such as 5000, 200k or 1M, not "${text}"`);
  const factor = match[2] === '' ? 1 : match[2]!.toLowerCase() === 'k' ? 1_000 : 1_000_000;
  const value = Math.round(Number(match[1]) * factor);
  if (!Number.isSafeInteger(value)) throw new Error(`--${name} is too large: ${text}`);
  return value;
}

export const formatInt = (n: number) => Math.round(n).toLocaleString('en-US');
