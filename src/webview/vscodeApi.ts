/** The webview's side of VS Code: post typed messages, keep state across hide/show. */
import type { FromWebview } from '../protocol/webview';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Host<State> {
  post(message: FromWebview): void;
  /** What the last saveState stored, if this page was shown before. */
  restoredState(): Partial<State> | undefined;
  saveState(state: State): void;
}

/** acquireVsCodeApi may be called once per page, so there is one Host. */
export function connect<State>(): Host<State> {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    restoredState: () => (api.getState() as Partial<State> | undefined) ?? undefined,
    saveState: (state) => api.setState(state),
  };
}
