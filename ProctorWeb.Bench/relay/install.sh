#!/usr/bin/env bash
# The relay benchmark's Node packages (@microsoft/signalr, socket.io, socket.io-client), as package-lock.json pins them.
# Idempotent: does nothing when node_modules already matches the lock file.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "The relay benchmark needs Node.js 20 and npm (Debian: apt-get install nodejs npm)." >&2
    exit 1
fi
if cmp -s package-lock.json node_modules/.installed-from-lock 2>/dev/null; then
    exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json node_modules/.installed-from-lock
