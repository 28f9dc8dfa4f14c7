# shellcheck shell=bash
# Private test servers for AppointEase: MariaDB, Redis and an SMTP sink.
#
# Source this file (scripts/test.sh does; bench/run.sh can too) and call:
#   ae_ensure_server_packages   install mariadb-server redis-server python3-aiosmtpd if missing
#   ae_start_mariadb            exports APPOINTEASE_TEST_MYSQL
#   ae_start_redis              exports APPOINTEASE_TEST_REDIS, _REDIS_PIDFILE, _REDIS_SERVER_CMD, _REDIS_RESTART
#   ae_start_smtp               exports APPOINTEASE_TEST_SMTP, _SMTP_MAILDIR, _SMTP_PIDFILE, _SMTP_SERVER_CMD, _SMTP_RESTART
#   ae_start_redis_cluster,
#   ae_start_redis_sentinel     Redis Cluster / Sentinel for the scale-out tests (see lib/redis-topologies.sh)
#   ae_stop_all                 stops every server started above (by pid) and deletes their temp dirs
# The caller owns the cleanup: `trap ae_stop_all EXIT` right after sourcing.
#
# Why private instances: the Debian-packaged services (if apt started them) run on default ports with shared
# state; tests must neither depend on them nor disturb them, and parallel runs must not collide. Every server
# here listens on 127.0.0.1 on a kernel-chosen free port and keeps its data in one mktemp -d tree.
#
# Exported variables and their formats:
#   APPOINTEASE_TEST_MYSQL            Server=127.0.0.1;Port=P;User ID=appointease;Password=HEX;   (no Database=;
#                                     the user has ALL PRIVILEGES ON *.* WITH GRANT OPTION, so a test may create
#                                     and drop its own databases)
#   APPOINTEASE_TEST_MYSQL_SOCKET     the same server's Unix socket (reachable from any network namespace, which the
#                                     split-brain test needs; user appointease@localhost, same password)
#   APPOINTEASE_TEST_MYSQL_PIDFILE    file holding the pid of mariadbd (kill -9 it, or -STOP/-CONT to freeze it)
#   APPOINTEASE_TEST_MYSQL_SERVER_CMD shell command line of mariadbd (foreground; the restart script backgrounds it)
#   APPOINTEASE_TEST_MYSQL_RESTART    absolute path of scripts/lib/restart-mariadb.sh (no args; see that file)
#   APPOINTEASE_TEST_REDIS            127.0.0.1:P
#   APPOINTEASE_TEST_REDIS_PIDFILE    file holding the pid of the (daemonized) redis-server
#   APPOINTEASE_TEST_REDIS_SERVER_CMD shell command line that starts redis again on the same port/pidfile
#                                     (run with `bash -c`; it daemonizes and returns at once)
#   APPOINTEASE_TEST_REDIS_RESTART    absolute path of scripts/lib/restart-redis.sh (no args; see that file)
#   APPOINTEASE_TEST_SMTP             127.0.0.1:P   (plain SMTP, no TLS, no AUTH)
#   APPOINTEASE_TEST_SMTP_MAILDIR     maildir; each accepted message becomes one file in $DIR/new/
#   APPOINTEASE_TEST_SMTP_PIDFILE     file holding the pid of the sink (a foreground python process)
#   APPOINTEASE_TEST_SMTP_SERVER_CMD  shell command line of the sink (foreground; the restart script backgrounds it)
#   APPOINTEASE_TEST_SMTP_RESTART     absolute path of scripts/lib/restart-smtp.sh (no args; see that file)
# An outage in a test: kill -9 "$(cat "$APPOINTEASE_TEST_REDIS_PIDFILE")" (or the MariaDB or SMTP pidfile), assert the
# degraded behaviour, then run the restart script: it starts the server on the same port and returns only once
# the server answers (exit 0) or fails (non-zero, log tail on stderr).

# Only these helpers: system python (Debian's aiosmtpd is not visible to a pyenv/venv python3 earlier on PATH).
AE_PYTHON=/usr/bin/python3
AE_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# mariadbd / mariadb-install-db live in /usr/sbin, which non-login shells of non-root users may lack.
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/sbin:/sbin" ;; esac

# shellcheck source=redis-topologies.sh
source "$AE_LIB_DIR/redis-topologies.sh"

