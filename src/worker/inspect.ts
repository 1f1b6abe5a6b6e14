/**
 * The inspect worker (dist/inspectWorker.js): diagnoses one checkpoint off the extension's thread,
 * its layers over layer threads of its own (one per core), posting each layer as it is done, and a
 * layer's histogram and spectrum when asked; or, given a series job, each checkpoint of a folder in
 * step order. Terminating the worker is how a view cancels: Node stops a worker's own workers with it.
 */
import { join } from 'node:path';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { fitPowerLaw, matrixSpectrum, summarizeModel, valueHistogram, type LayerReport } from '../core';
import { CheckpointError, openCheckpoint, type Checkpoint } from '../io/checkpoints';
import { inspectInParallel } from '../io/checkpoints/parallelInspect';
import type { SeriesJob } from '../protocol/checkpointSeries';
import type { InspectDetailRequest, InspectJob, InspectToWebview, LayerDetail } from '../protocol/inspect';
import { compareWith } from './compare';
import { runSeries } from './series';

const histogramBins = 60;

function post(message: InspectToWebview): void {
  parentPort?.postMessage(message);
}

async function detail(checkpoint: Checkpoint, name: string): Promise<LayerDetail | null> {
  const tensor = checkpoint.tensors.find((t) => t.name === name);
  if (tensor === undefined) return null;
  const values = await tensor.read();
  let maxAbs = 0;
  for (const v of values) if (Math.abs(v) > maxAbs && Number.isFinite(v)) maxAbs = Math.abs(v);
  const histogram = valueHistogram(values, maxAbs, histogramBins);
  if (tensor.matrix === null) return { name, histogram, eigenvalues: [], method: 'exact', alpha: null, alphaXmin: null };
  const spectrum = matrixSpectrum(await tensor.readMatrix());
  const fit = fitPowerLaw(spectrum.eigenvalues);
  return { name, histogram, eigenvalues: Array.from(spectrum.eigenvalues), method: spectrum.method, alpha: fit?.alpha ?? null, alphaXmin: fit?.xmin ?? null };
}

async function run({ path }: InspectJob): Promise<void> {
  const started = performance.now();
  const checkpoint = await openCheckpoint(path);
  const layers: LayerReport[] = [];
  let analysed: () => void = () => undefined;
  const allAnalysed = new Promise<void>((resolve) => (analysed = resolve));
  parentPort?.on('message', (request: InspectDetailRequest) => {
    if (request?.type === 'detail' && typeof request.name === 'string') {
      detail(checkpoint, request.name).then(
        (d) => d && post({ type: 'detail', detail: d }),
        (error: unknown) => post({ type: 'failed', message: messageOf(error) }),
      );
    } else if (request?.type === 'compare' && typeof request.path === 'string') {
      // Compared once the open checkpoint's own layers are all diagnosed.
      allAnalysed.then(() => compareWith(checkpoint, layers, request.path)).then(
        (comparison) => post({ type: 'comparison', comparison }),
        (error: unknown) => post({ type: 'failed', message: messageOf(error) }),
      );
    }
  });
  post({ type: 'start', title: path, format: checkpoint.format, files: checkpoint.files, tensors: checkpoint.tensors.length });
  layers.push(...(await inspectInParallel(path, checkpoint, checkpoint.tensors.map((_, i) => i), {
    spawn: (layerJob) => new Worker(join(__dirname, 'inspectLayerWorker.js'), { workerData: layerJob }),
    onLayer: (index, layer, done, total) => post({ type: 'layer', layer, index, done, total }),
  })));
  post({ type: 'done', model: summarizeModel(layers, 1, 1), seconds: (performance.now() - started) / 1000 });
  analysed();
}

function messageOf(error: unknown): string {
  return error instanceof CheckpointError ? error.message : error instanceof Error ? error.message : String(error);
}

const job = workerData as InspectJob | SeriesJob;
if ('kind' in job) {
  runSeries(job, (message) => parentPort?.postMessage(message)).catch((error: unknown) => {
    parentPort?.postMessage({ type: 'problem', message: `${job.folder}: ${messageOf(error)}` });
    parentPort?.postMessage({ type: 'done' });
  });
} else {
  run(job).catch((error: unknown) => post({ type: 'failed', message: messageOf(error) }));
}
