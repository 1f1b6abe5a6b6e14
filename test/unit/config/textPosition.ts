/** Positions in test texts, counted here by hand so the tests do not trust the code's LineMap. */

/** Offset, line and character of the n-th (0-based) occurrence of `needle`. */
export function find(text: string, needle: string, n = 0): { offset: number; line: number; character: number } {
  let offset = -1;
  for (let i = 0; i <= n; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset === -1) throw new Error(`test text has no occurrence ${n} of ${needle}`);
  }
  const before = text.slice(0, offset).split('\n');
  return { offset, line: before.length - 1, character: before[before.length - 1].length };
}
