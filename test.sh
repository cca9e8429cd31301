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

# The failures again, last, where a log's tail shows them: name and the first lines of why.
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    awk '
        /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1; next }
        want && /<Message>/ { sub(/.*<Message>/, ""); print "FAILED " name; lines = 0; inmsg = 1 }
        inmsg { line = $0; sub(/<\/Message>.*/, "", line); if (lines < 6) print "    " line; lines++; if ($0 ~ /<\/Message>/) { inmsg = 0; want = 0 } }
    ' "$trx"
done

# A project that crashed before writing results must not look like a pass.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