AE_RUN_DIR="${AE_RUN_DIR:-}"   # one temp tree for all servers of this shell; created lazily
AE_USED_PORTS=()               # ports handed out in this shell, so two servers never get the same one

ae_log() { printf 'servers: %s\n' "$*" >&2; }
ae_die() { printf 'servers: ERROR: %s\n' "$*" >&2; return 1; }

# Sets AE_RUN_DIR in this shell (so not to be called inside $(...), which would lose it).
ae__ensure_run_dir() {
  if [ -z "$AE_RUN_DIR" ] || [ ! -d "$AE_RUN_DIR" ]; then
    AE_RUN_DIR="$(mktemp -d -t appointease-servers.XXXXXX)" || return 1
  fi
}

# ae_free_port [MAX]: a loopback port nobody listens on, <= MAX (default 65535); sets AE_PORT and prints it.
# The kernel picks it (bind to port 0), so it is free right now; the start functions still retry with a new port
# if the server then loses the race for it. Call it directly (not in $(...)) so AE_USED_PORTS remembers the port.
ae_free_port() {
  local max="${1:-65535}" port attempt used
  for attempt in $(seq 1 100); do
    port="$("$AE_PYTHON" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')" || return 1
    [ "$port" -le "$max" ] || continue
    for used in "${AE_USED_PORTS[@]}"; do [ "$used" = "$port" ] && continue 2; done
    AE_USED_PORTS+=("$port")
    AE_PORT="$port"
    printf '%s\n' "$port"
    return 0
  done
  ae_die "no free loopback port <= $max after 100 tries"
}

# ae__alive PID: running and not a zombie (a killed child of ours stays a zombie until reaped, and
# `kill -0` would still succeed on it).
ae__alive() {
  local pid="$1" state
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  state="$(sed -E 's/^[0-9]+ \(.*\) ([A-Z]).*/\1/' "/proc/$pid/stat" 2>/dev/null)" || return 1
  [ "$state" != Z ] && [ "$state" != X ]
}

# ae__owns PID MARKER: the process's command line mentions MARKER (its port or its temp dir). Guards every
# kill, so a stale pidfile whose pid was reused can never make us kill an unrelated process.
ae__owns() {
  local pid="$1" marker="$2"
  ae__alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"
}

# ae__kill_pidfile PIDFILE MARKER: TERM, wait up to 15 s, then KILL. Quiet if already gone.
ae__kill_pidfile() {
  local pidfile="$1" marker="$2" pid i
  [ -f "$pidfile" ] || return 0
  pid="$(tr -dc 0-9 <"$pidfile")"
  ae__owns "$pid" "$marker" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 150); do
    ae__alive "$pid" || break
    sleep 0.1
  done
  if ae__alive "$pid"; then
    ae_log "pid $pid ($marker) ignored TERM for 15 s; killing"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  # Reap it if it is our child; harmless (and fails silently) otherwise.
  wait "$pid" 2>/dev/null || true
}

ae__log_tail() { [ -f "$1" ] && tail -n 20 "$1" | sed 's/^/    | /' >&2 || true; }

# --- packages -------------------------------------------------------------------------------------------------

# ae_apt_install PKG...: apt-get update + install. Another apt may hold the dpkg lock (the machine's image setup
# can still be installing in the background), so wait for the lock and retry rather than fail.
ae_apt_install() {
  local sudo="" attempt
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { ae_die "need root or sudo to apt-get install $*"; return 1; }
    sudo="sudo"
  fi
  ae_log "installing: $*"
  for attempt in 1 2 3 4 5; do
    if $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -q >&2 &&
       $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
         --no-install-recommends "$@" >&2; then
      return 0
    fi
    ae_log "apt-get failed (attempt $attempt/5); retrying in 15 s"
    sleep 15
  done
  ae_die "could not install: $*"
}

ae_ensure_server_packages() {
  local missing=()
  command -v mariadbd >/dev/null && command -v mariadb-install-db >/dev/null || missing+=(mariadb-server)
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || missing+=(redis-server)
  "$AE_PYTHON" -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
  [ "${#missing[@]}" -eq 0 ] || ae_apt_install "${missing[@]}"
}

# --- MariaDB --------------------------------------------------------------------------------------------------

