/** `value` with `token` put in place of the selection [start, end), and where the caret goes after it. */
export function insertAt(value: string, token: string, start: number | null | undefined, end?: number | null): { value: string; caret: number } {
  const from = clamp(start ?? value.length, value.length);
  const to = clamp(end ?? from, value.length);
  const [a, b] = from <= to ? [from, to] : [to, from];
  return { value: value.slice(0, a) + token + value.slice(b), caret: a + token.length };
}

function clamp(n: number, max: number): number {
  return Math.max(0, Math.min(n, max));
}

/** True when the text needs Unicode (UCS-2) SMS encoding: anything outside basic GSM-7 such as Persian letters. */
export function needsUnicode(text: string): boolean {
  // GSM 03.38 basic set, without the escape-table characters (counted as Unicode here, which only overestimates).
  return /[^@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà]/.test(text);
}

/** How many SMS parts a text takes: 70/67 characters per part in Unicode, 160/153 in GSM-7. */
export function smsParts(text: string): { length: number; parts: number; unicode: boolean } {
  const unicode = needsUnicode(text);
  const length = [...text].length;
  const single = unicode ? 70 : 160;
  const multi = unicode ? 67 : 153;
  const parts = length === 0 ? 0 : length <= single ? 1 : Math.ceil(length / multi);
  return { length, parts, unicode };
}
