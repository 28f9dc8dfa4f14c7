#!/usr/bin/env bash
# Backup/restore check for AppointEase's MariaDB data (docs/operations.md, "Back up and restore").
#
#   scripts/backup-restore-check.sh
#
# 1. Uses the MariaDB of scripts/test.sh when APPOINTEASE_TEST_MYSQL is set, otherwise starts a private one.
# 2. Creates a database with the app's own `migrate` command (schema + settings + demo catalogue), then writes
#    BOOKINGS appointments (default 500) and their outbox mail.
# 3. Backs it up exactly as docs/operations.md says: mariadb-dump --single-transaction --routines --triggers.
# 4. Starts a FRESH private MariaDB (its own temp data dir and port), restores the dump into it.
# 5. Compares every table's row count and every appointment row (id, reference, times, customer, status, token hash)
#    by checksum between the source and the restored copy; then runs `migrate` against the restored copy, which must
#    find the schema current (a restored backup is usable by the app as is).
# Last line: `backup-restore: 1 passed, 0 failed` (or `0 passed, 1 failed`); exit status 0 only if it passed.
# Everything it started is stopped by pid and its temp dirs removed, whatever happens.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BOOKINGS="${BOOKINGS:-500}"
CONFIGURATION="${APPOINTEASE_CONFIGURATION:-Release}"
APP_DIR="$REPO_ROOT/src/WebApi/bin/$CONFIGURATION/net10.0"
# shellcheck source=lib/servers.sh
source "$REPO_ROOT/scripts/lib/servers.sh"

