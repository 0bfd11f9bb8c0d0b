#!/usr/bin/env bash
# `make run`: the router with the demo, the web-chat adapter and the operators' web app.
# Usage: script/run_demo.sh VENV DB LISTEN METRICS WEB_LISTEN DESK_LISTEN
set -euo pipefail
venv=$1 db=$2 listen=$3 metrics=$4 web=$5 desk=$6
dir=$(dirname "$db")
mkdir -p "$dir"
key_file=$dir/demo.key
secret_file=$dir/web.secret
[ -s "$secret_file" ] || (umask 077; "$venv/bin/python" -c 'import secrets; print(secrets.token_hex(32))' > "$secret_file")

# The adapter waits for the key file, which the router writes when it seeds the demo.
OMNIROUTE_WEB_SECRET=$(cat "$secret_file") "$venv/bin/omniroute" adapter web \
  --router "$listen" --listen "$web" --api-key-file "$key_file" &
adapter=$!
"$venv/bin/omniroute" web --router "$listen" --listen "$desk" &
operators=$!
trap 'kill "$adapter" "$operators" 2>/dev/null; wait "$adapter" "$operators" 2>/dev/null' EXIT INT TERM

# The demo operators' keys are written by the router as it seeds the demo; show them once
# they are there, so a new user can sign in straight away.
(
  for _ in $(seq 100); do
    [ -s "$dir/demo.agent.token" ] && [ -s "$dir/demo.supervisor.token" ] && break
    sleep 0.2
  done
  cat <<NOTE

  web chat (you, as a customer):  http://$web/
  operators' desk:                http://$desk/
    sign in as demo.agent       with key $(cat "$dir/demo.agent.token" 2>/dev/null)
    or as demo.supervisor       with key $(cat "$dir/demo.supervisor.token" 2>/dev/null)
  Write «Позовите оператора» in the web chat and the hand-off arrives at the desk.

NOTE
) &
"$venv/bin/omniroute" serve --db "$db" --listen "$listen" --metrics-listen "$metrics" \
  --demo --demo-key-file "$key_file"
