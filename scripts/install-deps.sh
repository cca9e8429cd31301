#!/usr/bin/env bash
# Installs what the tests need and a fresh Debian machine lacks. Safe to run again: it only
# installs what is missing.
set -euo pipefail

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
# The relay tests start their own coturn on loopback.
command -v turnserver >/dev/null 2>&1 || packages+=(coturn)
fc-list 2>/dev/null | grep -qi dejavu || packages+=(fonts-dejavu-core)
# Chinese pages render in screenshots (and for axe's contrast checks) only with a CJK font.
[ -n "$(fc-list :lang=zh 2>/dev/null)" ] || packages+=(fonts-wqy-microhei)
# The face-check tests make their fake-camera files with scripts/face-fixtures.sh, which needs ffmpeg
# (the photos it uses it fetches itself with apt-get download when their packages are not installed).
command -v ffmpeg >/dev/null 2>&1 || packages+=(ffmpeg)
# The cluster tests (and scripts/cluster.sh) start Redis and nginx on loopback, as the user running them.
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx)
# The PostgreSQL tests start their own throwaway server with initdb and pg_ctl, which Debian keeps off the PATH.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || packages+=(postgresql)
# The benchmark's relay driver and its socket.io peer run on Node (ProctorWeb.Bench/relay); tests build, not run, it.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

if [ ${#packages[@]} -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "Installing ${packages[*]} from Debian's packages..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# The repository's local .NET tools (dotnet-ef, see .config/dotnet-tools.json); a restore of
# what is already there does nothing. The manifest is found from the repository root.
(cd "$(dirname "$0")/.." && dotnet tool restore)