WORK="$(mktemp -d -t appointease-backup.XXXXXX)"
OWN_SERVERS=""
RESTORE_PID=""
result=1
finish() {
  local rc=$?
  trap - EXIT
  if [ -n "$RESTORE_PID" ] && ae__owns "$RESTORE_PID" "$WORK/restore"; then
    kill -TERM "$RESTORE_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do ae__alive "$RESTORE_PID" || break; sleep 0.1; done
    ae__alive "$RESTORE_PID" && kill -KILL "$RESTORE_PID" 2>/dev/null || true
  fi
  if [ -n "${SRC_DB:-}" ] && [ -n "${SRC_ADMIN:-}" ]; then
    "${SRC_ADMIN[@]}" -e "DROP DATABASE IF EXISTS \`$SRC_DB\`" 2>/dev/null || true
  fi
  [ -n "$OWN_SERVERS" ] && ae_stop_all
  rm -rf "$WORK"
  if [ "$result" -eq 0 ] && [ "$rc" -eq 0 ]; then
    echo "backup-restore: 1 passed, 0 failed"; exit 0
  fi
  echo "backup-restore: 0 passed, 1 failed"; exit 1
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
log() { printf 'backup-restore: %s\n' "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

# --- source server and the app ----------------------------------------------------------------------------------
if [ -z "${APPOINTEASE_TEST_MYSQL:-}" ]; then
  ae_ensure_server_packages || fail "could not install mariadb-server"
  ae_start_mariadb || fail "could not start a private MariaDB"
  OWN_SERVERS=1
fi
field() { printf '%s' "$APPOINTEASE_TEST_MYSQL" | tr ';' '\n' | sed -n "s/^$1=//p"; }
SRC_PORT="$(field Port)" SRC_USER="$(field 'User ID')" SRC_PASS="$(field Password)"
SRC_DB="ae_backup_$$_$RANDOM"
SRC_ADMIN=(mariadb --no-defaults -h127.0.0.1 -P"$SRC_PORT" -u"$SRC_USER" -p"$SRC_PASS")

if [ ! -f "$APP_DIR/AppointEase.WebApi.dll" ]; then
  log "building the WebApi ($CONFIGURATION)"
  dotnet build "$REPO_ROOT/src/WebApi" -c "$CONFIGURATION" -p:SkipWidgetBuild=true -nologo -v q >&2 || fail "build failed"
fi

migrate() {   # migrate CONNECTION_STRING: the release step of docs/operations.md
  (cd "$APP_DIR" && env ASPNETCORE_ENVIRONMENT=Production Database__Provider=MySql \
     ConnectionStrings__Database="$1" Database__SeedDemoData="${2:-false}" Email__Mode=Pickup \
     Email__PickupDirectory="$WORK/mail" Auth__OtpSecret="backup-check-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
     dotnet AppointEase.WebApi.dll migrate) >"$WORK/migrate.log" 2>&1 || { tail -20 "$WORK/migrate.log" >&2; return 1; }
}

log "creating $SRC_DB with the migrate command, then $BOOKINGS bookings"
migrate "Server=127.0.0.1;Port=$SRC_PORT;User ID=$SRC_USER;Password=$SRC_PASS;Database=$SRC_DB;" true || fail "migrate on the source failed"
"${SRC_ADMIN[@]}" "$SRC_DB" <<SQL || fail "could not write the bookings"
SET @n := 0;
INSERT INTO appointments (reference, service_id, employee_id, start_utc, end_utc, customer_name, customer_email,
                          customer_phone, notes, status, created_utc, cancelled_utc, sequence, manage_token_hash)
SELECT CONCAT('BK', LPAD(seq, 8, '0')),
       1 + seq MOD 3, 1 + seq MOD 3,
       TIMESTAMP('2027-01-04 08:00:00') + INTERVAL seq * 30 MINUTE,
       TIMESTAMP('2027-01-04 08:30:00') + INTERVAL seq * 30 MINUTE,
       CONCAT('Customer ', seq, ' Ünïcødé'), CONCAT('customer', seq, '@example.com'),
       IF(seq MOD 2 = 0, CONCAT('+49 30 ', seq), NULL), IF(seq MOD 5 = 0, 'window seat; "quoted"', NULL),
       IF(seq MOD 7 = 0, 'Cancelled', 'Confirmed'), UTC_TIMESTAMP(6) - INTERVAL seq SECOND,
       IF(seq MOD 7 = 0, UTC_TIMESTAMP(6), NULL), 0, SHA2(CONCAT('token', seq), 256)
FROM seq_1_to_${BOOKINGS};
INSERT INTO email_outbox (kind, \`to\`, subject, text_body, html_body, attachments_json, status, attempts,
                          created_utc, next_attempt_utc, sent_utc)
SELECT 'confirmation', customer_email, CONCAT('Booking ', reference), 'text', '<p>html</p>', '[]', 'Sent', 1,
       created_utc, created_utc, created_utc
FROM appointments;
SQL

# --- back up ----------------------------------------------------------------------------------------------------
log "dumping"
mariadb-dump --no-defaults -h127.0.0.1 -P"$SRC_PORT" -u"$SRC_USER" -p"$SRC_PASS" \
  --single-transaction --routines --triggers --hex-blob --default-character-set=utf8mb4 \
  --databases "$SRC_DB" >"$WORK/backup.sql" || fail "mariadb-dump failed"
log "dump: $(wc -c <"$WORK/backup.sql") bytes"

# --- restore into a fresh server --------------------------------------------------------------------------------
mkdir -p "$WORK/restore/data"
mariadb-install-db --no-defaults --datadir="$WORK/restore/data" --user=root --auth-root-authentication-method=normal \
  >"$WORK/restore/install.log" 2>&1 || { tail -20 "$WORK/restore/install.log" >&2; fail "mariadb-install-db failed"; }
ae_free_port >/dev/null
RESTORE_PORT="$AE_PORT"
mariadbd --no-defaults --datadir="$WORK/restore/data" --port="$RESTORE_PORT" --bind-address=127.0.0.1 \
  --socket="$WORK/restore/sock" --user=root --pid-file="$WORK/restore/pid" \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci </dev/null >"$WORK/restore/server.log" 2>&1 &
RESTORE_PID=$!
for _ in $(seq 1 300); do
  mariadb-admin --no-defaults -h127.0.0.1 -P"$RESTORE_PORT" -uroot --connect-timeout=1 ping >/dev/null 2>&1 && break
  ae__alive "$RESTORE_PID" || break
  sleep 0.1
done
DST=(mariadb --no-defaults -h127.0.0.1 -P"$RESTORE_PORT" -uroot)
"${DST[@]}" -e 'SELECT 1' >/dev/null 2>&1 || { tail -20 "$WORK/restore/server.log" >&2; fail "the fresh MariaDB did not start"; }
log "restoring into a fresh MariaDB on port $RESTORE_PORT"
"${DST[@]}" <"$WORK/backup.sql" || fail "restore failed"

# --- compare ----------------------------------------------------------------------------------------------------
tables_sql="SELECT table_name FROM information_schema.tables WHERE table_schema = '$SRC_DB' AND table_type = 'BASE TABLE' ORDER BY table_name"
counts() {   # counts CLIENT...: "table rows" per line
  local t
  for t in $("$@" -N -e "$tables_sql"); do printf '%s %s\n' "$t" "$("$@" -N -e "SELECT COUNT(*) FROM \`$SRC_DB\`.\`$t\`")"; done
}
bookings_sql="SELECT COUNT(*), MD5(GROUP_CONCAT(CONCAT_WS('|', id, reference, service_id, employee_id, start_utc, end_utc,
  customer_name, customer_email, IFNULL(customer_phone,'-'), IFNULL(notes,'-'), status, created_utc,
  IFNULL(cancelled_utc,'-'), sequence, manage_token_hash) ORDER BY id SEPARATOR '\n'))
  FROM \`$SRC_DB\`.appointments"
"${SRC_ADMIN[@]}" -e "SET SESSION group_concat_max_len = 1073741824" >/dev/null
src_counts="$(counts "${SRC_ADMIN[@]}")"
dst_counts="$(counts "${DST[@]}")"
src_bookings="$("${SRC_ADMIN[@]}" -N -e "SET SESSION group_concat_max_len = 1073741824; $bookings_sql")"
dst_bookings="$("${DST[@]}" -N -e "SET SESSION group_concat_max_len = 1073741824; $bookings_sql")"
log "source bookings:   $src_bookings"
log "restored bookings: $dst_bookings"
[ "$(printf '%s' "$src_bookings" | cut -f1)" -eq "$BOOKINGS" ] || fail "the source does not hold $BOOKINGS bookings"
[ "$src_counts" = "$dst_counts" ] || { diff <(echo "$src_counts") <(echo "$dst_counts") >&2 || true; fail "row counts differ"; }
[ "$src_bookings" = "$dst_bookings" ] || fail "the restored bookings differ from the source"
log "$(printf '%s\n' "$dst_counts" | wc -l) tables, row counts equal; all $BOOKINGS bookings restored byte for byte"

migrate "Server=127.0.0.1;Port=$RESTORE_PORT;User ID=root;Password=;Database=$SRC_DB;" || fail "migrate on the restored copy failed"
grep -q "0 migration(s) applied" "$WORK/migrate.log" || { cat "$WORK/migrate.log" >&2; fail "the restored schema was not current"; }
log "the app's migrate step finds the restored schema current"
result=0
