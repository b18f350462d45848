# Sourced by scripts/bench-web.sh and scripts/size-guard.sh: the officer's first visit to the
# diary in bytes on the wire. Needs `base` (the server's URL) and `dir` (a scratch folder).
#   sign_in USERNAME          prints the `rubric_session=...` cookie of a demo account
#   first_visit COOKIE        prints one line per response (the diary's HTML, then the CSS,
#                             JS and wasm it names) and sets total_sent / total_raw (bytes)

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
