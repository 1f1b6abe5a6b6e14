/** Folder names in the run store: one per experiment, one per run. */

/**
 * The folder of an experiment: the name with every character outside [A-Za-z0-9_-] written as %XX per
 * UTF-8 byte, so 'digits l2' → 'digits%20l2' and 'a.b' → 'a%2Eb' (no '.', '..', separators or trailing
 * dots can arise). A Windows device name (CON, NUL, COM1…) gets its first letter encoded: 'con' → '%63on'.
 * Names longer than 100 encoded characters are cut and end in '~' and a hash of the full name.
 * The mapping is one to one up to the cut, so decodeURIComponent gives the name back; the record's
 * `experiment` field stays the authority either way (case-insensitive file systems may merge folders).
 */
export function experimentFolder(name: string): string {
  if (/\p{Cs}/u.test(name)) throw new Error('an experiment name must be valid Unicode (it holds a lone surrogate)');
  let folder = Array.from(new TextEncoder().encode(name), (byte) => {
    const char = String.fromCharCode(byte);
    return /[A-Za-z0-9_-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
  if (folder === '') throw new Error('an experiment needs a non-empty name');
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(folder)) {
    folder = `%${folder.charCodeAt(0).toString(16).toUpperCase()}${folder.slice(1)}`;
  }
  return folder.length > 100 ? `${folder.slice(0, 100).replace(/%[0-9A-F]?$/, '')}~${fnv1a(name)}` : folder;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** Run ids sort by creation time (UTC, to the millisecond) and end in random hex so they rarely collide. */
export function newRunId(now: Date, random: () => number = Math.random): string {
  const iso = now.toISOString(); // 2026-11-23T01:02:03.456Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${iso.slice(20, 23)}`;
  return `${stamp}-${randomSuffix(random)}`;
}

function randomSuffix(random: () => number): string {
  return Math.floor(random() * 0x10000).toString(16).padStart(4, '0');
}

/**
 * Saves under `id`, or, when `save` finds it taken (EEXIST), under another id of the same moment:
 * two runs finished in the same millisecond both keep their results. Resolves to the id used.
 */
export async function saveUnderFreeId(id: string, save: (id: string) => Promise<void>): Promise<string> {
  const taken = new Set<string>();
  for (let candidate = id; ; ) {
    try {
      await save(candidate);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || taken.size >= 8) throw error;
      taken.add(candidate);
    }
    do candidate = `${id.slice(0, -4)}${randomSuffix(Math.random)}`;
    while (taken.has(candidate));
  }
}

/** What newRunId produces; anything else (e.g. '../x') is refused as a run id. */
export const runIdPattern = /^\d{8}-\d{6}-\d{3}-[0-9a-f]{4}$/;
