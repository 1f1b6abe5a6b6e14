/** Loads, generates, splits and standardizes the data an experiment asks for (node side: files, gzip). */
import { constants, createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import {
  bundledDatasets,
  bundledTarget,
  CsvError,
  CsvParser,
  generateSynthetic,
  splitTrainValidation,
  standardize,
  type BundledName,
  type CsvOptions,
  type Dataset,
  type DataSpec,
  type DatasetSummary,
  type Standardization,
  type TrainingData,
  constantFeatureWarnings,
} from '../core';
import { fileKind } from './fileKind';

/** A data file that cannot be used, with where the problem is (row and column as in CsvError; 0 when unknown). */
export class DataFileError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly row = 0,
    readonly column = 0,
  ) {
    super(message);
    this.name = 'DataFileError';
  }
}

/** One of the datasets in media/data, with the class names its users know. */
export async function loadBundled(name: BundledName, mediaDir: string): Promise<Dataset> {
  const facts = bundledDatasets[name];
  if (!facts) throw new Error(`unknown bundled dataset "${name}"; choose one of ${Object.keys(bundledDatasets).join(', ')}`);
  const file = join(mediaDir, 'data', `${name}.csv.gz`);
  const data = await parseStream(createReadStream(file).pipe(createGunzip()), file, { target: bundledTarget, task: facts.task });
  return facts.classNames.length === data.classes ? { ...data, classNames: facts.classNames } : data;
}

/** A CSV file, streamed chunk by chunk: a large file never sits in memory as text. */
export async function loadCsvFile(file: string, options: CsvOptions): Promise<Dataset> {
  let handle: FileHandle;
  try {
    // Non-blocking, so that a FIFO is reported instead of waiting forever for a writer.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw asDataFileError(error, file);
  }
  const kind = fileKind(await handle.stat());
  if (kind !== 'file') {
    await handle.close();
    throw new DataFileError(`${file} is a ${kind}, not a CSV file`, file);
  }
  return parseStream(handle.createReadStream(), file, options);
}

async function parseStream(source: Readable, file: string, options: CsvOptions): Promise<Dataset> {
  const parser = new CsvParser(options);
  source.setEncoding('utf8');
  try {
    for await (const chunk of source) parser.feed(chunk as string);
    return parser.finish();
  } catch (error) {
    source.destroy();
    throw asDataFileError(error, file);
  }
}

function asDataFileError(error: unknown, file: string): DataFileError {
  if (error instanceof CsvError) return new DataFileError(`${file}, ${error.message}`, file, error.row, error.column);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new DataFileError(`${file}: no such file`, file);
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return new DataFileError(`${file}: not a valid gzip file`, file);
  return new DataFileError(`${file}: ${error instanceof Error ? error.message : String(error)}`, file);
}

export interface PreparedData {
  data: TrainingData;
  summary: DatasetSummary;
  /** The feature scaling fitted on the training rows, or null when the spec does not standardize. */
  standardization: Standardization | null;
  /** Problems that do not stop training, e.g. constant features. */
  warnings: string[];
}

/** Loads or generates the data of a spec, then splits and (optionally) standardizes it. */
export async function prepareData(spec: DataSpec, options: { configDir: string; mediaDir: string }): Promise<PreparedData> {
  const { data: all, source } = await load(spec, options);
  const split = splitTrainValidation(all, spec.validation, spec.seed);
  const warnings = constantFeatureWarnings(split.train);
  const scaled = spec.standardize ? standardize(split) : { data: split, stats: null };
  const { train, validation } = scaled.data;
  const summary: DatasetSummary = {
    source,
    task: all.task,
    features: all.features,
    classes: all.classes,
    trainRows: train.rows,
    validationRows: validation?.rows ?? 0,
    featureNames: all.featureNames,
    classNames: all.classNames,
  };
  return { data: scaled.data, summary, standardization: scaled.stats, warnings };
}

async function load(spec: DataSpec, options: { configDir: string; mediaDir: string }): Promise<{ data: Dataset; source: string }> {
  switch (spec.kind) {
    case 'bundled':
      return { data: await loadBundled(spec.dataset, options.mediaDir), source: `bundled dataset ${spec.dataset}` };
    case 'synthetic': {
      const { dataset, samples, noise, features, classes, seed } = spec;
      const source = `synthetic ${dataset} (samples ${samples}, noise ${noise}, features ${features}, classes ${classes}, seed ${seed})`;
      return { data: generateSynthetic({ dataset, samples, noise, features, classes, seed }), source };
    }
    case 'csv': {
      const data = await loadCsvFile(resolve(options.configDir, spec.csv), { target: spec.target, task: spec.task, group: spec.group ?? undefined });
      const groups = spec.group === null ? '' : `, groups ${spec.group}`;
      return { data, source: `csv ${spec.csv} (target ${spec.target}${groups})` };
    }
  }
}
