#!/usr/bin/env bash
# Restart the private test Redis on the same port, for failover tests. Takes no arguments.
#
# Contract for tests (the variables are exported by scripts/test.sh via scripts/lib/servers.sh):
#   outage:   kill -9 "$(cat "$APPOINTEASE_TEST_REDIS_PIDFILE")"       (or Process.Kill on that pid)
#   recovery: bash "$APPOINTEASE_TEST_REDIS_RESTART"                    (this file)
# It kills a still-running instance first (so it is a true restart), starts redis-server with
# $APPOINTEASE_TEST_REDIS_SERVER_CMD (same port, same pidfile, empty data), and exits 0 only once Redis answers
# PING; non-zero with the log tail on stderr otherwise. The pidfile then names the new process, so
# scripts/test.sh still stops it at the end.
set -euo pipefail
: "${APPOINTEASE_TEST_REDIS:?not set - run under scripts/test.sh}"
: "${APPOINTEASE_TEST_REDIS_PIDFILE:?not set - run under scripts/test.sh}"
: "${APPOINTEASE_TEST_REDIS_SERVER_CMD:?not set - run under scripts/test.sh}"
# shellcheck source=servers.sh
source "$(dirname "${BASH_SOURCE[0]}")/servers.sh"
ae_redis_start_from_env
