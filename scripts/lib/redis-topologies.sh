# shellcheck shell=bash
# Redis Cluster and Sentinel on loopback for the scale-out tests (issue 18). Sourced by servers.sh; needs its helpers.
#
#   ae_start_redis_cluster    3 masters + 3 replicas; exports APPOINTEASE_TEST_REDIS_CLUSTER (seed list
#                             "127.0.0.1:P1,127.0.0.1:P2,…", every node) and APPOINTEASE_TEST_REDIS_CLUSTER_DIR
#                             (one pidfile per node, named PORT.pid, for fault tests)
#   ae_start_redis_sentinel   1 master, 1 replica, 3 sentinels (quorum 2, master "appointease"); exports
#                             APPOINTEASE_TEST_REDIS_SENTINEL ("127.0.0.1:S1,127.0.0.1:S2,127.0.0.1:S3,serviceName=appointease",
#                             the StackExchange.Redis form) and APPOINTEASE_TEST_REDIS_SENTINEL_DIR (PORT.pid per process;
#                             master.port names the first master's port)
# ae_stop_all stops them with everything else (every PORT.pid under the run dir's redis-* folders).
# Ports stay <= 55535: a cluster node's bus port is its port + 10000. No persistence, like the single Redis.

# ae__redis_node DIR PORT [ARGS...]: one daemonized redis-server, waits for PONG.
# repl-diskless-sync-delay 0: Redis 7 waits 5 s by default before the first full sync of a replica (to batch several
# replicas); a test that kills a master sooner would find an unsynced replica (see ae__wait_replicas_synced).
ae__redis_node() {
  local dir="$1" port="$2" i; shift 2
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --repl-diskless-sync-delay 0 \
    --pidfile "$dir/$port.pid" --dir "$dir" --logfile "$dir/$port.log" "$@" >/dev/null 2>&1 || true
  for i in $(seq 1 100); do
    [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ] && return 0
    sleep 0.1
  done
  ae__log_tail "$dir/$port.log"
  ae_die "redis node did not answer on 127.0.0.1:$port"
}

# ae__wait_replicas_synced PORT...: up to 30 s until every replica among these nodes has completed its first sync
# (master_link_status:up). Until then a replica holds no data: a Cluster replica refuses to take over ("disconnected
# from master for longer than allowed", it never was connected) and a Sentinel would promote an empty one, so a
# master-kill test must not start before (decision 131).
ae__wait_replicas_synced() {
  local port i pending
  for i in $(seq 1 300); do
    pending=""
    for port in "$@"; do
      redis-cli -h 127.0.0.1 -p "$port" info replication 2>/dev/null | tr -d '\r' | grep -q '^role:slave' || continue
      redis-cli -h 127.0.0.1 -p "$port" info replication 2>/dev/null | tr -d '\r' | grep -q '^master_link_status:up' || pending="$port"
    done
    [ -z "$pending" ] && return 0
    sleep 0.1
  done
  ae_die "Redis replica on 127.0.0.1:$pending did not finish its first sync within 30 s"
}

