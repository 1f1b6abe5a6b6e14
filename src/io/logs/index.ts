/** Training logs from elsewhere (TensorBoard, Keras and Lightning CSV, Hugging Face trainer_state.json) as scalar series. */
export { analyzeRun, type RunAnalysis } from './analysis';
export { locatedMessage, type IncrementalLog, type LogFormat, type LogProblem, type LogRun, type ScalarSeries } from './model';
export { openLog } from './open';
export { chooseRoles, roles, type Role, type RoleNames } from './roles';
