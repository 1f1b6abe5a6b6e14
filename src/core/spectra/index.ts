/** Weight-matrix diagnostics for any matrix: norms, sparsity, spectra, power-law α. */
export * from './layerReport';
export * from './matrixDiagnostics';
export { alphaReading, fitPowerLaw, powerLawThreshold, type PowerLawFit } from './powerLaw';
export { accumulateStoredWeightStats, accumulateWeightStats, emptyWeightStats, valueHistogram, type WeightStats } from './weightStats';
export { lanczosTopEigenvalues, type LanczosOptions } from './lanczos';
export { denseMatrix, type WeightMatrix } from './weightMatrix';
export { symmetricEigenvalues } from './symmetricEigenvalues';
export { tensorChange, type TensorChange } from './comparison';
