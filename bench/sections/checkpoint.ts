/**
 * Checkpoints at LLM scale: a BF16 safetensors file shaped like a 1.2-billion-parameter transformer
 * (Llama-3.2-1B's shapes: vocabulary 128,256, width 2,048, 16 blocks, grouped-query attention,
 * MLP 8,192) is generated once into bench/.cache (2.5 GB, heavy-tailed random weights), then read
 * as `reglens inspect` reads it, on its layer threads (one per core, and one for comparison): time to
 * the first layer, norms and sparsity of every tensor (GB/s), every diagnostic including α for
 * block 0's seven matrices beside numpy's svdvals on one thread (WeightWatcher's path) for the same
 * matrices, and the peak resident memory. RegLens's time counts starting the threads, reading,
 * decoding, norms, the spectrum and the fit; numpy's only `svd(W, compute_uv=False)` of the float32
 * matrix already in memory.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openCheckpoint, type Checkpoint } from '../../src/io/checkpoints';
import { defaultThreads, inspectInParallel } from '../../src/io/checkpoints/parallelInspect';
import { oneThread } from '../peers';
import { repoRoot } from '../tasks';
import type { Section } from './section';

const vocabulary = 128_256, width = 2048, blocks = 16, kvWidth = 512, mlp = 8192;

function modelShapes(): [string, number[]][] {
  const shapes: [string, number[]][] = [['model.embed_tokens.weight', [vocabulary, width]]];
  for (let b = 0; b < blocks; b++) {
    const p = `model.layers.${b}.`;
    shapes.push(
      [`${p}input_layernorm.weight`, [width]],
      [`${p}self_attn.q_proj.weight`, [width, width]],
      [`${p}self_attn.k_proj.weight`, [kvWidth, width]],
      [`${p}self_attn.v_proj.weight`, [kvWidth, width]],
      [`${p}self_attn.o_proj.weight`, [width, width]],
      [`${p}post_attention_layernorm.weight`, [width]],
      [`${p}mlp.gate_proj.weight`, [mlp, width]],
      [`${p}mlp.up_proj.weight`, [mlp, width]],
      [`${p}mlp.down_proj.weight`, [width, mlp]],
    );
  }
  shapes.push(['model.norm.weight', [width]]);
  return shapes;
}

/** Writes the checkpoint once, row block by row block (bounded memory); later runs reuse it. */
function generate(path: string): void {
  if (existsSync(path)) return;
  const shapes = modelShapes();
  const header: Record<string, unknown> = { __metadata__: { format: 'pt', note: 'RegLens bench: random heavy-tailed weights' } };
  let offset = 0;
  for (const [name, shape] of shapes) {
    const bytes = shape.reduce((a, b) => a * b, 1) * 2;
    header[name] = { dtype: 'BF16', shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((json.length + 8) % 8)) % 8);
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(BigInt(json.length));
  writeSync(fd, new Uint8Array(prefix));
  writeSync(fd, json);
  let state = 0x9e3779b9;
  const random = () => {
    // xorshift32: fast, and good enough for test weights.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const block = new Float32Array(1 << 20);
  const bits = new Uint32Array(block.buffer);
  const out = new Uint16Array(block.length);
  for (const [name, shape] of shapes) {
    const count = shape.reduce((a, b) => a * b, 1);
    const isNorm = shape.length === 1;
    for (let done = 0; done < count; done += block.length) {
      const n = Math.min(block.length, count - done);
      for (let i = 0; i < n; i++) {
        // Irwin–Hall normal times a Pareto factor: entries with a power-law tail, as trained layers have.
        const normal = (random() + random() + random() + random() - 2) * Math.sqrt(3);
        block[i] = isNorm ? 1 + 0.1 * normal : (0.02 * normal) / (1 - random()) ** (1 / 3);
      }
      for (let i = 0; i < n; i++) out[i] = (bits[i] + 0x8000) >>> 16; // round to bfloat16
      writeSync(fd, new Uint8Array(out.buffer, 0, n * 2));
    }
    void name;
  }
  closeSync(fd);
  renameSync(partial, path);
}

/** One run of the coordinator as `reglens inspect` drives it: the layers at `indices`, with when each arrived. */
async function timedRun(path: string, model: Checkpoint, indices: number[], threads: number, spectra: boolean) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const arrivals: { index: number; seconds: number }[] = [];
  const layers = await inspectInParallel(path, model, indices, {
    spawn: (job) => new Worker(join(repoRoot, 'dist', 'inspectLayerWorker.js'), { workerData: job }),
    threads,
    spectra,
    onLayer: (index) => arrivals.push({ index, seconds: (performance.now() - started) / 1000 }),
  });
  const used = process.cpuUsage(cpu);
  return { layers, arrivals, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

export const checkpoint: Section = {
  id: 'checkpoint',
  title: 'Checkpoints at LLM scale (1.2B parameters, BF16 safetensors)',
  async run() {
    const dir = join(repoRoot, 'bench', '.cache', 'checkpoint-1b');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'model.safetensors');
    const started = performance.now();
    generate(path);
    const generated = (performance.now() - started) / 1000;
    const load = () => loadavg().map((v) => v.toFixed(1)).join(', ');
    const loadBefore = load();
    const threads = defaultThreads();

    const model = await openCheckpoint(path);
    const all = model.tensors.map((_, i) => i);
    const bytes = model.tensors.reduce((s, t) => s + t.shape.reduce((a, b) => a * b, 1) * 2, 0);
    const parameters = bytes / 2;
    // Norms and sparsity of every tensor, on one layer thread and on one per core (the page cache is warm from the generation or an earlier run).
    const normsOne = await timedRun(path, model, all, 1, false);
    const norms = await timedRun(path, model, all, threads, false);
    const gbs = (run: { seconds: number; cpuSeconds: number }) => `${run.seconds.toFixed(1)} s, ${(bytes / 1e9 / run.seconds).toFixed(2)} GB/s wall (${(bytes / 1e9 / run.cpuSeconds).toFixed(2)} per CPU-second)`;
    console.error(`  norms of ${(bytes / 1e9).toFixed(2)} GB: 1 thread ${gbs(normsOne)}; ${threads} threads ${gbs(norms)}`);

    // Block 0's matrices: attention (2048², 512 × 2048) and MLP (8192 × 2048, 2048 × 8192), all exact.
    const sample = all.filter((i) => /^model\.layers\.0\.(self_attn|mlp)\./.test(model.tensors[i].name));
    const fullOne = await timedRun(path, model, sample, 1, true);
    console.error(`  block 0, every diagnostic: 1 thread ${fullOne.seconds.toFixed(1)} s`);
    const full = await timedRun(path, model, sample, threads, true);
    console.error(`  block 0, every diagnostic: ${threads} threads ${full.seconds.toFixed(1)} s`);
    await model.close();
    const peakRss = process.resourceUsage().maxRSS / 1024;

    const names = sample.map((i) => model.tensors[i].name);
    const numpy = spawnSync('/usr/bin/python3', [join(repoRoot, 'bench', 'sections', 'checkpoint_svdvals.py'), path, ...names], { encoding: 'utf8', env: oneThread, timeout: 900_000 });
    const reference = numpy.status === 0 ? (JSON.parse(numpy.stdout.trim().split('\n').pop()!) as { numpy: string; matrices: { name: string; seconds: number; alpha: number; spectralNorm: number }[] }) : null;
    const size = statSync(path).size / 1e9;
    const numpyTotal = reference?.matrices.reduce((s, m) => s + m.seconds, 0) ?? NaN;
    // On one thread each layer's time is the gap between its arrival and the one before.
    const oneThreadSeconds = new Map(fullOne.arrivals.map((a, k) => [a.index, a.seconds - (k === 0 ? 0 : fullOne.arrivals[k - 1].seconds)]));
    const rows = sample.map((index, k) => {
      const tensor = model.tensors[index];
      const o = full.layers[k];
      const r = reference?.matrices.find((m) => m.name === tensor.name);
      return `| ${tensor.name.replace('model.layers.0.', '')} | ${tensor.shape.join(' × ')} | ${o.spectrumMethod} (${o.eigenvaluesComputed}/${o.eigenvaluesTotal}) | ${oneThreadSeconds.get(index)!.toFixed(1)} s | ${r ? `${r.seconds.toFixed(1)} s` : '—'} | ${o.alpha?.toFixed(3) ?? '—'} | ${r ? r.alpha.toFixed(3) : '—'} | ${r && o.alpha !== null ? Math.abs(o.alpha - r.alpha).toFixed(3) : '—'} |`;
    });
    const same = JSON.stringify(full.layers) === JSON.stringify(fullOne.layers) && JSON.stringify(norms.layers) === JSON.stringify(normsOne.layers);
    return [
      `Generated ${parameters.toLocaleString('en')} parameters (${size.toFixed(2)} GB)${generated > 0.5 ? ` in ${generated.toFixed(0)} s` : ' (cached)'}; load average ${loadBefore} before, ${load()} after (2 cores, shared). Layer threads: ${threads} (one per core), against 1; every time counts starting the threads and opening the file in each.`,
      '',
      `- Time to the first layer shown: norms only ${norms.arrivals[0].seconds.toFixed(2)} s (${model.tensors[norms.arrivals[0].index].name}); every diagnostic ${full.arrivals[0].seconds.toFixed(2)} s (${model.tensors[full.arrivals[0].index].name})`,
      `- Norms and sparsity of all ${model.tensors.length} tensors (--norms-only): ${threads} threads ${gbs(norms)}; 1 thread ${gbs(normsOne)} (goal ≥ 1 GB/s from the page cache)`,
      `- Every diagnostic incl. α, block 0's ${sample.length} matrices: RegLens ${threads} threads ${full.seconds.toFixed(1)} s, 1 thread ${fullOne.seconds.toFixed(1)} s (read, decode, norms, spectrum, fit); numpy ${reference?.numpy ?? '(failed)'} svdvals alone of the float32 matrices in memory, 1 thread: ${numpyTotal.toFixed(1)} s (RegLens ${(numpyTotal / full.seconds).toFixed(2)}× as fast on ${threads} threads, ${(numpyTotal / fullOne.seconds).toFixed(2)}× on 1)`,
      `- ${threads} threads and 1 give the same reports: ${same ? 'yes, every field' : '**no**'}`,
      `- Peak RSS of this process and its threads: ${peakRss.toFixed(0)} MB (goal < 1 GB)`,
      '',
      '| matrix | shape | spectrum (eigenvalues computed / all) | RegLens, every diagnostic, 1 thread | numpy svdvals | α RegLens | α exact (numpy + WWFit) | \\|Δα\\| |',
      '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      ...(numpy.status === 0 ? [] : ['', `numpy failed: ${(numpy.stderr || numpy.error?.message || '').slice(0, 300)}`]),
    ];
  },
};
