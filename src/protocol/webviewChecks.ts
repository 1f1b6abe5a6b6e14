/**
 * Small runtime shape checks for messages crossing the webview boundary. A check returns null when
 * the value fits, or one sentence naming the first place that does not ("runs[0].epochs[3].valLoss:
 * expected a number or null, got "x"").
 */
export type Check = (value: unknown, at: string) => string | null;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function is(test: (value: unknown) => boolean, what: string): Check {
  return (value, at) => (test(value) ? null : `${at}: expected ${what}, got ${describe(value)}`);
}

export const anything: Check = () => null;
export const number = is((v) => typeof v === 'number', 'a number');
export const string = is((v) => typeof v === 'string', 'a string');
export const nonNegative = is((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0, 'a finite number ≥ 0');
export const boolean = is((v) => typeof v === 'boolean', 'true or false');

export function oneOf(...values: readonly string[]): Check {
  return is((v) => typeof v === 'string' && values.includes(v), values.map((v) => JSON.stringify(v)).join(' or '));
}

export function matching(pattern: RegExp, what: string): Check {
  return is((v) => typeof v === 'string' && pattern.test(v), what);
}

export function nullable(check: Check): Check {
  return (value, at) => (value === null ? null : check(value, at));
}

export function arrayOf(check: Check): Check {
  return (value, at) => {
    if (!Array.isArray(value)) return `${at}: expected an array, got ${describe(value)}`;
    for (let i = 0; i < value.length; i++) {
      const error = check(value[i], `${at}[${i}]`);
      if (error) return error;
    }
    return null;
  };
}

/** Checks the named fields; other fields pass through untouched (the views read only these). */
export function object(fields: Record<string, Check>): Check {
  return (value, at) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return `${at}: expected an object, got ${describe(value)}`;
    }
    const record = value as Record<string, unknown>;
    for (const [key, check] of Object.entries(fields)) {
      const error = check(record[key], `${at}.${key}`);
      if (error) return error;
    }
    return null;
  };
}

/** Picks the check by the message's `type` field. */
export function tagged(checks: Record<string, Check>): Check {
  return (value, at) => {
    const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !Object.hasOwn(checks, type)) {
      return `${at}.type: expected one of ${Object.keys(checks).join(', ')}, got ${describe(type)}`;
    }
    return checks[type](value, at);
  };
}
