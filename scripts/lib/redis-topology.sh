#!/usr/bin/env bash
# A private Redis Cluster or Sentinel group for one fault test (tests/WebApi.IntegrationTests/Scale):
#   redis-topology.sh start cluster|sentinel DIR   starts it with its files in DIR, prints its connection string
#   redis-topology.sh stop DIR                     stops every node started in DIR (by pidfile)
# The test kills nodes by their pidfiles (DIR/redis-cluster/PORT.pid, DIR/redis-sentinel/PORT.pid).
set -euo pipefail
# shellcheck source=servers.sh
source "$(dirname "${BASH_SOURCE[0]}")/servers.sh"
case "${1:-}" in
  start)
    AE_RUN_DIR="$3"; mkdir -p "$AE_RUN_DIR"
    case "$2" in
      cluster) ae_start_redis_cluster; printf '%s\n' "$APPOINTEASE_TEST_REDIS_CLUSTER" ;;
      sentinel) ae_start_redis_sentinel; printf '%s\n' "$APPOINTEASE_TEST_REDIS_SENTINEL" ;;
      *) echo "usage: $0 start cluster|sentinel DIR" >&2; exit 2 ;;
    esac ;;
  stop) ae__stop_redis_topologies "$2"; rm -rf "$2" ;;
  *) echo "usage: $0 start cluster|sentinel DIR | stop DIR" >&2; exit 2 ;;
esac
