/** How far a matrix moved between two checkpoints: ‖W₁ − W₀‖_F / ‖W₀‖_F (fine-tuned vs base, with vs without weight decay). */

export interface TensorChange {
  name: string;
  shape: number[];
  /** ‖W₀‖_F of the first (base) checkpoint's tensor. */
  baseFrobenius: number;
  /** ‖W₁ − W₀‖_F. */
  differenceFrobenius: number;
  /** ‖W₁ − W₀‖_F / ‖W₀‖_F; null when W₀ is all zeros. */
  relativeChange: number | null;
}

/** Both arrays hold the same tensor's values in the same order. */
export function tensorChange(name: string, shape: number[], base: ArrayLike<number>, other: ArrayLike<number>): TensorChange {
  let baseSquares = 0, differenceSquares = 0;
  for (let i = 0; i < base.length; i++) {
    const d = other[i] - base[i];
    baseSquares += base[i] * base[i];
    differenceSquares += d * d;
  }
  const baseFrobenius = Math.sqrt(baseSquares);
  const differenceFrobenius = Math.sqrt(differenceSquares);
  return { name, shape, baseFrobenius, differenceFrobenius, relativeChange: baseFrobenius > 0 ? differenceFrobenius / baseFrobenius : null };
}
