#!/usr/bin/env bash
# Writes fixtures/tunings.json: two real tunings made by `reglens tune` on fixtures/tuning.reglens.json:
#   iris-lasso     no hidden layer, L1, FISTA, grid with λ = 0: a curve with a coefficient path;
#   digits-mlp-l2  an MLP, L2, successive halving: a curve without a path, and λ values dropped early.
# Run from the repository root after `node esbuild.mjs`:  bash test/webview/makeTuningFixture.sh
set -euo pipefail
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
node dist/cli.js tune test/webview/fixtures/tuning.reglens.json --out "$out" --json > "$out/tune.json"
node -e '
const { tunings } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const failed = tunings.filter((t) => !t.record);
if (failed.length) throw new Error(failed.map((t) => `${t.experiment}: ${t.error}`).join("\n"));
require("fs").writeFileSync("test/webview/fixtures/tunings.json", JSON.stringify(tunings.map((t) => t.record)) + "\n");
' "$out/tune.json"
