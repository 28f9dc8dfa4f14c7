#!/usr/bin/env bash
# Restart the private SMTP sink on the same port and maildir, for email-outbox retry tests. Takes no arguments.
#
# Contract for tests (the variables are exported by scripts/test.sh via scripts/lib/servers.sh):
#   outage:   kill -9 "$(cat "$APPOINTEASE_TEST_SMTP_PIDFILE")"        (or Process.Kill on that pid)
#   recovery: bash "$APPOINTEASE_TEST_SMTP_RESTART"                     (this file)
# It kills a still-running sink first, starts $APPOINTEASE_TEST_SMTP_SERVER_CMD in the background (output to a
# log file, so a caller reading this script's stdout is not held open), records the new pid in the pidfile and
# exits 0 only once the sink greets; non-zero with the log tail on stderr otherwise. Messages already in
# $APPOINTEASE_TEST_SMTP_MAILDIR/new/ are kept.
set -euo pipefail
: "${APPOINTEASE_TEST_SMTP:?not set - run under scripts/test.sh}"
: "${APPOINTEASE_TEST_SMTP_PIDFILE:?not set - run under scripts/test.sh}"
: "${APPOINTEASE_TEST_SMTP_SERVER_CMD:?not set - run under scripts/test.sh}"
# shellcheck source=servers.sh
source "$(dirname "${BASH_SOURCE[0]}")/servers.sh"
ae_smtp_start_from_env
