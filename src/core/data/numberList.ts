/** A typed array that grows by doubling, so appending n numbers costs O(n) and no boxed numbers. */
export class NumberList<A extends Float32Array | Float64Array | Int32Array> {
  private items: A;
  length = 0;

  constructor(private readonly make: (capacity: number) => A) {
    this.items = make(1024);
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const bigger = this.make(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    this.items[this.length++] = value;
  }

  at(index: number): number {
    return this.items[index];
  }

  /** A copy of exactly the pushed numbers: the spare capacity is not kept alive. */
  toArray(): A {
    return this.items.slice(0, this.length) as A;
  }
}

export const float32List = (): NumberList<Float32Array> => new NumberList((n) => new Float32Array(n));
export const float64List = (): NumberList<Float64Array> => new NumberList((n) => new Float64Array(n));
export const int32List = (): NumberList<Int32Array> => new NumberList((n) => new Int32Array(n));
