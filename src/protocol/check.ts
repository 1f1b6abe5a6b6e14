/**
 * Typed run-time checks for every boundary (worker messages, webview messages, stored records). A
 * `Check<T>` reads an unknown value and gives back a `T` or one sentence naming the first place that
 * does not fit ("runs[0].epochs[3].valLoss: expected a number or null, got "x""). `object<T>` wants a
 * check for every field of T, so a field added to a type without its check does not compile.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };
export type Check<T> = (value: unknown, at: string) => Checked<T>;

/** One check per field of T, optional fields included (check them with `optional`). */
export type Fields<T> = { [K in keyof T]-?: Check<T[K]> };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const pass = <T>(value: T): Checked<T> => ({ ok: true, value });

export function failure(at: string, what: string, value: unknown): Checked<never> {
  return { ok: false, error: `${at}: expected ${what}, got ${describe(value)}` };
}

function is<T>(test: (value: unknown) => value is T, what: string): Check<T> {
  return (value, at) => (test(value) ? pass(value) : failure(at, what, value));
}

export const anything: Check<unknown> = pass;
export const string = is((v): v is string => typeof v === 'string', 'a string');
export const boolean = is((v): v is boolean => typeof v === 'boolean', 'true or false');
export const finite = is((v): v is number => typeof v === 'number' && Number.isFinite(v), 'a finite number');
export const nonNegative = is((v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0, 'a finite number ≥ 0');
export const integer = is((v): v is number => Number.isInteger(v), 'a whole number');

/**
 * JSON has no NaN or ±Infinity (a diverged run's losses), so stored records write them as the strings
 * "NaN", "Infinity" and "-Infinity" (see `encodeRecord`). Only a field that holds a number reads them
 * back as numbers: a name or label "NaN" stays the string it is.
 */
const nonFiniteText = new Map([['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]]);

export const number: Check<number> = (value, at) => {
  if (typeof value === 'number') return pass(value);
  const decoded = typeof value === 'string' ? nonFiniteText.get(value) : undefined;
  return decoded === undefined ? failure(at, 'a number', value) : pass(decoded);
};

/** The JSON text of a record: non-finite numbers become the strings `number` reads back. */
export function encodeRecord(record: unknown): string {
  return JSON.stringify(record, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), 1);
}

export function oneOf<const V extends string>(...values: readonly V[]): Check<V> {
  return is((v): v is V => typeof v === 'string' && (values as readonly string[]).includes(v), values.map((v) => JSON.stringify(v)).join(' or '));
}

export function matching(pattern: RegExp, what: string): Check<string> {
  return is((v): v is string => typeof v === 'string' && pattern.test(v), what);
}

export function instance<T>(type: new (...args: never[]) => T, what: string): Check<T> {
  return is((v): v is T => v instanceof type, what);
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, at) => (value === null ? pass(null) : check(value, at));
}

/** A field that older records do not have: absent reads as `fallback`, what they meant before it existed. */
export function defaulted<T>(check: Check<T>, fallback: T): Check<T> {
  return (value, at) => (value === undefined ? pass(fallback) : check(value, at));
}

export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value, at) => (value === undefined ? pass(undefined) : check(value, at));
}

export function arrayOf<T>(check: Check<T>): Check<T[]> {
  return (value, at) => {
    if (!Array.isArray(value)) return failure(at, 'an array', value);
    const items: T[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = check(value[i], `${at}[${i}]`);
      if (!item.ok) return item;
      items[i] = item.value;
    }
    return pass(items);
  };
}

/** The first alternative that fits; the error names the last one tried. */
export function either<A, B>(first: Check<A>, second: Check<B>): Check<A | B> {
  return (value, at) => {
    const a = first(value, at);
    return a.ok ? a : second(value, at);
  };
}

/** An object check that also exposes its fields, so a variant can reuse them. */
export type ObjectCheck<T> = Check<T> & { readonly fields: Fields<T> };

/** An object with every field of T checked (and decoded); fields T does not name are dropped. */
export function object<T>(fields: Fields<T>): ObjectCheck<T> {
  const entries = Object.entries(fields) as [string, Check<unknown>][];
  const check: Check<T> = (value, at) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return failure(at, 'an object', value);
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, check] of entries) {
      const field = check(Object.hasOwn(record, key) ? record[key] : undefined, `${at}.${key}`);
      if (!field.ok) return field;
      if (field.value !== undefined) out[key] = field.value;
    }
    return pass(out as T);
  };
  return Object.assign(check, { fields });
}

/** A further rule on a value that already fits `check` (e.g. lengths that must agree). */
export function refine<T>(check: Check<T>, rule: (value: T, at: string) => string | null): Check<T> {
  return (value, at) => {
    const checked = check(value, at);
    if (!checked.ok) return checked;
    const error = rule(checked.value, at);
    return error === null ? checked : { ok: false, error };
  };
}

type Variant<U extends { type: string }, K extends U['type']> = Omit<Extract<U, { type: K }>, 'type'>;

/** A union tagged by `type`: one check per variant, for the variant's other fields. */
export function tagged<U extends { type: string }>(checks: { [K in U['type']]: Check<Variant<U, K>> }): Check<U> {
  const table = checks as Record<string, Check<object>>;
  return (value, at) => {
    const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !Object.hasOwn(table, type)) {
      return failure(`${at}.type`, `one of ${Object.keys(table).join(', ')}`, type);
    }
    const rest = table[type](value, at);
    return rest.ok ? pass({ type, ...rest.value } as unknown as U) : rest;
  };
}
