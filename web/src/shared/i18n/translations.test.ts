import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { fa } from './fa.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const faLeaves = leaves(fa as unknown as Tree);
  const enLeaves = leaves(en as unknown as Tree);

  it('have the same keys in fa and en', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...faLeaves.keys()].sort());
  });

  it('use the same placeholders in both languages, and no empty strings', () => {
    for (const [key, faText] of faLeaves) {
      const enText = enLeaves.get(key) ?? '';
      expect(faText.trim(), key).not.toBe('');
      expect(enText.trim(), key).not.toBe('');
      expect(placeholders(enText), key).toEqual(placeholders(faText));
    }
  });

  it('write Persian with Persian letters and digits (no Arabic ي/ك, no Latin digits)', () => {
    for (const [key, text] of faLeaves) {
      const withoutPlaceholders = text.replace(/\{\{\s*\w+\s*\}\}/g, '');
      expect(withoutPlaceholders, key).not.toMatch(/[يك]/);
      if (!/API|OpenAPI|English/.test(withoutPlaceholders)) expect(withoutPlaceholders, key).not.toMatch(/[0-9]/);
    }
  });
});
