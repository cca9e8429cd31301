#!/usr/bin/env bash
# Runs every test of ProctorWeb on this machine and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

bash scripts/install-deps.sh || { echo "Could not install the test dependencies."; echo "0 passed, 1 failed"; exit 1; }

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build ProctorWeb.sln -c Release --nologo -v quiet; then
    echo "The build failed."
    echo "0 passed, 1 failed"
    exit 1
fi

status=0
for project in ProctorWeb.Tests ProctorWeb.E2E; do
    dotnet test "$project" -c Release --no-build --nologo \
        --logger "trx;LogFileName=$project.trx" --logger "console;verbosity=normal" \
        --results-directory "$results" || status=1
done

passed=0
failed=0
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
done

# A project that crashed before writing results must not look like a pass.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
