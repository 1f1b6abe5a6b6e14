#!/usr/bin/env bash
# ../shared/vscode-host/code-test with a longer limit for the whole run: that stand-in gives the tests
# 180 s, which a busy machine (or a cold one, with nothing cached) can exceed while every test still passes.
# Mocha's own per-test timeout (.vscode-test.mjs) still ends a test that hangs.
set -euo pipefail
HOST="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../shared/vscode-host" && pwd)"
EXT=; TESTS=; WS=
while [ $# -gt 0 ]; do
  case "$1" in
    --extensionDevelopmentPath=*) [ -n "$EXT" ] || EXT="${1#*=}" ;;
    --extensionDevelopmentPath) EXT="$2"; shift ;;
    --extensionTestsPath=*) TESTS="${1#*=}" ;;
    --extensionTestsPath) TESTS="$2"; shift ;;
    --user-data-dir|--extensions-dir|--folder-uri|--file-uri|--locale|--log) shift ;;
    -*) ;;
    *) [ -n "$WS" ] || WS="$1" ;;
  esac
  shift
done
args=(test --host code-server --extensionDevelopmentPath "$EXT" --extensionTestsPath "$TESTS" --timeout 900)
[ -z "$WS" ] || args+=(--workspace "$WS")
exec "$HOST/run.sh" "${args[@]}"
