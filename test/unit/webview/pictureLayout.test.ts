// The pictures' pure parts: which snapshot the slider shows, colours, frames and ticks, the network's
// layout and notes, and the linear-regime numbers; checked against values worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NetworkPicture, PictureSnapshot, PreActivationHistogram, ShownRun } from '../../../src/protocol/webview';
import { blend, confidenceAlpha, heatColour, parseColour } from '../../../src/webview/pictures/colours';
import { plotRect, ticks, toPixel } from '../../../src/webview/pictures/frame';
import { layoutNetwork, maxLinkWidth, networkNotes } from '../../../src/webview/pictures/networkLayout';
import { activationCurve, barHeights, linearRegion, regimeSentence, sharedRange } from '../../../src/webview/pictures/regimeLayout';
import { nextSelection, pictureEpochs, snapshotAt } from '../../../src/webview/pictures/snapshots';
import { appendPicture } from '../../../src/webview/runModel';
import { fixtureRuns } from './fixture';

const picture: NetworkPicture = {
  sizes: [2, 3, 1],
  units: [['live', 'unused'], ['live', 'zeroIn', 'dead'], ['live']],
  layers: [
    { layer: 0, links: [{ from: 0, to: 0, weight: 2 }, { from: 0, to: 2, weight: -1 }, { from: 1, to: 0, weight: 0.0005 }], total: 6, omitted: 3, maxAbs: 2 },
    { layer: 1, links: [{ from: 0, to: 0, weight: -4 }], total: 3, omitted: 0, maxAbs: 4 },
  ],
  epsilon: 0.001,
};

const snapshot = (epoch: number): PictureSnapshot => ({ epoch, network: picture, preActivations: [], boundary: null, curve: null });
const withPictures = (id: string, epochs: number[]): ShownRun => ({ ...fixtureRuns()[0], id, summary: null, pictures: { points: null, snapshots: epochs.map(snapshot) } });

test('the slider offers every picture epoch of the shown runs; a run shows its last snapshot at or before the epoch', () => {
  const a = withPictures('a', [1, 10, 20]);
  const b = withPictures('b', [1, 8, 15]);
  assert.deepEqual(pictureEpochs([a, b, { ...fixtureRuns()[1], summary: null }]), [1, 8, 10, 15, 20]);
  assert.equal(snapshotAt(b, 10)?.epoch, 8);
  assert.equal(snapshotAt(b, 20)?.epoch, 15, 'stopped early: its last picture');
  assert.equal(snapshotAt(a, 0)?.epoch, 1, 'before the first: the first');
  assert.equal(snapshotAt({ ...a, pictures: undefined }, 5), null);
});

test('the slider follows the newest picture only while it was on the newest', () => {
  assert.equal(nextSelection(null, [1, 10]), 10);
  assert.equal(nextSelection({ epoch: 10, wasLatest: true }, [1, 10, 20]), 20);
  assert.equal(nextSelection({ epoch: 1, wasLatest: false }, [1, 10, 20]), 1);
  assert.equal(nextSelection({ epoch: 7, wasLatest: false }, [1, 10, 20]), 20, 'an epoch no longer offered');
});

test('a live picture is appended once, with the run\'s points', () => {
  const runs = [withPictures('a', [1])];
  const points = { units: 'raw' as const, train: { x: [1], y: [2], target: [0], total: 1 }, validation: null };
  assert.equal(appendPicture(runs, 'a', snapshot(5), points), true);
  assert.equal(appendPicture(runs, 'a', snapshot(5), points), false, 'a repeated epoch');
  assert.equal(appendPicture(runs, 'x', snapshot(6), points), false, 'an unknown run');
  assert.deepEqual(runs[0].pictures?.snapshots.map((s) => s.epoch), [1, 5]);
  assert.equal(runs[0].pictures?.points, points);
});

test('colours: theme text read, mixed over the background, faint at chance and strong when sure, heat from low to high', () => {
  assert.deepEqual(parseColour('#1a85ff'), [26, 133, 255]);
  assert.deepEqual(parseColour('#fff'), [255, 255, 255]);
  assert.deepEqual(parseColour('rgba(204, 204, 204, 0.7)'), [204, 204, 204]);
  assert.deepEqual(parseColour('rgb(30 30 30)'), [30, 30, 30]);
  assert.equal(parseColour('var(--x)'), null);
  assert.deepEqual(blend([200, 100, 0], [0, 0, 0], 0.5), [100, 50, 0]);
  assert.ok(Math.abs(confidenceAlpha(0.5, 2) - 0.12) < 1e-12 && Math.abs(confidenceAlpha(1, 2) - 0.7) < 1e-12);
  assert.ok(Math.abs(confidenceAlpha(0.1, 10) - 0.12) < 1e-12, 'chance with ten classes is 0.1');
  assert.ok(confidenceAlpha(0.8, 2) > confidenceAlpha(0.6, 2));
  const [low, high, bg]: [number, number, number][] = [[0, 0, 255], [255, 0, 0], [255, 255, 255]];
  assert.deepEqual(heatColour(5, 0, 10, low, high, bg), bg, 'the middle is the background');
  assert.deepEqual(heatColour(0, 0, 10, low, high, bg), blend(low, bg, 0.75));
  assert.deepEqual(heatColour(10, 0, 10, low, high, bg), blend(high, bg, 0.75));
  assert.deepEqual(heatColour(NaN, 0, 10, low, high, bg), bg);
});

