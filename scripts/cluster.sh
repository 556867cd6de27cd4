#!/usr/bin/env bash
# `make cluster`: what a national deployment runs, on this machine (docs/operations.md, "Several servers on one
# machine"): nginx from the distribution in front of two gunicorn app servers and one huey worker, on the local
# PostgreSQL and Redis. Ctrl-C stops everything. A process that dies is reported and the others keep running: the
# drill (server_tests/test_cluster.py) kills an app server on purpose.
#
# Settings (environment): CLUSTER_DIR (var/cluster: uploads, logs, pids, the nginx configuration and `env`, the
# settings every process got), CLUSTER_DB (citizen_office_cluster), CLUSTER_PG_URL (postgres://postgres@127.0.0.1:5432),
# CLUSTER_REDIS_URL (redis://127.0.0.1:6379), CLUSTER_REDIS_DB (1), CLUSTER_DEMO (1; 0 skips the demo data),
# STATIC_ROOT (var/static, the hashed files `make run` collects too), NGINX (the nginx binary).
set -euo pipefail
cd "$(dirname "$0")/.."
HOST="${1:-127.0.0.1}"
PORT="${2:-8000}"
ROOT="$PWD"
BIN="$ROOT/.venv/bin"

CLUSTER_DIR="${CLUSTER_DIR:-var/cluster}"
mkdir -p "$CLUSTER_DIR"
CLUSTER_DIR="$(cd "$CLUSTER_DIR" && pwd)"
CLUSTER_DB="${CLUSTER_DB:-citizen_office_cluster}"
CLUSTER_PG_URL="${CLUSTER_PG_URL:-postgres://postgres@127.0.0.1:5432}"
CLUSTER_REDIS_URL="${CLUSTER_REDIS_URL:-redis://127.0.0.1:6379}"
CLUSTER_REDIS_DB="${CLUSTER_REDIS_DB:-1}"
NGINX_DIR="$CLUSTER_DIR/nginx"
LOGS="$CLUSTER_DIR/logs"

say() { echo "make cluster: $*"; }
fail() {
  echo "make cluster: $*" >&2
  exit 1
}

case "$CLUSTER_DIR" in *[[:space:]\"\;]*) fail "CLUSTER_DIR must not contain spaces, quotes or ';' (nginx reads it): $CLUSTER_DIR" ;; esac
case "$CLUSTER_DB" in *[!A-Za-z0-9_]*) fail "CLUSTER_DB may hold letters, digits and '_' only: $CLUSTER_DB" ;; esac

# --- What the cluster needs: nginx, PostgreSQL and Redis answering --------------------------------------------------
NGINX="${NGINX:-$(command -v nginx || true)}"
if [ -z "$NGINX" ] && [ -x /usr/sbin/nginx ]; then NGINX=/usr/sbin/nginx; fi
missing=()
[ -n "$NGINX" ] || missing+=("nginx (Debian/Ubuntu: apt-get install nginx-light; or set NGINX=/path/to/nginx)")
"$BIN/python" scripts/pg_available.py "$CLUSTER_PG_URL" ||
  missing+=("PostgreSQL answering at $CLUSTER_PG_URL (apt-get install postgresql; or set CLUSTER_PG_URL)")
"$BIN/python" -c 'import sys, redis; redis.Redis.from_url(sys.argv[1], socket_timeout=2).ping()' \
  "$CLUSTER_REDIS_URL" 2>/dev/null ||
  missing+=("Redis answering at $CLUSTER_REDIS_URL (apt-get install redis-server; or set CLUSTER_REDIS_URL)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "make cluster needs what a national deployment runs, and this machine lacks:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi

port_free() { # host port: nobody listens there (connections closing on it do not count, as for nginx and gunicorn)
  "$BIN/python" - "$1" "$2" 2>/dev/null <<'PY'
import socket
import sys

host = sys.argv[1].strip("[]")
s = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((host, int(sys.argv[2])))
PY
}
any_free_port() {
  "$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
port_free "$HOST" "$PORT" || fail "$HOST:$PORT is taken: stop what listens there or choose another PORT."
APP1_PORT=$((PORT + 101))
APP2_PORT=$((PORT + 102))
if [ "$APP1_PORT" -gt 65535 ] || ! port_free 127.0.0.1 "$APP1_PORT"; then APP1_PORT="$(any_free_port)"; fi
if [ "$APP2_PORT" -gt 65535 ] || [ "$APP2_PORT" = "$APP1_PORT" ] || ! port_free 127.0.0.1 "$APP2_PORT"; then
  APP2_PORT="$(any_free_port)"
fi

# --- The settings every process gets (also written to $CLUSTER_DIR/env for manage.py) ------------------------------
case "$HOST" in
  0.0.0.0 | :: | "[::]") LINK_HOST=127.0.0.1 ;;
  *:*) LINK_HOST="[$HOST]" ;;
  *) LINK_HOST="$HOST" ;;
