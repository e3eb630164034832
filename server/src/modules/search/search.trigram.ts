/**
 * Trigram similarity computed the way pg_trgm computes `similarity()` (default build: only
 * letters and digits form words, case ignored; each word padded with two spaces in front and
 * one behind; |shared| / |union| of the distinct trigrams). Used where the strings to compare
 * are already in memory (the few members of one organisation) so no round trip is needed.
 */
function trigramsOf(text: string): Set<string> {
  const result = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const chars = [' ', ' ', ...word, ' '];
    for (let i = 0; i + 2 < chars.length; i += 1) result.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  }
  return result;
}

export function trigramSimilarity(a: string, b: string): number {
  const left = trigramsOf(a);
  const right = trigramsOf(b);
  if (!left.size || !right.size) return 0;
  let shared = 0;
  for (const trigram of left) if (right.has(trigram)) shared += 1;
  return shared / (left.size + right.size - shared);
}
