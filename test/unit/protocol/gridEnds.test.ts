import assert from 'node:assert/strict';
import { test } from 'node:test';
import { picksAtGridEnd } from '../../../src/protocol/gridEnds';
import type { TuningRecord } from '../../../src/protocol/records';
import { fixtureTunings } from '../webview/fixture';

function picking(record: TuningRecord, min: number, oneSe: number): TuningRecord {
  const choice = (lambda: number) => ({ lambda, mean: 1, se: 0.1 });
  return { ...record, result: { ...record.result, lambdaMin: choice(min), lambda1se: choice(oneSe) } };
}

test('picks inside the grid offer no extension; a pick at either end names that end once', () => {
  const [lasso] = fixtureTunings();
  const positive = lasso!.result.curve.map((p) => p.lambda).filter((l) => l > 0).sort((a, b) => a - b);
  const [smallest, largest, inside] = [positive[0]!, positive.at(-1)!, positive[1]!];
  assert.deepEqual(picksAtGridEnd(lasso!), []);
  assert.deepEqual(picksAtGridEnd(picking(lasso!, inside, inside)), []);
  assert.deepEqual(picksAtGridEnd(picking(lasso!, largest, largest)), ['largest']);
  assert.deepEqual(picksAtGridEnd(picking(lasso!, smallest, largest)), ['smallest', 'largest']);
});