test('frames map data to pixels with y up; ticks are round and inside the range', () => {
  const frame = { rect: { left: 10, top: 20, width: 100, height: 50 }, x: [0, 10] as [number, number], y: [-1, 1] as [number, number] };
  assert.deepEqual(toPixel(frame, 0, -1), [10, 70]);
  assert.deepEqual(toPixel(frame, 10, 1), [110, 20]);
  assert.deepEqual(toPixel(frame, 5, 0), [60, 45]);
  assert.deepEqual(ticks(0, 10, 5), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(ticks(-0.93, 0.93, 4), [-0.5, 0, 0.5]);
  assert.deepEqual(ticks(7.2, 16.1, 4), [8, 10, 12, 14, 16]);
  assert.deepEqual(ticks(1, 1), []);
  const rect = plotRect(300, 200, 10);
  assert.ok(rect.left > 0 && rect.left + rect.width < 300 && rect.top + rect.height < 200);
});

test('the network: a column per layer, units spread evenly, widths by |w| against the largest, grey at ≤ ε', () => {
  const layout = layoutNetwork(picture, { left: 0, top: 0, width: 100, height: 60 });
  assert.deepEqual(layout.nodes.map((column) => column.map((n) => [n.x, n.y])), [[[0, 15], [0, 45]], [[50, 10], [50, 30], [50, 50]], [[100, 30]]]);
  assert.deepEqual(layout.nodes[1].map((n) => n.state), ['live', 'zeroIn', 'dead']);
  const width = (w: number) => layout.links.find((l) => l.weight === w)!;
  assert.equal(width(-4).width, maxLinkWidth, 'the largest |w| of the picture');
  assert.ok(Math.abs(width(2).width - (0.25 + (maxLinkWidth - 0.25) * 0.5)) < 1e-12);
  assert.deepEqual([width(2).sign, width(-1).sign, width(0.0005).sign], ['positive', 'negative', 'zero']);
  assert.deepEqual(layout.links.map((l) => l.weight), [0.0005, -1, 2, -4], 'strong links drawn last, on top');
  const shared = layoutNetwork(picture, { left: 0, top: 0, width: 100, height: 60 }, 8);
  assert.ok(Math.abs(shared.links.find((l) => l.weight === -4)!.width - (0.25 + (maxLinkWidth - 0.25) * 0.5)) < 1e-12, 'on a scale shared with a run whose largest |w| is 8');
  assert.deepEqual(networkNotes(picture, (l) => `Into layer ${l + 1}`), [
    'Into layer 1 (2 → 3): the 3 strongest of 6 links drawn; 3 weaker ones left out.',
    'Into layer 2 (3 → 1): all 3 links drawn.',
    '1 of 2 inputs greyed: 1 unused input.',
    '2 of 3 units of hidden 1 greyed: 1 all incoming |w| ≤ ε, 1 never active.',
  ]);
});

const histogram = (over: Partial<PreActivationHistogram>): PreActivationHistogram => ({
  layer: 0, edges: [-2, -1, 0, 1, 2], counts: [1, 4, 2, 0], band: [-0.5, 0.5], insideBand: 0.4567, alwaysActive: null, neverActive: null, samples: 7, ...over,
});

test('the linear regime: curves, one z axis for every layer, the band or the active side, the shares in words', () => {
  assert.equal(activationCurve('tanh', 0)(0.3), Math.tanh(0.3));
  assert.equal(activationCurve('sigmoid', 0)(0), 0.5);
  assert.equal(activationCurve('relu', 0)(-2), 0);
  assert.equal(activationCurve('leakyRelu', 0.1)(-2), -0.2);
  assert.deepEqual(sharedRange([histogram({}), histogram({ edges: [-3, 0, 3] })]), [-3, 3]);
  assert.deepEqual(barHeights([1, 4, 2, 0]), [0.25, 1, 0.5, 0]);
  assert.deepEqual(barHeights([0, 0]), [0, 0]);
  assert.deepEqual(linearRegion([histogram({})], [-2, 2]), [-0.5, 0.5]);
  const relu = histogram({ band: null, alwaysActive: 0.25, neverActive: 0.5, insideBand: 0.3 });
  assert.deepEqual(linearRegion([relu], [-2, 2]), [0, 2]);
  assert.equal(linearRegion([histogram({ band: null })], [-2, 2]), null, 'linear units have no region to shade');
  assert.equal(regimeSentence(histogram({}), 'hidden 1'), 'hidden 1: 45.7% of pre-activations in the near-linear band -0.5 ≤ z ≤ 0.5.');
  assert.equal(regimeSentence(relu, 'hidden 2'), 'hidden 2: 25.0% of units always active (linear), 50.0% never active (dead); 30.0% of pre-activations > 0.');
});