esac
case "$HOST" in
  "[::]" | \[*) LISTEN="$HOST:$PORT" ;;
  *:*) LISTEN="[$HOST]:$PORT" ;;
  *) LISTEN="$HOST:$PORT" ;;
esac
URL="http://$LINK_HOST:$PORT"
export DATABASE_URL="$CLUSTER_PG_URL/$CLUSTER_DB"
export REDIS_URL="$CLUSTER_REDIS_URL/$CLUSTER_REDIS_DB"
export DEBUG=false STATIC_MANIFEST=true TRUSTED_PROXY_COUNT=1 HUEY_IMMEDIATE=false
export STATIC_ROOT="${STATIC_ROOT:-$ROOT/var/static}"
export MEDIA_ROOT="$CLUSTER_DIR/media" PRIVATE_MEDIA_ROOT="$CLUSTER_DIR/private" EMAIL_FILE_PATH="$CLUSTER_DIR/mail"
export SITE_URL="${SITE_URL:-$URL}"
mkdir -p "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT" "$EMAIL_FILE_PATH" "$LOGS" "$NGINX_DIR/tmp" "$STATIC_ROOT"
{
  echo "# The settings of the cluster's processes (scripts/cluster.sh). To run manage.py on its database and files:"
  echo "#   set -a; . $CLUSTER_DIR/env; set +a; .venv/bin/python manage.py shell"
  for name in DATABASE_URL REDIS_URL DEBUG STATIC_MANIFEST STATIC_ROOT TRUSTED_PROXY_COUNT HUEY_IMMEDIATE MEDIA_ROOT \
    PRIVATE_MEDIA_ROOT EMAIL_FILE_PATH SITE_URL; do
    printf '%s=%q\n' "$name" "${!name}"
  done
} >"$CLUSTER_DIR/env"

# --- Database, demo data, static files -----------------------------------------------------------------------------
"$BIN/python" - "$CLUSTER_PG_URL/postgres" "$CLUSTER_DB" <<'PY'
import sys

import psycopg
from psycopg import sql

with psycopg.connect(sys.argv[1], autocommit=True, connect_timeout=5) as connection:
    if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (sys.argv[2],)).fetchone():
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(sys.argv[2])))
        print(f"make cluster: database {sys.argv[2]} created.")
PY
say "migrating $DATABASE_URL and loading the territories"
"$BIN/python" manage.py migrate --no-input -v 0
"$BIN/python" manage.py import_territories >/dev/null
if [ "${CLUSTER_DEMO:-1}" != 0 ]; then
  say "loading the demo data"
  "$BIN/python" manage.py seed_demo
