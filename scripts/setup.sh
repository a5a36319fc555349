#!/usr/bin/env bash
# Sets Bascule up on a fresh Debian 12 machine (as root): the compiler better-sqlite3 is built with
# (it is built from source: no prebuilt binary is downloaded, see .prebuild-installrc), then the npm
# packages, which builds dist/ too. README's first command runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if ((${#missing[@]} > 0)); then
  echo "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
npm "${1:-install}" --no-audit --no-fund
