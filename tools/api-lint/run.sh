#!/usr/bin/env bash
# Lints an OpenAPI document with Redocly CLI (recommended) and Spectral (spectral:oas): 0 errors AND 0 warnings pass.
#   tools/api-lint/run.sh [DOCUMENT]      default: src/WebApi/ClientApp/openapi.json (the committed snapshot, which
#                                         OpenApiSnapshotTests keeps equal to the generated document)
# Installs its pinned tools (npm ci) when node_modules is missing. Last line: `api-lint: N passed, M failed`.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DOC="$(realpath "${1:-$HERE/../../src/WebApi/ClientApp/openapi.json}")"
cd "$HERE"
if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund >&2 || { echo "api-lint: 0 passed, 2 failed"; exit 1; }
fi
passed=0 failed=0

# Redocly exits non-zero on errors only; warnings are counted from its JSON report.
report="$(mktemp)"
npx --no-install redocly lint "$DOC" --config redocly.yaml --format=json >"$report" 2>/dev/null
problems="$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const p of r.problems) console.error(`redocly ${p.severity} ${p.ruleId}: ${p.message} @ ${p.location?.[0]?.pointer ?? ""}`);
  console.log(r.problems.length);' "$report")" || problems=invalid
rm -f "$report"
if [ "$problems" = "0" ]; then passed=$((passed + 1)); echo "redocly: 0 errors, 0 warnings" >&2
else failed=$((failed + 1)); echo "redocly: $problems problem(s)" >&2; fi

# Spectral fails on warnings too with --fail-severity=warn.
if npx --no-install spectral lint "$DOC" --ruleset .spectral.yaml --fail-severity=warn >&2; then passed=$((passed + 1))
else failed=$((failed + 1)); fi

echo "api-lint: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
