#!/usr/bin/env bash
# What the browser and VS Code tests need beyond `npm ci`, installed once (idempotent, quick when done):
# Debian's chromium for the webview tests, and, where ../shared/vscode-host exists (this project's
# offline machines and CI), the offline VS Code host the integration tests run in. Elsewhere
# @vscode/test-electron downloads VS Code itself.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test/setup.sh: the webview tests need Chromium: sudo apt-get install chromium" >&2
    exit 1
  fi
fi

host="$root/../shared/vscode-host"
if [ -x "$host/setup.sh" ]; then
  bash "$host/setup.sh" code-server >/dev/null
fi
