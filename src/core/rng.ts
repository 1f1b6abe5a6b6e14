/** Seeded randomness: xoshiro128** seeded through splitmix32, so every run is reproducible bit for bit. */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[] | Uint32Array): void;
  /** The generator's position, to continue it later with `rngFromState`. */
  state(): number[];
}

function splitmix32(state: number): () => number {
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A string hash (FNV-1a) so named streams ("init", "shuffle") get independent seeds. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function createRng(seed: number, stream = ''): Rng {
  const mix = splitmix32((seed ^ hashName(stream)) >>> 0);
  return rngFromState([mix(), mix(), mix(), mix()]);
}

export function rngFromState(state: readonly number[]): Rng {
  let [a, b, c, d] = state;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const next = () => nextUint32() / 4294967296;
  return {
    next,
    normal() {
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    int: (n) => Math.floor(next() * n),
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const swap = items[i];
        items[i] = items[j];
        items[j] = swap;
      }
    },
    state: () => [a, b, c, d],
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
