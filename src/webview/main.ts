/**
 * Entry of dist/webview.js. The page's <body data-view> says which view to run; every message from
 * the extension is validated against the contract before the view sees it.
 */
import { parseToWebview, type ToWebview } from '../protocol/webview';
import { describeChart, type DrawnChart } from './chartSetup';
import type { ChartView, DrawnMarks, Table } from './chartView';
import { Dashboard, type DashboardState } from './dashboard';
import type { PicturesDrawn } from './pictures/picturesSection';
import { Sidebar, type SidebarState } from './sidebar';
import { connect, type Host } from './vscodeApi';

interface View {
  handle(message: ToWebview): void;
  readonly charts: readonly ChartView[];
  readonly pictures?: { drawn(): PicturesDrawn };
}

function start(): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('webview page has no #root element');
  const isDashboard = document.body.dataset.view === 'dashboard';
  const host: Host<unknown> = isDashboard ? connect<DashboardState>() : connect<SidebarState>();
  const view: View = isDashboard ? new Dashboard(root, host as Host<DashboardState>) : new Sidebar(root, host as Host<SidebarState>);

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = parseToWebview(event.data);
    if (parsed.ok) view.handle(parsed.message);
    else host.post({ type: 'error', message: `Ignored a malformed message from the extension: ${parsed.error}` });
  });
  window.addEventListener('error', (event) => host.post({ type: 'error', message: `${event.message} (${event.filename}:${event.lineno})` }));

  // Read by test/webview and handy in the webview developer tools: the numbers each chart draws.
  const debug: { charts(): { id: string; table: Table; drawn: DrawnMarks | null }[]; chart(canvas: HTMLCanvasElement): DrawnChart | null; pictures(): PicturesDrawn | null } = {
    charts: () => view.charts.map((c) => ({ id: c.id, table: c.table(), drawn: c.drawn?.() ?? null })),
    chart: describeChart,
    pictures: () => view.pictures?.drawn() ?? null,
  };
  Object.assign(window, { reglens: debug });

  host.post({ type: 'ready' });
}

start();
