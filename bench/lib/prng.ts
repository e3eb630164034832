/*
 * Deterministic randomness for the benchmark data. Math.random cannot be seeded, so we use sfc32
 * (Chris Doty-Humphrey's small fast counting generator: 128-bit state, passes PractRand, plain
 * 32-bit integer arithmetic, so every machine and Node version produces the same numbers).
 *
 * Every row gets its own generator, seeded from (dataset seed, stream, row index). A row is
 * therefore the same whatever else is generated, and any row can be rebuilt on its own: an
 * activity can name the organisation of person #812 345 without the people being kept in memory.
 */

/** FNV-1a over the UTF-16 code units of `text`, finished with murmur3's avalanche step. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** murmur3's finaliser: every input bit flips about half of the output bits. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b = 0x9e3779b9, c = 0x243f6a88, d = 1) {
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = d >>> 0;
    // Mix the seed into the whole state before the first number is used.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** Picks by weight; `weights` need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of items) total += weight;
    let roll = this.float() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** `length` decimal digits, leading zeros allowed. */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(this.next() % 10);
    return out;
  }
}

/** One named stream of a dataset: the people, the orders, the audit log, … */
export type Stream = { key: number };

export function stream(seed: string, name: string): Stream {
  return { key: hash32(`${name}\u0000${seed}`) };
}

/** The generator of row `index` of a stream; independent of every other row. */
export function rowRng(s: Stream, index: number): Prng {
  return new Prng(s.key, index >>> 0, Math.floor(index / 4294967296) ^ 0x243f6a88, fmix32(s.key ^ index));
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const hex32 = (w: number) => BYTE_HEX[w >>> 24]! + BYTE_HEX[(w >>> 16) & 255]! + BYTE_HEX[(w >>> 8) & 255]! + BYTE_HEX[w & 255]!;

/** A version-4-shaped UUID that is a pure function of (stream, index). */
export function stableUuid(s: Stream, index: number): string {
  const rng = new Prng(fmix32(s.key ^ 0x5bd1e995), index >>> 0, Math.floor(index / 4294967296), s.key);
  const a = rng.next();
  const b = rng.next();
  // Version nibble 4 and variant bits 10xx, as RFC 9562 lays them out.
  const c = ((rng.next() & 0x3fffffff) | 0x80000000) >>> 0;
  const d = rng.next();
  const bHex = hex32(((b & 0xffff0fff) | 0x4000) >>> 0);
  const cHex = hex32(c);
  return `${hex32(a)}-${bHex.slice(0, 4)}-${bHex.slice(4)}-${cHex.slice(0, 4)}-${cHex.slice(4)}${hex32(d)}`;
}