# ae__mariadb_spawn DIR: starts mariadbd from $APPOINTEASE_TEST_MYSQL_SERVER_CMD in the background, records its pid in
# $APPOINTEASE_TEST_MYSQL_PIDFILE and waits (up to 30 s, usually ~1 s) until it answers a ping or dies.
ae__mariadb_spawn() {
  local dir="$1" port pid i
  port="$(sed -nE 's/.*--port=([0-9]+).*/\1/p' <<<"$APPOINTEASE_TEST_MYSQL_SERVER_CMD")"
  # stdin/stdout/stderr away from the caller: a test process reading the restart script's output would otherwise
  # wait for as long as the server lives.
  bash -c "exec $APPOINTEASE_TEST_MYSQL_SERVER_CMD" </dev/null >>"$dir/server.log" 2>&1 &
  pid=$!
  echo "$pid" >"$APPOINTEASE_TEST_MYSQL_PIDFILE"
  disown "$pid"   # no job notice on the console when we stop it (bash still reaps it)
  for i in $(seq 1 300); do
    if mariadb-admin --no-defaults -h127.0.0.1 -P"$port" -uroot --connect-timeout=1 ping >/dev/null 2>&1; then
      return 0
    fi
    ae__alive "$pid" || return 1
    sleep 0.1
  done
  return 1
}

# Restarts MariaDB from the exported variables on the same port and data directory (what a crashed server finds
# after `kill -9`: InnoDB recovers every committed transaction). Used by scripts/lib/restart-mariadb.sh.
ae_mariadb_start_from_env() {
  local pidfile="$APPOINTEASE_TEST_MYSQL_PIDFILE" dir
  dir="$(dirname "$pidfile")"
  ae__kill_pidfile "$pidfile" "$dir"
  rm -f "$pidfile"
  if ! ae__mariadb_spawn "$dir"; then
    ae__kill_pidfile "$pidfile" "$dir"
    ae__log_tail "$dir/server.log"
    ae_die "mariadbd did not answer after a restart"; return 1
  fi
}

ae_start_mariadb() {
  local base dir port pass attempt i
  ae__ensure_run_dir || return 1
  base="$AE_RUN_DIR"
  pass="$("$AE_PYTHON" -c 'import secrets; print(secrets.token_hex(16))')"   # hex: safe in a connection string
  for attempt in 1 2 3; do
    dir="$base/mariadb"
    rm -rf "$dir"; mkdir -p "$dir/data"
    ae_free_port >/dev/null || return 1
    port="$AE_PORT"
    if ! mariadb-install-db --no-defaults --datadir="$dir/data" --user=root \
         --auth-root-authentication-method=normal >"$dir/install.log" 2>&1; then
      ae__log_tail "$dir/install.log"
      ae_die "mariadb-install-db failed (log above)"; return 1
    fi
    # Throwaway data, so trade durability for speed (flush at most once a second, no doublewrite; a killed
    # mariadbd still loses nothing committed, only an OS crash would); utf8mb4 because --no-defaults would otherwise
    # leave the server on latin1; extra connections because parallel test classes each hold a connection pool.
    export APPOINTEASE_TEST_MYSQL_PIDFILE="$dir/server.pid"   # our own pidfile: mariadbd writes --pid-file only once it is up
    export APPOINTEASE_TEST_MYSQL_SERVER_CMD
    APPOINTEASE_TEST_MYSQL_SERVER_CMD="$(printf '%q ' "$(command -v mariadbd)" --no-defaults --datadir="$dir/data" \
      --port="$port" --bind-address=127.0.0.1 --socket="$dir/sock" --user=root --pid-file="$dir/pid" \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --innodb-flush-log-at-trx-commit=2 --innodb-doublewrite=0 --max-connections=500)"
    export APPOINTEASE_TEST_MYSQL_RESTART="$AE_LIB_DIR/restart-mariadb.sh"
    ae__mariadb_spawn "$dir" || true
    if mariadb-admin --no-defaults -h127.0.0.1 -P"$port" -uroot --connect-timeout=1 ping >/dev/null 2>&1; then
      break
    fi
    ae__kill_pidfile "$dir/server.pid" "$dir"
    ae_log "mariadbd did not come up on port $port (attempt $attempt/3):"
    ae__log_tail "$dir/server.log"
    port=""
  done
  [ -n "$port" ] || { ae_die "could not start MariaDB"; return 1; }

  # One user for all tests, able to create a database per test class. '%' covers TCP; 'localhost' is added
  # because the server resolves 127.0.0.1 to localhost and a host-specific match wins over '%'.
  if ! mariadb --no-defaults -h127.0.0.1 -P"$port" -uroot >"$dir/setup.log" 2>&1 <<SQL
CREATE USER 'appointease'@'%' IDENTIFIED BY '$pass';
GRANT ALL PRIVILEGES ON *.* TO 'appointease'@'%' WITH GRANT OPTION;
CREATE USER 'appointease'@'localhost' IDENTIFIED BY '$pass';
GRANT ALL PRIVILEGES ON *.* TO 'appointease'@'localhost' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
  then
    ae__log_tail "$dir/setup.log"
    ae_die "could not create the appointease user in MariaDB"; return 1
  fi
  if ! mariadb --no-defaults -h127.0.0.1 -P"$port" -uappointease -p"$pass" -e 'SELECT 1' >/dev/null 2>"$dir/setup.log"; then
    ae__log_tail "$dir/setup.log"
    ae_die "the appointease user cannot log in to MariaDB"; return 1
  fi

  export APPOINTEASE_TEST_MYSQL="Server=127.0.0.1;Port=$port;User ID=appointease;Password=$pass;"
  export APPOINTEASE_TEST_MYSQL_SOCKET="$dir/sock"
  AE_MARIADB_PORT="$port"
  ae_log "MariaDB on 127.0.0.1:$port (data $dir)"
}

