/**
 * A list of numbers in typed-array blocks: appending n numbers costs O(n), boxes none, and never holds
 * more than one spare block (a doubling array holds up to twice its numbers, plus a copy while it grows).
 */
export class NumberList<A extends Float32Array | Float64Array | Int32Array> {
  private blocks: A[] = [];
  private last: A;
  private used = 0;
  length = 0;

  constructor(private readonly make: (capacity: number) => A) {
    this.last = make(blockSize);
    this.blocks.push(this.last);
  }

  push(value: number): void {
    if (this.used === blockSize) {
      this.last = this.make(blockSize);
      this.blocks.push(this.last);
      this.used = 0;
    }
    this.last[this.used++] = value;
    this.length++;
  }

  at(index: number): number {
    return this.blocks[Math.floor(index / blockSize)][index % blockSize];
  }

  /** The numbers in one array of exactly their length; the list gives up its blocks as they are copied, so it is empty afterwards. */
  takeArray(): A {
    const result = this.make(this.length);
    const none = this.make(0);
    for (let b = 0; b < this.blocks.length; b++) {
      const start = b * blockSize;
      result.set(this.blocks[b].subarray(0, Math.min(blockSize, this.length - start)), start);
      this.blocks[b] = none;
    }
    this.blocks = [];
    this.last = none;
    this.used = blockSize;
    this.length = 0;
    return result;
  }
}

/** 64 Ki numbers: 256 KB of float32, small beside a large file and large beside the per-block overhead. */
const blockSize = 1 << 16;

export const float32List = (): NumberList<Float32Array> => new NumberList((n) => new Float32Array(n));
export const float64List = (): NumberList<Float64Array> => new NumberList((n) => new Float64Array(n));
export const int32List = (): NumberList<Int32Array> => new NumberList((n) => new Int32Array(n));
