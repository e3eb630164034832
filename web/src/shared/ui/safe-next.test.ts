import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next.ts';

describe('safeNextPath', () => {
  it('follows same-site paths', () => {
    expect(safeNextPath('/invite/abc?x=1')).toBe('/invite/abc?x=1');
  });

  it('refuses anything that could leave the site', () => {
    for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', null, undefined]) {
      expect(safeNextPath(next)).toBe('/');
    }
  });
});
