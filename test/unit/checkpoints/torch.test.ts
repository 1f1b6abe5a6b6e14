/** torch.save files made by PyTorch itself, read without executing their pickles. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCheckpoint } from '../../../src/io/checkpoints';
import { checkAgainstNumpy, fixture } from './fixtures';

test('mlp.pt (a state dict): every diagnostic agrees with numpy', () => checkAgainstNumpy('mlp.pt'));
test('cnn.pth (a checkpoint dict with model_state_dict, an optimizer and an int64 counter)', () => checkAgainstNumpy('cnn.pth'));
test('embedding.bin: tied weights share a storage; a transposed view is read through its strides', () => checkAgainstNumpy('embedding.bin'));

test('a pickle naming os.system is refused with the global named, and nothing runs', async () => {
  await assert.rejects(openCheckpoint(fixture('exploit.pt')), (error: Error) => {
    assert.match(error.message, /exploit\.pt: .*refused global 'posix\.system'/);
    return true;
  });
});

test('the legacy (pre-zip) torch.save format is refused with a way out', async () => {
  await assert.rejects(openCheckpoint(fixture('legacy.pt')), /legacy\.pt: the legacy torch\.save format .* save it again/);
});
