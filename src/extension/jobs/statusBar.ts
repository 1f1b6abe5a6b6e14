/** What is running, in one place: the status bar item, the `reglens.training` context key (Stop's `when`) and Stop itself. */
import * as vscode from 'vscode';
import { RateLimiter } from '../../protocol/rateLimit';
import { commandIds, setContext } from '../registry';
import { untrusted } from '../text';

export interface Activity {
  update(line: string): void;
  end(): void;
}

const updatesPerSecond = 8;

export class RunningJobs implements vscode.Disposable {
  private readonly running = new Map<number, { name: string; line: string; stop: () => void }>();
  private next = 0;
  private readonly item = vscode.window.createStatusBarItem('reglens.training', vscode.StatusBarAlignment.Left, 10);
  private readonly changed = new vscode.EventEmitter<string | null>();
  private readonly limiter = new RateLimiter(() => this.show(), 1000 / updatesPerSecond);
  /** The status line changed (at most a few times a second); null when idle. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.item.name = 'RegLens training';
    this.item.command = commandIds.stop;
    this.item.tooltip = 'RegLens is training: click to stop';
  }

  /** Shows `name` until ended; Stop calls `stop`. */
  add(name: string, stop: () => void): Activity {
    const key = ++this.next;
    this.running.set(key, { name, line: 'waiting for a worker', stop });
    this.runningChanged();
    return {
      update: (line) => {
        const entry = this.running.get(key);
        if (entry) entry.line = line;
        this.limiter.request();
      },
      end: () => {
        this.running.delete(key);
        this.runningChanged();
      },
    };
  }

  /** Asks every job to stop; returns how many there were. */
  stopAll(): number {
    const entries = [...this.running.values()];
    for (const entry of entries) entry.stop();
    return entries.length;
  }

  /** E.g. "digits-l2 · epoch 12/60 · train 0.312 · val 0.351 (+1 more)"; null when idle. */
  get text(): string | null {
    const [first, ...others] = [...this.running.values()];
    if (!first) return null;
    return `${first.name} · ${first.line}${others.length > 0 ? ` (+${others.length} more)` : ''}`;
  }

  dispose(): void {
    this.limiter.cancel();
    this.item.dispose();
    this.changed.dispose();
  }

  private runningChanged(): void {
    setContext('training', this.running.size > 0);
    this.limiter.request();
  }

  private show(): void {
    const text = this.text;
    if (text === null) this.item.hide();
    else {
      this.item.text = `$(sync~spin) ${untrusted(text)}`;
      this.item.show();
    }
    this.changed.fire(text);
  }
}
