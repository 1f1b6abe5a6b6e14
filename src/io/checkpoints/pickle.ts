/**
 * A pickle reader that executes nothing. It understands the opcodes torch.save writes and builds
 * plain values; a global is looked up in an allow-list of known-harmless constructors, and any
 * other global (os.system, a model's class, …) stops the read with its name.
 */

export class PyTuple {
  constructor(readonly items: PickleValue[]) {}
}

/** A global that the allow-list admitted, not yet called. */
export class PyGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}

  get qualified(): string {
    return `${this.module}.${this.name}`;
  }
}

/** A value built by an allow-listed call (a tensor, a storage reference…), opaque to the pickle reader. */
export class PyObject {
  constructor(readonly value: unknown) {}
}

export type PickleValue = null | boolean | number | bigint | string | Uint8Array | PickleValue[] | PyTuple | Map<PickleValue, PickleValue> | PyGlobal | PyObject;

export interface PickleHooks {
  /** Whether `module.name` may appear at all. */
  allowed(module: string, name: string): boolean;
  /** Calls an allowed global (REDUCE); throws to refuse. */
  call(callee: PyGlobal, args: PickleValue[]): PickleValue;
  /** Resolves a persistent id (BINPERSID), e.g. torch's storage references. */
  persistentLoad(pid: PickleValue): PickleValue;
}

export class PickleError extends Error {}

const mark = Symbol('mark');
type StackItem = PickleValue | typeof mark;

