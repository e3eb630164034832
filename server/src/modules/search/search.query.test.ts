import { describe, expect, it } from 'vitest';
import { digitCore, escapeLike, parseSearchQuery } from './search.query.ts';
import { trigramSimilarity } from './search.trigram.ts';

describe('parseSearchQuery', () => {
  it('normalises text exactly like the stored keys', () => {
    expect(parseSearchQuery('علي').key).toBe('علی');
    expect(parseSearchQuery('مي‌شود').key).toBe('میشود');
    expect(parseSearchQuery('  می شود ').key).toBe('میشود');
    expect(parseSearchQuery('كريم').key).toBe('کریم');
    expect(parseSearchQuery('Mohammad').key).toBe('mohammad');
  });

  it('keeps the words of a multi-word query as tokens', () => {
    expect(parseSearchQuery('محمد رضا').tokens).toEqual(['محمد', 'رضا']);
    expect(parseSearchQuery('محمدرضا').tokens).toEqual([]);
    expect(parseSearchQuery('علی علی').tokens).toEqual(['علی']);
  });

  it('reads a phone number in any format and digit set as E.164', () => {
    for (const q of ['۰۹۱۲ ۱۲۳ ۴۵۶۷', '+98 912 123 4567', '00989121234567', '9121234567', '0912-123-4567', '(0912) 123 4567', '٠٩١٢١٢٣٤٥٦٧']) {
      const parsed = parseSearchQuery(q);
      expect(parsed.kind, q).toBe('digits');
      expect(parsed.phone, q).toBe('+989121234567');
      expect(parsed.key, q).toBe('9121234567');
      expect(parsed.fuzzy).toBeNull();
    }
  });

  it('searches partial numbers of 4+ digits without country code or trunk zero', () => {
    expect(parseSearchQuery('۰۹۱۲۱۲').key).toBe('91212');
    expect(parseSearchQuery('4567').key).toBe('4567');
    expect(parseSearchQuery('+98 912').key).toBe('912');
    expect(parseSearchQuery('123').key).toBe('');
    expect(parseSearchQuery('0000').key).toBe('');
    expect(digitCore('00989121')).toBe('9121');
  });

  it('recognises whole emails for exact lookups, lower-cased', () => {
    const parsed = parseSearchQuery('Ali.Rezaei@Example.com');
    expect(parsed.kind).toBe('email');
    expect(parsed.email).toBe('ali.rezaei@example.com');
    expect(parseSearchQuery('ali@').email).toBeNull();
  });

  it('turns typo tolerance on only for queries long enough to survive a typo', () => {
    expect(parseSearchQuery('علی').fuzzy).toBeNull();
    expect(parseSearchQuery('رضای').fuzzy).toEqual({ threshold: 0.6 });
    expect(parseSearchQuery('Mohamad').fuzzy).toEqual({ threshold: 0.5 });
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});

describe('trigramSimilarity (pg_trgm similarity)', () => {
  it('agrees with the values PostgreSQL computes', () => {
    // Reference values from pg_trgm similarity() on PostgreSQL 15 and PGlite.
    expect(trigramSimilarity('mohamad', 'mohammad')).toBeCloseTo(0.7, 5);
    expect(trigramSimilarity('محمدرضا', 'محمد رضا')).toBeCloseTo(0.54545456, 5);
    expect(trigramSimilarity('abc', 'abc')).toBe(1);
    expect(trigramSimilarity('', 'abc')).toBe(0);
  });
});
