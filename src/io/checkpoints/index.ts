/** Checkpoints from PyTorch, Hugging Face and Keras as one lazy tensor model. */
export { CheckpointError } from './checkpointError';
export { findCheckpointSeries, isModelFile, maxSeriesCheckpoints, stepOf, type FoundSeries, type SeriesCheckpoint } from './findSeries';
export { inspectSeries, type SeriesEvent, type SeriesOptions } from './inspectSeries';
export { checkpointReaders, isCheckpointFile, openCheckpoint } from './openCheckpoint';
export { analysable, type Checkpoint, type CheckpointFormat, type TensorEntry, type TensorLayout } from './tensorModel';
