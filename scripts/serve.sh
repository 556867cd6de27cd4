#!/usr/bin/env bash
# Serve the web app (gunicorn, or Django's debug server with SERVER=runserver) and the task worker (huey)
# together; Ctrl-C stops both.
set -euo pipefail
HOST="${1:-127.0.0.1}"
PORT="${2:-8000}"
BIN=.venv/bin
# Links in emails, SMS and QR codes made by the worker (pages use the address they were served at): this
# server unless SITE_URL says otherwise. 0.0.0.0 listens everywhere but is no address to link to.
case "$HOST" in
  0.0.0.0 | :: | "[::]") LINK_HOST=127.0.0.1 ;;
  *) LINK_HOST="$HOST" ;;
esac
export SITE_URL="${SITE_URL:-http://$LINK_HOST:$PORT}"

"$BIN/python" manage.py run_huey --quiet &
WORKER=$!
if [ "${SERVER:-gunicorn}" = "runserver" ]; then
  "$BIN/python" manage.py runserver "$HOST:$PORT" &
else
  HOST="$HOST" PORT="$PORT" "$BIN/gunicorn" citizen_office.wsgi:application -c scripts/gunicorn.conf.py &
fi
WEB=$!

stop() {
  trap - INT TERM EXIT
  kill -TERM "$WEB" "$WORKER" 2>/dev/null || true
  wait "$WEB" "$WORKER" 2>/dev/null || true
  echo "Citizen Office stopped."
}
trap stop INT TERM EXIT
# When either process exits, stop the other one too.
wait -n "$WEB" "$WORKER"
