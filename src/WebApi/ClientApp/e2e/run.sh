#!/usr/bin/env bash
# End-to-end tests of the booking widget against the real WebApi in headless Debian Chromium.
# Starts its own WebApi (temp SQLite DB, short TTLs, SMTP to the test sink), runs e2e/scenarios, stops the app.
# Redis: $APPOINTEASE_TEST_REDIS when set (else SQL slot state, the widget shows "Fallback").
# SMTP: uses $APPOINTEASE_TEST_SMTP (+ $APPOINTEASE_TEST_SMTP_MAILDIR) when set, else starts a private aiosmtpd sink.
# Also runs the widget's vitest unit/component tests and `npm run lint` (ESLint, 0 warnings) first (E2E_SKIP_UNIT=1
# skips both); a failure there counts as one failed test in the summary.
# Env: E2E_SCREENSHOTS=dir (default docs/screenshots); E2E_SKIP_BUILD=1 to reuse an existing Release build; E2E_ONLY=name,name to run some scenarios.
# The LAST line printed is "e2e: N passed, M failed"; the exit code is non-zero when anything failed.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
client="$(dirname "$here")"
repo="${APPOINTEASE_REPO_ROOT:-$(cd "$client/../../.." && pwd)}"
config="${APPOINTEASE_CONFIGURATION:-Release}"
work="$(mktemp -d /tmp/appointease-e2e.XXXXXX)"
pids=()
summary="e2e: 0 passed, 1 failed"

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
finish() {
  cleanup
  echo "$summary"
}
trap finish EXIT

fail_setup() {
  echo "e2e setup failed: $*" >&2
  [ -f "$work/app.log" ] && tail -40 "$work/app.log" >&2
  exit 1
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian chromium…"
  (apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium) >/dev/null || fail_setup "cannot install chromium"
fi

# Reinstall when package-lock.json changed since the last install (npm's marker is older), not only when missing.
marker="$client/node_modules/.package-lock.json"
if [ ! -f "$marker" ] || [ "$client/package-lock.json" -nt "$marker" ]; then
  (cd "$client" && npm ci --no-audit --no-fund && touch "$marker") || fail_setup "npm ci failed"
fi

unit_failed=0
if [ "${E2E_SKIP_UNIT:-}" != "1" ]; then
  (cd "$client" && npx vitest run) || unit_failed=1
  (cd "$client" && npm run lint) || unit_failed=1
fi

# scripts/test.sh has already built (it sets APPOINTEASE_CONFIGURATION); run alone, build here.
if [ "${E2E_SKIP_BUILD:-}" != "1" ] && [ -z "${APPOINTEASE_CONFIGURATION:-}" ]; then
  dotnet build "$repo/src/WebApi" -c "$config" -nologo -v q >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; fail_setup "build failed"; }
fi
bin="$repo/src/WebApi/bin/$config/net10.0"
[ -f "$bin/AppointEase.WebApi.dll" ] || fail_setup "no $config build in $bin"
[ -f "$bin/wwwroot/app/appointease.js" ] || fail_setup "the widget is not in $bin/wwwroot/app (was the WebApi built with npm on PATH?)"

# SMTP sink for the OTP mail.
if [ -n "${APPOINTEASE_TEST_SMTP:-}" ] && [ -n "${APPOINTEASE_TEST_SMTP_MAILDIR:-}" ]; then
  smtp_host="${APPOINTEASE_TEST_SMTP%:*}"; smtp_port="${APPOINTEASE_TEST_SMTP##*:}"; maildir="$APPOINTEASE_TEST_SMTP_MAILDIR"
else
  if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
    (apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-aiosmtpd) >/dev/null || fail_setup "cannot install python3-aiosmtpd"
  fi
  smtp_host=127.0.0.1; smtp_port="$(free_port)"; maildir="$work/mail"; mkdir -p "$maildir"/{tmp,new,cur}
  /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$maildir" >"$work/smtp.log" 2>&1 &
  pids+=($!)
fi