# --- Redis ----------------------------------------------------------------------------------------------------

# Starts redis from the exported variables and waits until it answers PING. Shared by ae_start_redis and
# scripts/lib/restart-redis.sh, so a restart is exactly the original start.
ae_redis_start_from_env() {
  local port="${APPOINTEASE_TEST_REDIS##*:}" pidfile="$APPOINTEASE_TEST_REDIS_PIDFILE" i
  local logfile; logfile="$(dirname "$pidfile")/server.log"
  # A killed redis leaves its pidfile behind; stop a live one (restart semantics) and drop the stale file,
  # so the pidfile always names the current process.
  ae__kill_pidfile "$pidfile" ":$port"
  rm -f "$pidfile"
  bash -c "$APPOINTEASE_TEST_REDIS_SERVER_CMD" >>"$logfile" 2>&1 || true
  for i in $(seq 1 100); do   # up to 10 s
    if [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ]; then return 0; fi
    sleep 0.1
  done
  ae__kill_pidfile "$pidfile" ":$port"
  ae__log_tail "$logfile"
  ae_die "redis-server did not answer on 127.0.0.1:$port"
}

ae_start_redis() {
  local base dir port attempt ok=""
  ae__ensure_run_dir || return 1
  base="$AE_RUN_DIR"
  dir="$base/redis"; mkdir -p "$dir"
  for attempt in 1 2 3; do
    # <= 55535 so the same port also works for Redis Cluster (bus port = port + 10000).
    ae_free_port 55535 >/dev/null || return 1
    port="$AE_PORT"
    export APPOINTEASE_TEST_REDIS="127.0.0.1:$port"
    export APPOINTEASE_TEST_REDIS_PIDFILE="$dir/redis.pid"
    # No persistence: an outage test must come back empty-handed, like a real Redis that lost its memory.
    export APPOINTEASE_TEST_REDIS_SERVER_CMD
    APPOINTEASE_TEST_REDIS_SERVER_CMD="$(printf '%q ' "$(command -v redis-server)" \
      --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --pidfile "$dir/redis.pid" --dir "$dir" --logfile "$dir/server.log")"
    export APPOINTEASE_TEST_REDIS_RESTART="$AE_LIB_DIR/restart-redis.sh"
    if ae_redis_start_from_env; then ok=1; break; fi
    ae_log "redis-server failed on port $port (attempt $attempt/3)"
  done
  [ -n "$ok" ] || { ae_die "could not start Redis"; return 1; }
  AE_REDIS_PORT="$port"
  ae_log "Redis on 127.0.0.1:$port (dir $dir)"
}

# --- SMTP sink ------------------------------------------------------------------------------------------------