ae_start_redis_cluster() {
  local dir ports=() i port
  ae__ensure_run_dir || return 1
  dir="$AE_RUN_DIR/redis-cluster"; mkdir -p "$dir"
  for i in 1 2 3 4 5 6; do
    ae_free_port 55535 >/dev/null || return 1
    port="$AE_PORT"
    mkdir -p "$dir/$port"
    # Each node keeps its nodes.conf in its own folder; the pidfile and log stay in $dir for ae_stop_all.
    ae__redis_node "$dir" "$port" --cluster-enabled yes --cluster-config-file "$dir/$port/nodes.conf" \
      --cluster-node-timeout 2000 || return 1
    ports+=("127.0.0.1:$port")
  done
  redis-cli --cluster create "${ports[@]}" --cluster-replicas 1 --cluster-yes >"$dir/create.log" 2>&1 ||
    { ae__log_tail "$dir/create.log"; ae_die "redis-cli --cluster create failed"; return 1; }
  for i in $(seq 1 300); do   # up to 30 s for every node to agree (slow on a loaded 2-core machine)
    if redis-cli -h 127.0.0.1 -p "${ports[0]##*:}" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; then
      ae__wait_replicas_synced "${ports[@]##*:}" || return 1
      export APPOINTEASE_TEST_REDIS_CLUSTER; APPOINTEASE_TEST_REDIS_CLUSTER="$(IFS=,; echo "${ports[*]}")"
      export APPOINTEASE_TEST_REDIS_CLUSTER_DIR="$dir"
      ae_log "Redis Cluster (3 masters, 3 replicas) on $APPOINTEASE_TEST_REDIS_CLUSTER"
      return 0
    fi
    sleep 0.1
  done
  ae_die "Redis Cluster did not reach cluster_state:ok"
}

ae_start_redis_sentinel() {
  local dir master replica s sentinels=() i conf
  ae__ensure_run_dir || return 1
  dir="$AE_RUN_DIR/redis-sentinel"; mkdir -p "$dir"
  ae_free_port 55535 >/dev/null || return 1; master="$AE_PORT"
  ae_free_port 55535 >/dev/null || return 1; replica="$AE_PORT"
  ae__redis_node "$dir" "$master" || return 1
  ae__redis_node "$dir" "$replica" --replicaof 127.0.0.1 "$master" || return 1
  echo "$master" >"$dir/master.port"
  for i in 1 2 3; do
    ae_free_port 55535 >/dev/null || return 1; s="$AE_PORT"
    conf="$dir/sentinel-$s.conf"
    printf '%s\n' "port $s" "bind 127.0.0.1" "daemonize yes" "pidfile $dir/$s.pid" "logfile $dir/$s.log" "dir $dir" \
      "sentinel monitor appointease 127.0.0.1 $master 2" \
      "sentinel down-after-milliseconds appointease 1000" \
      "sentinel failover-timeout appointease 3000" >"$conf"
    redis-server "$conf" --sentinel >/dev/null 2>&1 || true
    sentinels+=("127.0.0.1:$s")
  done
  for i in $(seq 1 300); do   # up to 30 s: every sentinel knows the master and has seen the replica
    local ready=1
    for s in "${sentinels[@]}"; do
      [ "$(redis-cli -h 127.0.0.1 -p "${s##*:}" sentinel get-master-addr-by-name appointease 2>/dev/null | tail -n 1)" = "$master" ] || ready=""
    done
    if [ -n "$ready" ] && [ "$(redis-cli -h 127.0.0.1 -p "${sentinels[0]##*:}" sentinel replicas appointease 2>/dev/null | grep -c "$replica")" -gt 0 ]; then
      ae__wait_replicas_synced "$replica" || return 1
      export APPOINTEASE_TEST_REDIS_SENTINEL; APPOINTEASE_TEST_REDIS_SENTINEL="$(IFS=,; echo "${sentinels[*]}"),serviceName=appointease"
      export APPOINTEASE_TEST_REDIS_SENTINEL_DIR="$dir"
      ae_log "Redis Sentinel (master $master, replica $replica) via $APPOINTEASE_TEST_REDIS_SENTINEL"
      return 0
    fi
    sleep 0.1
  done
  ae__log_tail "$dir/${sentinels[0]##*:}.log"
  ae_die "Redis Sentinel did not see its master and replica"
}

# Called by ae_stop_all: every node of both topologies, by pidfile, guarded by its port.
ae__stop_redis_topologies() {
  local base="$1" pidfile port
  for pidfile in "$base"/redis-cluster/*.pid "$base"/redis-sentinel/*.pid; do
    [ -f "$pidfile" ] || continue
    port="$(basename "$pidfile" .pid)"
    ae__kill_pidfile "$pidfile" ":$port"
  done
}
