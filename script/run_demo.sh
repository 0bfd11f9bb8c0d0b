#!/usr/bin/env bash
# `make run`: the router with the demo, and the web-chat adapter beside it.
# Usage: script/run_demo.sh VENV DB LISTEN METRICS WEB_LISTEN
set -euo pipefail
venv=$1 db=$2 listen=$3 metrics=$4 web=$5
dir=$(dirname "$db")
mkdir -p "$dir"
key_file=$dir/demo.key
secret_file=$dir/web.secret
[ -s "$secret_file" ] || (umask 077; "$venv/bin/python" -c 'import secrets; print(secrets.token_hex(32))' > "$secret_file")

# The adapter waits for the key file, which the router writes when it seeds the demo.
OMNIROUTE_WEB_SECRET=$(cat "$secret_file") "$venv/bin/omniroute" adapter web \
  --router "$listen" --listen "$web" --api-key-file "$key_file" &
adapter=$!
trap 'kill "$adapter" 2>/dev/null; wait "$adapter" 2>/dev/null' EXIT INT TERM
echo "web chat: http://$web/   (the demo bot answers there; operators: OperatorDesk over gRPC)"
"$venv/bin/omniroute" serve --db "$db" --listen "$listen" --metrics-listen "$metrics" \
  --demo --demo-key-file "$key_file"
