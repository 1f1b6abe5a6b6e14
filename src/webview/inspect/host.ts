/** The checkpoint page's side of VS Code: typed messages out, validated messages in. */
import { parseInspectToWebview, type InspectFromWebview, type InspectToWebview } from '../../protocol/inspect';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

export interface InspectHost {
  post(message: InspectFromWebview): void;
}

/** Connects once; malformed messages are reported back to the extension's log, never shown. */
export function connectInspect(onMessage: (message: InspectToWebview) => void): InspectHost {
  const api = acquireVsCodeApi();
  const host: InspectHost = { post: (message) => api.postMessage(message) };
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = parseInspectToWebview(event.data);
    if (parsed.ok) onMessage(parsed.message);
    else host.post({ type: 'error', message: `ignored a malformed message: ${parsed.error}` });
  });
  return host;
}
