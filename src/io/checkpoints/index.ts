/** Checkpoints from PyTorch, Hugging Face and Keras as one lazy tensor model. */
export { CheckpointError } from './checkpointError';
export { checkpointReaders, isCheckpointFile, openCheckpoint } from './openCheckpoint';
export { analysable, type Checkpoint, type CheckpointFormat, type TensorEntry, type TensorLayout } from './tensorModel';
