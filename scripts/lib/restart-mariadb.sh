#!/usr/bin/env bash
# Restart the private test MariaDB on the same port and data directory, for outage tests. Takes no arguments.
#
# Contract for tests (the variables are exported by scripts/test.sh via scripts/lib/servers.sh):
#   crash:    kill -9 "$(cat "$APPOINTEASE_TEST_MYSQL_PIDFILE")"         (or Process.Kill on that pid)
#   freeze:   kill -STOP / kill -CONT on the same pid                   (a hung server: connections stay open)
#   recovery: bash "$APPOINTEASE_TEST_MYSQL_RESTART"                     (this file)
# It kills a still-running instance first (so it is a true restart), starts mariadbd with
# $APPOINTEASE_TEST_MYSQL_SERVER_CMD (same port, same data: committed rows survive), and exits 0 only once the
# server answers a ping; non-zero with the log tail on stderr otherwise. The pidfile then names the new process,
# so scripts/test.sh still stops it at the end.
set -euo pipefail
: "${APPOINTEASE_TEST_MYSQL_PIDFILE:?not set - run under scripts/test.sh}"
: "${APPOINTEASE_TEST_MYSQL_SERVER_CMD:?not set - run under scripts/test.sh}"
# shellcheck source=servers.sh
source "$(dirname "${BASH_SOURCE[0]}")/servers.sh"
ae_mariadb_start_from_env
