"""The bench's reference for checkpoint spectra: numpy svdvals on one thread, as WeightWatcher computes them.

Reads the named BF16 tensors of a safetensors file, times np.linalg.svd(W, compute_uv=False) per
matrix, and fits α to the eigenvalues σ² with the fixture script's restatement of WeightWatcher's fit.
Prints one JSON object: {"numpy": version, "matrices": [{"name", "seconds", "alpha", "xmin", "spectralNorm"}]}.
"""
import json
import os
import struct
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "fixtures", "checkpoints"))
from make_checkpoints import reference_powerlaw  # noqa: E402


def main(path, names):
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        start = 8 + length
        out = []
        for name in names:
            entry = header[name]
            begin, end = entry["data_offsets"]
            f.seek(start + begin)
            bits = np.frombuffer(f.read(end - begin), dtype="<u2").astype(np.uint32) << 16
            w = bits.view(np.float32).reshape(entry["shape"][0], -1)
            t = time.perf_counter()
            s = np.linalg.svd(w, compute_uv=False)
            seconds = time.perf_counter() - t
            fit = reference_powerlaw(s.astype(np.float64) ** 2)
            out.append({"name": name, "seconds": seconds, "alpha": fit["alpha"], "xmin": fit["xmin"], "spectralNorm": float(s[0])})
    print(json.dumps({"numpy": np.__version__, "matrices": out}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
