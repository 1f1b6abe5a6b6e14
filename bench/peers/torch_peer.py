"""PyTorch peer for `npm run bench`: trains a cached task on one CPU thread and prints one JSON line.

usage: python3 torch_peer.py <cache dir> [--threads=N]   train the task written there by bench/tasks.ts
                                                         on N threads (1 by default)
       python3 torch_peer.py --peak=numpy|torch   GFLOP/s of a 2048x2048 float32 matrix product, 1 thread,
                                                  per CPU-second and per wall-clock second (best of 3)
"""
import json
import resource
import sys
import time

import numpy as np


def matmul_peak(library):
    if library == "torch":
        import torch

        torch.set_num_threads(1)
        a, b = torch.randn(2048, 2048), torch.randn(2048, 2048)
        product = torch.mm
    else:
        rng = np.random.default_rng(0)
        a, b = rng.standard_normal((2048, 2048), dtype=np.float32), rng.standard_normal((2048, 2048), dtype=np.float32)
        product = np.matmul
    product(a, b)
    cpu = wall = float("inf")
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        product(a, b)
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    flops = 2 * 2048**3
    return {"cpu": flops / cpu / 1e9, "wall": flops / wall / 1e9}


def peak_rss_mb():
    """VmHWM, not getrusage's maxrss: on Linux that survives exec and would report the bench's own peak."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load(directory, name, dtype):
    import torch

    array = np.fromfile(f"{directory}/{name}", dtype=dtype)
    return torch.from_numpy(array.astype(np.int64) if dtype == np.uint32 else array)


def train(directory, threads=1):
    import torch

    torch.set_num_threads(threads)
    with open(f"{directory}/meta.json") as f:
        meta = json.load(f)
    sizes = meta["sizes"]
    features, rows = sizes[0], meta["trainRows"]
    x = load(directory, "train_x.f32", np.float32).reshape(rows, features)
    y = load(directory, "train_y.i32", np.int32).long()
    order = load(directory, "order.u32", np.uint32).reshape(meta["epochs"], rows)
    layers = []
    for l in range(len(sizes) - 1):
        linear = torch.nn.Linear(sizes[l], sizes[l + 1])
        with torch.no_grad():
            linear.weight.copy_(load(directory, f"weight{l}.f32", np.float32).reshape(sizes[l + 1], sizes[l]))
            linear.bias.copy_(load(directory, f"bias{l}.f32", np.float32))
        layers += [linear, torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1])
    weights = [p for n, p in model.named_parameters() if n.endswith("weight")]
    biases = [p for n, p in model.named_parameters() if n.endswith("bias")]
    # SGD's weight_decay adds wd·W to the gradient: W -= lr·(grad + wd·W), on weights only.
    optimizer = torch.optim.SGD(
        [{"params": weights, "weight_decay": meta["weightDecay"]}, {"params": biases, "weight_decay": 0}],
        lr=meta["learningRate"],
    )
    loss_fn = torch.nn.CrossEntropyLoss()
    batch = meta["batchSize"]
    seconds = cpu_seconds = 0.0
    epoch_losses, epoch_cpu = [], []
    for epoch in range(meta["epochs"]):
        started, started_cpu = time.perf_counter(), time.process_time()
        for start in range(0, rows, batch):
            index = order[epoch, start : start + batch]
            optimizer.zero_grad()
            loss_fn(model(x[index]), y[index]).backward()
            optimizer.step()
        seconds += time.perf_counter() - started
        epoch_cpu.append(time.process_time() - started_cpu)
        cpu_seconds += epoch_cpu[-1]
        with torch.no_grad():  # outside the timing: the loss RegLens reports after each epoch
            epoch_losses.append(loss_fn(model(x), y).item())
    accuracy = None
    if meta["validationRows"] > 0:
        vx = load(directory, "validation_x.f32", np.float32).reshape(-1, features)
        vy = load(directory, "validation_y.i32", np.int32).long()
        with torch.no_grad():
            accuracy = (model(vx).argmax(1) == vy).float().mean().item()
    return {
        "peer": "PyTorch",
        "task": meta["name"],
        "samplesPerSecond": meta["epochs"] * rows / cpu_seconds,
        "wallSamplesPerSecond": meta["epochs"] * rows / seconds,
        "steadySamplesPerSecond": rows / float(np.median(epoch_cpu)),
        "validationAccuracy": accuracy,
        "epochLosses": epoch_losses,
        "maxRssMB": peak_rss_mb(),
        "extra": {"version": torch.__version__, "threads": torch.get_num_threads()},
    }


if __name__ == "__main__":
    if sys.argv[1].startswith("--peak="):
        print(json.dumps(matmul_peak(sys.argv[1][len("--peak=") :])))
    else:
        threads = [int(a[len("--threads=") :]) for a in sys.argv[2:] if a.startswith("--threads=")]
        print(json.dumps(train(sys.argv[1], threads[0] if threads else 1)))