# The business's zone, set explicitly: the widget scenarios put the browser in it (one clock) or in another one.
business_zone="${E2E_BUSINESS_TIME_ZONE:-Europe/Berlin}"
port="$(free_port)"
base="http://127.0.0.1:$port"
# A second origin that plays "another site" embedding the widget; the API must allow it (CORS).
embed_port="$(free_port)"
embed_origin="http://127.0.0.1:$embed_port"
(
  cd "$bin" || exit 1
  export ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production
  export Database__Provider=Sqlite ConnectionStrings__Database="Data Source=$work/e2e.db" ConnectionStrings__Redis=""
  # With a test Redis (scripts/test.sh provides one) slot state runs live on Redis, under a key prefix of its own.
  if [ -n "${APPOINTEASE_TEST_REDIS:-}" ]; then
    export ConnectionStrings__Redis="$APPOINTEASE_TEST_REDIS" Redis__KeyPrefix="e2e_$$_$RANDOM"
  fi
  export Database__MigrateOnStartup=true Database__SeedDemoData=true Business__TimeZone="$business_zone"
  # Short TTLs so the hold-expiry path takes seconds, still long enough to fill in the form.
  export Business__LockTtlSeconds="${E2E_LOCK_TTL_SECONDS:-20}" Business__SelectionTtlSeconds=10 Business__HeartbeatIntervalMs=1000
  export Email__Smtp__Host="$smtp_host" Email__Smtp__Port="$smtp_port" Email__Smtp__Security=None
  export Email__PickupDirectory="$work/pickup" Email__PublicBaseUrl="$base"
  export Cors__AllowedOrigins__0="$embed_origin"
  # Every browser of the run comes from 127.0.0.1, like visitors behind one big NAT: room above the per-network
  # hold cap and slot rate (decision 084) so concurrent scenarios do not refuse each other.
  export Holds__PerNetwork=100 RateLimits__SlotsPerIp__PermitLimit=5000
  # Production refuses to start without an OTP secret (feat/identity); a throwaway one per run.
  export Auth__OtpSecret="e2e-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  exec dotnet AppointEase.WebApi.dll
) >"$work/app.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 60); do
  curl -fsS "$base/health/live" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "$base/health/live" >/dev/null 2>&1 || fail_setup "WebApi did not start on $base"

screens="${E2E_SCREENSHOTS:-$repo/docs/screenshots}"
mkdir -p "$screens"
E2E_BASE_URL="$base" E2E_EMBED_PORT="$embed_port" E2E_MAILDIR="$maildir" E2E_SCREENSHOTS="$screens" E2E_LOCK_TTL_SECONDS="${E2E_LOCK_TTL_SECONDS:-20}" \
  E2E_BUSINESS_TIME_ZONE="$business_zone" \
  node "$here/run-scenarios.mjs" | tee "$work/result.txt"
status=${PIPESTATUS[0]}
last="$(grep -E '^scenarios: [0-9]+ passed, [0-9]+ failed$' "$work/result.txt" | tail -1)"
if [ -n "$last" ]; then
  passed="$(echo "$last" | sed -E 's/^scenarios: ([0-9]+) passed.*/\1/')"
  failed="$(echo "$last" | sed -E 's/.* ([0-9]+) failed$/\1/')"
  summary="e2e: $passed passed, $((failed + unit_failed)) failed"
fi
[ "$unit_failed" -eq 1 ] && echo "vitest unit/component tests or npm run lint FAILED (counted as 1 failure)"
if [ "$status" -ne 0 ]; then
  artifacts="${E2E_ARTIFACTS:-/tmp/appointease-e2e-failures}"; mkdir -p "$artifacts"
  cp "$work/app.log" "$artifacts/webapi.log"
  echo "failure screenshots and the WebApi log: $artifacts"
fi
# Print the summary last (after cleanup, from the EXIT trap) and keep a clear exit code.
[ "$status" -eq 0 ] && [ -n "$last" ] && [ "$unit_failed" -eq 0 ] && exit 0
exit 1
