/** The peers the bench compares, each run in a process of its own so memory and JIT state stay apart. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, repoRoot, type TaskName } from '../tasks';
import type { PeerResult } from './result';

export interface Peer {
  name: string;
  tasks: TaskName[];
  /** Why the peer cannot run here, or null when it can. */
  missing(): string | null;
  command(task: TaskName): { file: string; args: string[] };
  /** Threads the peer trains on (BLAS and OpenMP included); 1 by default. */
  threads?: number;
}

const python = '/usr/bin/python3';
const self = (peer: string) => (task: TaskName) => ({ file: process.execPath, args: [__filename, '--peer', peer, task] });

let torchStatus: string | null | undefined;

/** Debian's python3-torch, installed with apt-get when missing and allowed (root, apt-get present). */
function torchMissing(): string | null {
  if (torchStatus !== undefined) return torchStatus;
  const imports = () => existsSync(python) && spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
  if (!imports() && existsSync('/usr/bin/apt-get') && process.getuid?.() === 0) {
    console.log('PyTorch is missing: trying `apt-get install -y python3-torch`...');
    spawnSync('/usr/bin/apt-get', ['install', '-y', 'python3-torch'], { stdio: 'inherit' });
  }
  torchStatus = imports() ? null : `${python} cannot import torch (install Debian's python3-torch)`;
  return torchStatus;
}

export const peers: Peer[] = [
  { name: 'RegLens', tasks: ['digits', 'synth'], missing: () => null, command: self('reglens') },
  { name: 'RegLens (TypeScript fallback)', tasks: ['digits'], missing: () => null, command: self('reglens-typescript') },
  {
    name: 'PyTorch',
    tasks: ['digits', 'synth'],
    missing: torchMissing,
    command: (task) => ({ file: python, args: [join(repoRoot, 'bench', 'peers', 'torch_peer.py'), cacheDir(task)] }),
  },
  // Both cores for one run (issue 17): RegLens with its helper thread (synth's GEMMs split; digits' too small,
  // so its helper computes the epoch reports instead), PyTorch on 2 threads (synth only: its GEMMs are what threads share).
  { name: 'RegLens (2 threads)', tasks: ['digits', 'synth'], missing: () => null, command: self('reglens-threads'), threads: 2 },
  {
    name: 'PyTorch (2 threads)',
    tasks: ['synth'],
    missing: torchMissing,
    command: (task) => ({ file: python, args: [join(repoRoot, 'bench', 'peers', 'torch_peer.py'), cacheDir(task), '--threads=2'] }),
    threads: 2,
  },
  // Not on synth: its plain-JavaScript GEMMs take minutes a run there, and it trails every other peer on digits already.
  { name: 'TensorFlow.js cpu', tasks: ['digits'], missing: () => null, command: self('tfjs-cpu') },
  { name: 'TensorFlow.js wasm', tasks: ['digits', 'synth'], missing: () => null, command: self('tfjs-wasm') },
];

/** Keeps BLAS and OpenMP inside a peer to `threads` threads, whatever the peer itself asks. */
export const threadsEnv = (threads = 1) => {
  const count = String(threads);
  return { ...process.env, OMP_NUM_THREADS: count, OPENBLAS_NUM_THREADS: count, MKL_NUM_THREADS: count };
};
export const oneThread = threadsEnv(1);

/** Runs one peer once; a failure comes back as its message, never silently. */
export function runPeer(peer: Peer, task: TaskName): PeerResult | { failed: string } {
  const { file, args } = peer.command(task);
  const run = spawnSync(file, args, { encoding: 'utf8', timeout: 600_000, env: threadsEnv(peer.threads) });
  const line = run.stdout?.split('\n').reverse().find((l) => l.startsWith('{'));
  if (run.status !== 0 || !line) {
    const output = (run.stderr || run.stdout || '').trim().split('\n');
    const why = run.error?.message ?? output.find((l) => /Error/.test(l)) ?? output[output.length - 1];
    return { failed: `exit ${run.status}: ${why}` };
  }
  return { ...(JSON.parse(line) as PeerResult), peer: peer.name };
}
