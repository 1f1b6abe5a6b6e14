/**
 * A 49-byte module whose one function computes f32x4.relaxed_madd: WebAssembly.validate accepts it
 * exactly where the runtime runs relaxed SIMD, so it says which build of the kernels to load before
 * the 10 KB module is compiled.
 */
const splatZero = [0x43, 0, 0, 0, 0, 0xfd, 0x13]; // f32.const 0; f32x4.splat
const probe = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // \0asm, version 1
  ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b], // types: () -> v128
  ...[0x03, 0x02, 0x01, 0x00], // one function of type 0
  ...[0x0a, 0x1c, 0x01, 0x1a, 0x00, ...splatZero, ...splatZero, ...splatZero, 0xfd, 0x85, 0x02, 0x0b], // relaxed_madd; end
]);

export function relaxedSimdSupported(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly.validate(probe);
}
