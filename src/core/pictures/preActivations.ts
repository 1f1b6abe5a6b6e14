/**
 * The seeds' tanh figure as data: each hidden layer's pre-activations on the probe rows, binned,
 * with the share in the activation's near-linear regime as activations.ts defines it (nearLinear,
 * and for the relu family the units always or never active, as diagnostics.ts counts them).
 */
import type { Dataset } from '../data/dataset';
import type { UnitActivity } from '../evaluate';
import type { Network } from '../network';
import type { PreActivationHistogram } from './types';

/**
 * Runs up to `maxRows` probe rows forward and bins every hidden pre-activation over a symmetric
 * range: the largest |z|, widened to twice the band so the band shows. `activity` is the unit
 * activity over the whole probe (see evaluate.ts).
 */
export function preActivationHistograms(
  network: Network,
  probe: Dataset,
  xBuffer: Float32Array,
  activity: UnitActivity,
  bins: number,
  maxRows = 1024,
): PreActivationHistogram[] {
  const hidden = network.layers.slice(0, -1);
  const values = hidden.map(() => [] as number[]);
  const rowsUsed = Math.min(probe.rows, maxRows);
  for (let start = 0; start < rowsUsed; start += network.capacity) {
    const rows = Math.min(network.capacity, rowsUsed - start);
    xBuffer.set(probe.x.subarray(start * probe.features, (start + rows) * probe.features));
    network.forward(xBuffer, rows);
    hidden.forEach((layer, l) => {
      for (let i = 0; i < rows * layer.outputs; i++) values[l].push(layer.z[i]);
    });
  }
  const f = network.activation;
  return hidden.map((layer, l) => {
    const z = values[l];
    const band = f.band ? ([f.band[0], f.band[1]] as [number, number]) : null;
    let limit = band ? 2 * Math.max(-band[0], band[1]) : 0;
    for (const v of z) limit = Math.max(limit, Math.abs(v));
    if (limit === 0) limit = 1;
    const width = (2 * limit) / bins;
    const counts = new Array<number>(bins).fill(0);
    let inside = 0;
    for (const v of z) {
      counts[Math.min(bins - 1, Math.floor((v + limit) / width))]++;
      if (f.nearLinear(v)) inside++;
    }
    const units = f.linearRegime === 'units' && activity.seen > 0;
    const share = (flags: Uint8Array, value: number) => flags.reduce((n, flag) => n + (flag === value ? 1 : 0), 0) / layer.outputs;
    return {
      layer: l,
      edges: Array.from({ length: bins + 1 }, (_, b) => -limit + b * width),
      counts,
      band,
      insideBand: z.length > 0 ? inside / z.length : 0,
      alwaysActive: units ? share(activity.alwaysActive[l], 1) : null,
      neverActive: units ? share(activity.everActive[l], 0) : null,
      samples: z.length,
    };
  });
}
