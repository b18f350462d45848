# Sourced by scripts/bench-web.sh and scripts/size-guard.sh: a server with the demo province,
# its accounts, and the officer's first visit to the diary in bytes on the wire.
#   start_demo_server BIN SITE  makes a scratch folder `dir`, starts BIN on a fresh SQLite
#                             database there with the demo province and the site's assets,
#                             sets `base` (its URL) and `server_pid`, and waits until it is
#                             ready (ends the script when it does not start); the caller's
#                             EXIT trap stops it
#   sign_in USERNAME          prints the `rubric_session=...` cookie of a demo account
#   first_visit COOKIE        prints one line per response (the diary's HTML, then the CSS,
#                             JS and wasm it names, and the modules the JS imports: the
#                             split wasm's chunk loader) and sets total_sent / total_raw (bytes)

start_demo_server() {
  local bin=$1 site=$2 port
  dir=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  base="http://127.0.0.1:$port"
  "$bin" --log warn --database-url "sqlite://$dir/demo.db?mode=rwc" serve \
    --addr "127.0.0.1:$port" --site-root "$site" --seed-demo >"$dir/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 900); do curl -sf "$base/readyz" >/dev/null && return 0; sleep 0.2; done
  echo "the server did not start:" >&2
  tail -20 "$dir/server.log" >&2
  exit 1
}

sign_in() {
  curl -s -o /dev/null -c "$dir/$1.jar" -H "Origin: $base" -H 'Accept: application/json' \
    --data-urlencode "username=$1" --data-urlencode 'password=Rubric@2025' "$base/api/sign_in"
  awk '$6 == "rubric_session" {print "rubric_session=" $7}' "$dir/$1.jar"
}

first_visit() {
  local cookie=$1
  curl -s -H "Cookie: $cookie" "$base/can-bo" >"$dir/diary.html"
  # The HTML names the stylesheet, the JS and the wasm (a modulepreload and a preload).
  local assets
  assets=$(grep -oE '/pkg/[A-Za-z0-9_./-]+\.(js|wasm|css)' "$dir/diary.html" | sort -u)
  if [ -z "$assets" ]; then
    echo "  the diary names no /pkg/ asset: is the officer signed in?" >&2
    return 1
  fi
  # The server compresses its assets once, in the background, after it starts: wait for it
  # (three minutes at most) so that what is measured is what a browser gets from then on.
  local wasm_path
  wasm_path=$(echo "$assets" | grep '\.wasm$' | head -1 || true)
  if [ -n "$wasm_path" ]; then
    for _ in $(seq 1 360); do
      curl -s -o /dev/null -D - -H 'Accept-Encoding: br' "$base$wasm_path" | grep -qi '^content-encoding: br' && break
      sleep 0.5
    done
  fi
  # The JS imports the modules beside it (the split wasm's chunk loader) before it starts.
  local js imports m
  for js in $(echo "$assets" | grep '\.js$'); do
    imports=$(curl -s "$base$js" | grep -oE "from *[\"']\./[A-Za-z0-9_.-]+\.js[\"']" | sed -E "s/^from *[\"']\.\/(.*)[\"']$/\1/" | sort -u || true)
    for m in $imports; do assets="$assets
${js%/*}/$m"; done
  done
  assets=$(echo "$assets" | sort -u)
  total_sent=0
  total_raw=0
  _measure /can-bo "$cookie"
  local a
  for a in $assets; do _measure "$a" ""; done
  printf '  %-40s %10s bytes sent (%s KB), %10s uncompressed\n' "total" "$total_sent" \
    "$((total_sent / 1024))" "$total_raw"
}

_measure() {
  local path=$1 cookie=$2 c u h
  c=$(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $cookie" -H 'Accept-Encoding: br, gzip' "$base$path")
  u=$(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $cookie" "$base$path")
  h=$(curl -s -o /dev/null -D - -H "Cookie: $cookie" -H 'Accept-Encoding: br, gzip' "$base$path" \
    | tr -d '\r' | { grep -iE '^(content-encoding|cache-control):' || true; } | tr '\n' ' ')
  printf '  %-40s %10s bytes sent, %10s uncompressed   %s\n' "$path" "$c" "$u" "${h:-(no encoding or cache headers)}"
  total_sent=$((total_sent + c))
  total_raw=$((total_raw + u))
}
