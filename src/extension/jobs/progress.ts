/** A cancellable progress notification for a job, updated at most a few times a second. */
import * as vscode from 'vscode';
import { RateLimiter } from '../../protocol/rateLimit';
import { untrusted } from '../text';

const updatesPerSecond = 8;

/** `body` gets `report(message, fraction done)`; the notification closes when its promise settles. */
export function withProgress<T>(title: string, cancel: () => void, body: (report: (message: string, fraction: number) => void) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `RegLens: ${untrusted(title)}`, cancellable: true }, async (progress, token) => {
    token.onCancellationRequested(cancel);
    let shown = 0;
    let latest = { message: '', fraction: 0 };
    const limiter = new RateLimiter(() => {
      progress.report({ message: untrusted(latest.message), increment: 100 * (latest.fraction - shown) });
      shown = latest.fraction;
    }, 1000 / updatesPerSecond);
    try {
      return await body((message, fraction) => {
        latest = { message, fraction };
        limiter.request();
      });
    } finally {
      limiter.cancel();
    }
  });
}