/** Reads one pickle; throws PickleError saying which byte or global was refused. */
export function readPickle(bytes: Uint8Array, hooks: PickleHooks): PickleValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: StackItem[] = [];
  const memo = new Map<number, PickleValue>();
  const text = new TextDecoder('utf-8', { fatal: true });
  let at = 0;

  const fail = (reason: string): never => {
    throw new PickleError(`pickle byte ${at}: ${reason}`);
  };
  const need = (n: number): number => {
    if (n < 0 || at + n > bytes.length) fail('the pickle ends early');
    const start = at;
    at += n;
    return start;
  };
  const u8 = () => bytes[need(1)];
  const u16 = () => view.getUint16(need(2), true);
  const u32 = () => view.getUint32(need(4), true);
  const u64 = () => {
    const value = view.getBigUint64(need(8), true);
    return value > BigInt(bytes.length) ? fail('a length beyond the pickle') : Number(value);
  };
  const utf8 = (n: number) => {
    const start = need(n);
    try {
      return text.decode(bytes.subarray(start, start + n));
    } catch {
      return fail('a string that is not UTF-8');
    }
  };
  const line = () => {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0) fail('the pickle ends early');
    const value = utf8(end - at);
    at++; // the newline
    return value;
  };
  const pop = (): PickleValue => {
    const item = stack.pop();
    if (item === undefined || item === mark) return fail('the stack is empty');
    return item;
  };
  const top = (): PickleValue => {
    const item = stack[stack.length - 1];
    if (item === undefined || item === mark) return fail('the stack is empty');
    return item;
  };
  const popToMark = (): PickleValue[] => {
    const index = stack.lastIndexOf(mark);
    if (index < 0) fail('no mark on the stack');
    const items = stack.splice(index) as PickleValue[];
    return items.slice(1);
  };
  const global = (module: string, name: string): PyGlobal => {
    if (!hooks.allowed(module, name)) fail(`refused global '${module}.${name}': RegLens never runs code from a checkpoint, and only rebuilds tensors, storages and plain containers`);
    return new PyGlobal(module, name);
  };
  const setItems = (target: PickleValue, items: PickleValue[]) => {
    if (!(target instanceof Map)) return fail('SETITEMS on something that is not a dict');
    for (let i = 0; i + 1 < items.length; i += 2) target.set(items[i], items[i + 1]);
  };
  const append = (target: PickleValue, items: PickleValue[]) => {
    if (!Array.isArray(target)) return fail('APPENDS on something that is not a list');
    for (const item of items) target.push(item);
  };

  for (;;) {
    const opcode = u8();
    switch (opcode) {
      case 0x80: u8(); break; // PROTO
      case 0x95: u64(); break; // FRAME: a hint only
      case 0x2e: return pop(); // STOP
      case 0x28: stack.push(mark); break; // MARK
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break;
      case 0x89: stack.push(false); break;
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x4a: stack.push(view.getInt32(need(4), true)); break; // BININT
      case 0x8a: stack.push(long(bytes.subarray(need(u8()), at))); break; // LONG1
      case 0x47: stack.push(view.getFloat64(need(8), false)); break; // BINFLOAT (big-endian)
      case 0x58: stack.push(utf8(u32())); break; // BINUNICODE
      case 0x8c: stack.push(utf8(u8())); break; // SHORT_BINUNICODE
      case 0x8d: stack.push(utf8(u64())); break; // BINUNICODE8
      case 0x43: { const n = u8(); stack.push(bytes.slice(need(n), at)); break; } // SHORT_BINBYTES
      case 0x42: { const n = u32(); stack.push(bytes.slice(need(n), at)); break; } // BINBYTES
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x29: stack.push(new PyTuple([])); break; // EMPTY_TUPLE
      case 0x74: stack.push(new PyTuple(popToMark())); break; // TUPLE
      case 0x85: stack.push(new PyTuple([pop()])); break; // TUPLE1
      case 0x86: { const b = pop(); stack.push(new PyTuple([pop(), b])); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); stack.push(new PyTuple([pop(), b, c])); break; } // TUPLE3
      case 0x6c: stack.push(popToMark()); break; // LIST
      case 0x64: { const items = popToMark(); const dict = new Map(); setItems(dict, items); stack.push(dict); break; } // DICT
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: stack.push(memoGet(memo, u8(), fail)); break; // BINGET
      case 0x6a: stack.push(memoGet(memo, u32(), fail)); break; // LONG_BINGET
      case 0x73: { const value = pop(); const key = pop(); setItems(top(), [key, value]); break; } // SETITEM
      case 0x75: { const items = popToMark(); setItems(top(), items); break; } // SETITEMS
      case 0x61: { const item = pop(); append(top(), [item]); break; } // APPEND
      case 0x65: { const items = popToMark(); append(top(), items); break; } // APPENDS
      case 0x63: { const module = line(); stack.push(global(module, line())); break; } // GLOBAL
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('STACK_GLOBAL without two strings');
        stack.push(global(module as string, name as string));
        break;
      }
      case 0x52: { // REDUCE
        const args = pop();
        const callee = pop();
        if (!(callee instanceof PyGlobal) || !(args instanceof PyTuple)) return fail('REDUCE of something that is not an allowed global');
        stack.push(callOrFail(hooks, callee, args.items, fail));
        break;
      }
      case 0x81: { // NEWOBJ: instantiating a class is refused unless the hooks build it
        const args = pop();
        const cls = pop();
        if (!(cls instanceof PyGlobal) || !(args instanceof PyTuple)) return fail('NEWOBJ of something that is not an allowed class');
        stack.push(callOrFail(hooks, cls, args.items, fail));
        break;
      }
      case 0x62: { // BUILD: state for an object; dict attributes (OrderedDict._metadata) are dropped
        pop();
        const target = top();
        if (!(target instanceof Map) && !(target instanceof PyObject)) fail('BUILD on a value that has no state');
        break;
      }
      case 0x51: { // BINPERSID
        const pid = pop();
        try {
          stack.push(hooks.persistentLoad(pid));
        } catch (error) {
          fail((error as Error).message);
        }
        break;
      }
      default:
        fail(`opcode 0x${opcode.toString(16).padStart(2, '0')} is not one torch.save writes`);
    }
  }
}

function callOrFail(hooks: PickleHooks, callee: PyGlobal, args: PickleValue[], fail: (reason: string) => never): PickleValue {
  try {
    return hooks.call(callee, args);
  } catch (error) {
    return fail(`${callee.qualified}: ${(error as Error).message}`);
  }
}

function memoGet(memo: Map<number, PickleValue>, key: number, fail: (reason: string) => never): PickleValue {
  const value = memo.get(key);
  return value === undefined ? fail(`memo ${key} was never stored`) : value;
}

/** A little-endian two's-complement integer of any length: a number when safe, else a bigint. */
function long(bytes: Uint8Array): number | bigint {
  if (bytes.length === 0) return 0;
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  if (bytes[bytes.length - 1] & 0x80) value -= 1n << BigInt(8 * bytes.length);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
