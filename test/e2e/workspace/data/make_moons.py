"""Writes moons.csv, the e2e workspace's CSV experiment: 80 of scikit-learn's noisy moons, two features and a label.

Run with Debian's Python (it has scikit-learn): /usr/bin/python3 make_moons.py
"""
import csv
from pathlib import Path

from sklearn.datasets import make_moons

x, y = make_moons(n_samples=80, noise=0.25, random_state=4)
with open(Path(__file__).with_name("moons.csv"), "w", newline="") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["x1", "x2", "label"])
    for (a, b), label in zip(x, y):
        writer.writerow([f"{a:.4f}", f"{b:.4f}", int(label)])