# True once the sink greets with 220 (a bare TCP connect is not enough: aiosmtpd accepts before it is ready).
ae__smtp_ready() {
  "$AE_PYTHON" - "$1" <<'PY' >/dev/null 2>&1
import smtplib, sys
s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=2)
s.noop()
s.quit()
PY
}

# Starts the sink in the background from the exported variables, records its pid, waits for its greeting.
# Shared by ae_start_smtp and scripts/lib/restart-smtp.sh.
ae_smtp_start_from_env() {
  local port="${APPOINTEASE_TEST_SMTP##*:}" pidfile="$APPOINTEASE_TEST_SMTP_PIDFILE" pid i
  local logfile; logfile="$(dirname "$pidfile")/server.log"
  ae__kill_pidfile "$pidfile" "127.0.0.1:$port"
  rm -f "$pidfile"
  # stdin/stdout/stderr away from the caller: when a test process runs the restart script and reads its
  # output, an inherited pipe would keep that read open for as long as the sink lives.
  bash -c "exec $APPOINTEASE_TEST_SMTP_SERVER_CMD" </dev/null >>"$logfile" 2>&1 &
  pid=$!
  echo "$pid" >"$pidfile"
  disown "$pid"   # no "Killed" job notice when a test kills it (bash still reaps it)
  for i in $(seq 1 100); do   # up to 10 s
    ae__smtp_ready "$port" && return 0
    ae__alive "$pid" || break
    sleep 0.1
  done
  ae__kill_pidfile "$pidfile" "127.0.0.1:$port"
  ae__log_tail "$logfile"
  ae_die "SMTP sink did not answer on 127.0.0.1:$port"
}

ae_start_smtp() {
  local base dir port attempt ok=""
  ae__ensure_run_dir || return 1
  base="$AE_RUN_DIR"
  dir="$base/smtp"
  # Maildir layout up front, so a test can watch new/ before the first message arrives.
  mkdir -p "$dir/maildir/new" "$dir/maildir/cur" "$dir/maildir/tmp"
  for attempt in 1 2 3; do
    ae_free_port >/dev/null || return 1
    port="$AE_PORT"
    export APPOINTEASE_TEST_SMTP="127.0.0.1:$port"
    export APPOINTEASE_TEST_SMTP_MAILDIR="$dir/maildir"
    export APPOINTEASE_TEST_SMTP_PIDFILE="$dir/smtp.pid"
    export APPOINTEASE_TEST_SMTP_SERVER_CMD
    APPOINTEASE_TEST_SMTP_SERVER_CMD="$(printf '%q ' "$AE_PYTHON" -m aiosmtpd -n \
      -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$dir/maildir")"
    export APPOINTEASE_TEST_SMTP_RESTART="$AE_LIB_DIR/restart-smtp.sh"
    if ae_smtp_start_from_env; then ok=1; break; fi
    ae_log "SMTP sink failed on port $port (attempt $attempt/3)"
  done
  [ -n "$ok" ] || { ae_die "could not start the SMTP sink"; return 1; }
  AE_SMTP_PORT="$port"
  ae_log "SMTP sink on 127.0.0.1:$port (maildir $dir/maildir)"
}

# --- stop -----------------------------------------------------------------------------------------------------

# Stops whatever this shell started (including servers a test restarted: they are found through the same
# pidfiles) and removes the temp tree. Idempotent; never fails, so it is safe in an EXIT trap under set -e.
ae_stop_all() {
  local base="$AE_RUN_DIR"
  [ -n "$base" ] && [ -d "$base" ] || return 0
  # The exported addresses are set before the first start attempt, so a half-started server is found too.
  [ -n "${APPOINTEASE_TEST_SMTP:-}" ] &&
    ae__kill_pidfile "$base/smtp/smtp.pid" "$APPOINTEASE_TEST_SMTP"
  [ -n "${APPOINTEASE_TEST_REDIS:-}" ] &&
    ae__kill_pidfile "$base/redis/redis.pid" ":${APPOINTEASE_TEST_REDIS##*:}"
  ae__kill_pidfile "$base/mariadb/server.pid" "$base/mariadb"
  ae__stop_redis_topologies "$base"
  rm -rf "$base"
  AE_RUN_DIR=""
  unset AE_SMTP_PORT AE_REDIS_PORT AE_MARIADB_PORT
  return 0
}
