#!/usr/bin/env bash
# The deploy kit's nginx site in front of instances a test started itself (tests/WebApi.IntegrationTests/Scale):
#   nginx-ctl.sh start DIR ADDR...   renders deploy/nginx/appointease.conf for these instances (host:port each) with
#                                    scripts/lib/nginx.sh, starts nginx with its files in DIR, prints its base URL
#   nginx-ctl.sh stop DIR            stops that nginx (by its pidfile) and deletes DIR
set -euo pipefail
# shellcheck source=servers.sh
source "$(dirname "${BASH_SOURCE[0]}")/servers.sh"
# shellcheck source=nginx.sh
source "$(dirname "${BASH_SOURCE[0]}")/nginx.sh"
case "${1:-}" in
  start)
    [ $# -ge 3 ] || { echo "usage: $0 start DIR ADDR..." >&2; exit 2; }
    AE_RUN_DIR="$2"; mkdir -p "$AE_RUN_DIR"; shift 2
    ae_ensure_nginx >&2
    ae_start_nginx "$@"
    printf '%s\n' "$APPOINTEASE_TEST_NGINX" ;;
  stop)
    command -v nginx >/dev/null || PATH="$PATH:/usr/sbin"
    AE_NGINX_DIR="$2/nginx"; ae_stop_nginx; rm -rf "$2" ;;
  *) echo "usage: $0 start DIR ADDR... | stop DIR" >&2; exit 2 ;;
esac
