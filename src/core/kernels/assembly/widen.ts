// @ts-nocheck: AssemblyScript, not TypeScript.

/** Lanes 0, 1 of four float32, widened to float64. */
@inline
export function widenLow(x: v128): v128 {
  return f64x2.promote_low_f32x4(x);
}

/** Lanes 2, 3 of four float32, widened to float64. */
@inline
export function widenHigh(x: v128): v128 {
  return f64x2.promote_low_f32x4(i32x4.shuffle(x, x, 2, 3, 2, 3));
}
