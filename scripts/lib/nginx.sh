# shellcheck shell=bash
# A loopback nginx in front of N WebApi instances, running the deploy kit's site file (deploy/nginx/appointease.conf).
#
# Source after scripts/lib/servers.sh (it uses AE_RUN_DIR, ae_free_port, ae_apt_install, ae__kill_pidfile) and call:
#   ae_ensure_nginx                     install Debian's nginx if missing
#   ae_start_nginx ADDR...              render the site for these instances (e.g. 127.0.0.1:5001 127.0.0.1:5002),
#                                       start nginx on a free loopback port; exports APPOINTEASE_TEST_NGINX
#                                       (http://127.0.0.1:P) and AE_NGINX_DIR (config, pid, access.log, error.log)
#   ae_check_nginx_tls_site             renders the site WITH TLS (throwaway self-signed certificate) and runs
#                                       `nginx -t` on it: the operators' TLS half is parsed by the same nginx
#   ae_stop_nginx                       stops it by its pid (ae_stop_all does not know about nginx)
# Why rendered and not copied: the site file is the operators' file; scripts/lib/nginx_site.py substitutes only its
# tagged lines (instances, listen address, TLS, log path), so what the tests prove holds for what is deployed.
# Start nginx only once every instance answers: requests to a not-yet-listening instance mark it failed for
# fail_timeout.

AE_NGINX_SITE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/deploy/nginx/appointease.conf"

ae_ensure_nginx() {
  command -v nginx >/dev/null || PATH="$PATH:/usr/sbin"
  command -v nginx >/dev/null || ae_apt_install nginx
}

# ae__nginx_main_conf DIR SITE: the http{} frame a packaged nginx.conf provides, with every path inside DIR.
ae__nginx_main_conf() {
  local dir="$1" site="$2"
  cat <<CONF
# Rendered by scripts/lib/nginx.sh for a test run; the site is deploy/nginx/appointease.conf.
worker_processes 1;
$( [ "$(id -u)" -eq 0 ] && echo "user root;  # workers write request bodies into DIR (a private mktemp dir)" )
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    access_log off;
    include $site;
}
CONF
}

ae_start_nginx() {
  local dir port i
  [ $# -gt 0 ] || { ae_die "ae_start_nginx: no instance given"; return 1; }
  ae__ensure_run_dir || return 1
  dir="$AE_RUN_DIR/nginx"
  mkdir -p "$dir/tmp"
  ae_free_port >/dev/null || return 1
  port="$AE_PORT"
  local instances=()
  for i in "$@"; do instances+=(--instance "$i"); done
  "$AE_PYTHON" "$AE_LIB_DIR/nginx_site.py" "$AE_NGINX_SITE" --listen "127.0.0.1:$port" "${instances[@]}" \
    --access-log "$dir/access.log" >"$dir/site.conf" || { ae_die "could not render $AE_NGINX_SITE"; return 1; }
  ae__nginx_main_conf "$dir" "$dir/site.conf" >"$dir/nginx.conf"
  nginx -e "$dir/error.log" -t -p "$dir" -c "$dir/nginx.conf" >"$dir/test.log" 2>&1 || { ae__log_tail "$dir/test.log"; ae_die "nginx -t failed"; return 1; }
  # The master daemonizes and writes its pid file; its command line names $dir (the kill guard's marker).
  nginx -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" >>"$dir/error.log" 2>&1 || { ae__log_tail "$dir/error.log"; ae_die "nginx did not start"; return 1; }
  for i in $(seq 1 50); do
    [ -s "$dir/nginx.pid" ] && curl -s -o /dev/null "http://127.0.0.1:$port/health/live" && break
    sleep 0.1
  done
  AE_NGINX_DIR="$dir"
  export APPOINTEASE_TEST_NGINX="http://127.0.0.1:$port"
  ae_log "nginx on 127.0.0.1:$port -> $* (site $AE_NGINX_SITE)"
}

ae_check_nginx_tls_site() {
  local dir
  ae__ensure_run_dir || return 1
  dir="$AE_RUN_DIR/nginx-tls"
  mkdir -p "$dir/tmp"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" >"$dir/openssl.log" 2>&1 || { ae__log_tail "$dir/openssl.log"; return 1; }
  "$AE_PYTHON" "$AE_LIB_DIR/nginx_site.py" "$AE_NGINX_SITE" --listen "127.0.0.1:8443" \
    --instance 127.0.0.1:5001 --instance 127.0.0.1:5002 --access-log "$dir/access.log" \
    --tls "$dir/cert.pem" "$dir/key.pem" >"$dir/site.conf" || return 1
  ae__nginx_main_conf "$dir" "$dir/site.conf" >"$dir/nginx.conf"
  nginx -e "$dir/error.log" -t -p "$dir" -c "$dir/nginx.conf" >"$dir/test.log" 2>&1 || { ae__log_tail "$dir/test.log"; return 1; }
}

ae_stop_nginx() {
  [ -n "${AE_NGINX_DIR:-}" ] || return 0
  ae__kill_pidfile "$AE_NGINX_DIR/nginx.pid" "$AE_NGINX_DIR"
  AE_NGINX_DIR=""
  return 0
}