fi
# collectstatic hashes and compresses every file (about 40 s on two cores): done only when a source is newer than
# the manifest, or the installed packages changed since.
static_stale() {
  local manifest="$STATIC_ROOT/staticfiles.json" dir
  [ -f "$manifest" ] || return 0
  [ -n "$(find "$BIN/../lib"/python*/site-packages -maxdepth 0 -newer "$manifest")" ] && return 0
  for dir in "$ROOT/static" "$ROOT"/*/static; do
    case "$dir" in "$ROOT/var/"*) continue ;; esac
    [ -d "$dir" ] && [ -n "$(find "$dir" -newer "$manifest" -print -quit)" ] && return 0
  done
  return 1
}
if static_stale; then
  say "collecting the static files into $STATIC_ROOT"
  "$BIN/python" manage.py collectstatic --no-input -v 0
else
  say "static files in $STATIC_ROOT are up to date"
fi

# --- nginx's configuration, from the template ----------------------------------------------------------------------
MAX_REQUEST_BODY="$("$BIN/python" manage.py shell -v 0 -c 'from django.conf import settings; print(settings.MAX_REQUEST_BODY)' | tail -n 1)"
case "$MAX_REQUEST_BODY" in '' | *[!0-9]*) fail "could not read MAX_REQUEST_BODY from the settings" ;; esac
USER_DIRECTIVE="# (not root: nginx's workers run as $(id -un))"
if [ "$(id -u)" = 0 ]; then USER_DIRECTIVE="user root;"; fi
sed_value() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }
sed -e "s|@NGINX_DIR@|$(sed_value "$NGINX_DIR")|g" \
  -e "s|@MEDIA_ROOT@|$(sed_value "$MEDIA_ROOT")|g" \
  -e "s|@LISTEN@|$(sed_value "$LISTEN")|g" \
  -e "s|@APP1_PORT@|$APP1_PORT|g" \
  -e "s|@APP2_PORT@|$APP2_PORT|g" \
  -e "s|@MAX_REQUEST_BODY@|$MAX_REQUEST_BODY|g" \
  -e "s|@USER_DIRECTIVE@|$(sed_value "$USER_DIRECTIVE")|g" \
  scripts/nginx-cluster.conf.template >"$NGINX_DIR/nginx.conf"
NGINX_ARGS=(-p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -e "$NGINX_DIR/error.log")
if ! check="$("$NGINX" -t -q "${NGINX_ARGS[@]}" 2>&1)"; then
  fail "nginx refuses $NGINX_DIR/nginx.conf: $check"
fi

# --- The processes ----------------------------------------------------------------------------------------------------
NAMES=()
PIDS=()
start() { # name command...: output to $LOGS/<name>.log, pid to $CLUSTER_DIR/<name>.pid
  local name="$1"
  shift
  "$@" >>"$LOGS/$name.log" 2>&1 &
  NAMES+=("$name")
  PIDS+=("$!")
  echo "$!" >"$CLUSTER_DIR/$name.pid"
}
stop() {
  trap - INT TERM EXIT
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for name in "${NAMES[@]}"; do rm -f "$CLUSTER_DIR/$name.pid"; done
  say "stopped (nginx, app1, app2, worker)."
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for n in 1 2; do
  app_port="APP${n}_PORT"
  start "app$n" env SERVER_LABEL="app$n" HOST=127.0.0.1 PORT="${!app_port}" \
    "$BIN/gunicorn" citizen_office.wsgi:application -c scripts/gunicorn.conf.py
done
start worker env SERVER_LABEL=worker "$BIN/python" manage.py run_huey --quiet

answers() { # url: true once it answers /healthz, within a minute
  local _
  for _ in $(seq 1 120); do
    if "$BIN/python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1/healthz" \
      2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  return 1
}
# nginx starts once both app servers answer: a first request to one still booting would mark it failed for
# fail_timeout (10 s) and send everything to the other.
for n in 1 2; do
  app_port="APP${n}_PORT"
  answers "http://127.0.0.1:${!app_port}" || say "app$n does not answer after a minute: see $LOGS/app$n.log." >&2
done
start nginx "$NGINX" "${NGINX_ARGS[@]}" -g "daemon off;"
answers "$URL" || say "the proxy does not answer $URL/healthz after a minute: see $LOGS/ and $NGINX_DIR/error.log." >&2

echo
echo "Citizen Office, as a national deployment runs it, on $URL  (Ctrl-C stops everything)"
echo "  nginx   $LISTEN → the two app servers (round robin; the configuration: $NGINX_DIR/nginx.conf)"
echo "  app1    http://127.0.0.1:$APP1_PORT  gunicorn, pid ${PIDS[0]}"
echo "  app2    http://127.0.0.1:$APP2_PORT  gunicorn, pid ${PIDS[1]}"
echo "  worker  manage.py run_huey, pid ${PIDS[2]}"
echo "  PostgreSQL $DATABASE_URL, Redis $REDIS_URL; uploads in $CLUSTER_DIR/media and $CLUSTER_DIR/private"
echo "  Logs: $LOGS/*.log and $NGINX_DIR/access.log; settings for manage.py: $CLUSTER_DIR/env"
echo "  Every answer says which app server gave it: X-Served-By: app1/<pid> or app2/<pid>"
echo "Emails it sends: $SITE_URL/en/dev/mail/ and $EMAIL_FILE_PATH/*.eml"
if [ "${CLUSTER_DEMO:-1}" != 0 ]; then
  echo
  "$BIN/python" manage.py demo_accounts
fi
echo

# Watch the processes: report each one that ends, keep the others running, stop when none is left.
running=${#PIDS[@]}
declare -a reported=()
while [ "$running" -gt 0 ]; do
  wait -n 2>/dev/null || true
  for i in "${!PIDS[@]}"; do
    if [ -z "${reported[$i]:-}" ] && ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      reported[i]=1
      running=$((running - 1))
      rm -f "$CLUSTER_DIR/${NAMES[$i]}.pid"
      say "${NAMES[$i]} (pid ${PIDS[$i]}) has stopped; the others keep running ($LOGS/${NAMES[$i]}.log)." >&2
    fi
  done
done
say "every process has stopped."
exit 1
