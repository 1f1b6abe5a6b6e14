import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestEpoch, overfittingOnset, type LossPoint } from '../../../src/core';
import { crc32c } from '../../../src/io/logs/crc32c';
import { chooseRoles } from '../../../src/io/logs/roles';
import { bfloat16ToNumber, halfToNumber } from '../../../src/io/logs/tensorScalar';
import { pythonJson } from '../../../src/io/logs/trainerState';

const curve = (train: number[], val: (number | null)[]): LossPoint[] => train.map((t, i) => ({ epoch: i + 1, trainLoss: t, valLoss: val[i] }));

test('the best epoch is the first lowest validation loss; without validation, the lowest training loss', () => {
  assert.equal(bestEpoch(curve([3, 2, 1, 0.5], [2, 1, 1, 1.5])), 2);
  assert.equal(bestEpoch(curve([3, 2, 2.5], [null, null, null])), 2);
  assert.equal(bestEpoch([]), 0);
});

test('overfitting begins at the best epoch when validation then rises by 1% or more while training falls', () => {
  const points = curve([3, 2, 1, 0.5], [2, 1, 1.005, 1.02]);
  assert.equal(overfittingOnset(points, bestEpoch(points)), 2);
  const flat = curve([3, 2, 1, 0.5], [2, 1, 1.005, 1.009]);
  assert.equal(overfittingOnset(flat, bestEpoch(flat)), null);
  const bothRise = curve([3, 2, 2.5, 2.6], [2, 1, 1.5, 1.6]);
  assert.equal(overfittingOnset(bothRise, bestEpoch(bothRise)), null);
});

test('the usual names of losses and accuracies are recognised, per-epoch values first', () => {
  assert.deepEqual(chooseRoles(['loss', 'val_loss', 'accuracy', 'val_accuracy', 'lr']), { trainLoss: 'loss', valLoss: 'val_loss', trainAccuracy: 'accuracy', valAccuracy: 'val_accuracy' });
  assert.deepEqual(chooseRoles(['train/loss', 'eval/loss', 'eval/runtime']), { trainLoss: 'train/loss', valLoss: 'eval/loss' });
  assert.deepEqual(chooseRoles(['train_loss_step', 'train_loss_epoch', 'val_loss', 'val_acc', 'test_loss']), { trainLoss: 'train_loss_epoch', valLoss: 'val_loss', valAccuracy: 'val_acc' });
  assert.deepEqual(chooseRoles(['Loss/train', 'Loss/validation', 'trainAcc', 'validAcc']), { trainLoss: 'Loss/train', valLoss: 'Loss/validation', trainAccuracy: 'trainAcc', valAccuracy: 'validAcc' });
  assert.deepEqual(chooseRoles(['top5_accuracy', 'train_val_loss', 'loss_loss']), {});
});

test("a user's names win over the guess, and a name the run lacks leaves the role empty", () => {
  assert.deepEqual(chooseRoles(['loss', 'val_loss', 'nll', 'dev_nll'], { trainLoss: 'nll', valLoss: 'dev_nll' }), { trainLoss: 'nll', valLoss: 'dev_nll' });
  assert.deepEqual(chooseRoles(['loss', 'val_loss'], { valLoss: 'missing' }), { trainLoss: 'loss' });
});

test('CRC-32C gives the check value of its specification and continues over chunks', () => {
  const bytes = new TextEncoder().encode('123456789');
  assert.equal(crc32c(bytes), 0xe3069283);
  assert.equal(crc32c(bytes.subarray(4), crc32c(bytes.subarray(0, 4))), 0xe3069283);
});

test('half and bfloat16 bits decode exactly', () => {
  assert.equal(halfToNumber(0x3c00), 1);
  assert.equal(halfToNumber(0xc000), -2);
  assert.equal(halfToNumber(0x7bff), 65504);
  assert.equal(halfToNumber(0x0001), 2 ** -24);
  assert.equal(halfToNumber(0x7c00), Infinity);
  assert.ok(Number.isNaN(halfToNumber(0x7e00)));
  assert.equal(bfloat16ToNumber(0x3f80), 1);
  assert.equal(bfloat16ToNumber(0xc0a0), -5);
});

test("Python's bare NaN and Infinity become strings, except inside strings", () => {
  assert.deepEqual(JSON.parse(pythonJson('{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN Infinity \\" NaN"}')), {
    a: 'NaN', b: ['Infinity', '-Infinity'], c: 'NaN Infinity " NaN',
  });
});
