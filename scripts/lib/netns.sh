#!/usr/bin/env bash
# A network of its own for one WebApi instance, so a test can cut that instance off from Redis while the other
# instances still reach it (split brain, tests/WebApi.IntegrationTests/Scale). Needs root (ip netns, veth).
#
#   netns.sh create DIR ID NET REDIS_PORT...   namespace ae-ID with two veth links to the host, prints its address:
#       app link   host aeIDa NET.1/30 <-> NET.2/30 in the namespace: HTTP from nginx and the test to the instance
#       redis link host aeIDr NET.5/30 <-> NET.6/30 in the namespace: Redis only, one socat pair per Redis port P:
#                  in the namespace 127.0.0.1:P -> NET.5:P over the link, on the host NET.5:P -> 127.0.0.1:P
#       (a Cluster names its nodes 127.0.0.1:P in its redirects, so inside the namespace they must be there too; the
#       test servers listen on 127.0.0.1 only, hence the host-side forwarder). MariaDB is reached through its Unix
#       socket, which no network namespace separates, so taking the redis link down cuts Redis and nothing else.
#   netns.sh cut ID | heal ID                   takes the redis link down (both ends lose carrier) / up again
#   netns.sh delete DIR ID                      stops the forwarders (by pidfile, each its own process group),
#                                               deletes the links and the namespace
# ID: a few [a-z0-9] (interface names stay under 16 characters); NET: three octets of a free 10.x.y range.
set -euo pipefail
ns() { printf 'ae-%s' "$1"; }

forward() {   # forward DIR NAME [ip netns exec NS] socat ARGS...: one forwarder in its own process group, pidfile DIR/NAME.pid
  local dir="$1" name="$2"; shift 2
  setsid "$@" </dev/null >>"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

case "${1:-}" in
  create)
    [ $# -ge 5 ] || { echo "usage: $0 create DIR ID NET REDIS_PORT..." >&2; exit 2; }
    dir="$2" id="$3" net="$4"; shift 4
    mkdir -p "$dir"
    command -v socat >/dev/null || { echo "netns.sh: socat is not installed" >&2; exit 1; }
    ip netns add "$(ns "$id")"
    ip -n "$(ns "$id")" link set lo up
    for link in a:1:2 r:5:6; do
      IFS=: read -r suffix host guest <<<"$link"
      ip link add "ae$id$suffix" type veth peer name "eth-$suffix" netns "$(ns "$id")"
      ip addr add "$net.$host/30" dev "ae$id$suffix"
      ip link set "ae$id$suffix" up
      ip -n "$(ns "$id")" addr add "$net.$guest/30" dev "eth-$suffix"
      ip -n "$(ns "$id")" link set "eth-$suffix" up
    done
    for port in "$@"; do
      forward "$dir" "host-$port" socat "TCP-LISTEN:$port,bind=$net.5,fork,reuseaddr" "TCP:127.0.0.1:$port"
      forward "$dir" "ns-$port" ip netns exec "$(ns "$id")" socat "TCP-LISTEN:$port,bind=127.0.0.1,fork,reuseaddr" "TCP:$net.5:$port"
    done
    for port in "$@"; do   # up to 10 s per port: Redis answers from inside the namespace
      for i in $(seq 1 100); do
        [ "$(ip netns exec "$(ns "$id")" redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ] && continue 2
        sleep 0.1
      done
      echo "netns.sh: Redis :$port does not answer inside $(ns "$id")" >&2; exit 1
    done
    printf '%s.2\n' "$net" ;;
  cut) ip link set "ae$2r" down ;;
  heal) ip link set "ae$2r" up ;;
  delete)
    dir="$2" id="$3"
    for pidfile in "$dir"/*.pid; do
      [ -f "$pidfile" ] || continue
      pid="$(tr -dc 0-9 <"$pidfile")"
      # Only our forwarder: its command line is socat's (ip netns exec execs it).
      if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q '^socat '; then
        kill -TERM -- "-$pid" 2>/dev/null || true
      fi
    done
    ip link del "ae${id}a" 2>/dev/null || true
    ip link del "ae${id}r" 2>/dev/null || true
    ip netns del "$(ns "$id")" 2>/dev/null || true
    rm -rf "$dir" ;;
  *) echo "usage: $0 create DIR ID NET REDIS_PORT... | cut ID | heal ID | delete DIR ID" >&2; exit 2 ;;
esac
