#!/usr/bin/env bash
# Measures the time from launch to the first REPL prompt ("> ") in a real terminal (tmux), N runs,
# and prints every run and the median in seconds.
#
#   app/scripts/startup-time.sh [-n RUNS] [-- COMMAND…]      (default: -n 7 -- ./ssechat)
#
# Each run starts COMMAND in a fresh detached tmux pane with throw-away XDG dirs (offline provider,
# no key), polls the pane every 10 ms until a line starts with ">" (tmux trims the space), then kills the pane.
set -euo pipefail
runs=7
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "usage: $0 [-n RUNS] [-- COMMAND…]" >&2; exit 2 ;;
  esac
done
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cmd=("$@")
[[ ${#cmd[@]} -eq 0 ]] && cmd=(./ssechat)
command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 2; }

tmp="$(mktemp -d)"
sock="ssechat-startup-$$"
tm() { tmux -L "$sock" "$@"; }
# a private tmux server, kept alive by an idle session so runs do not race its shutdown
tm new-session -d -s hold "sleep 3600"
trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
# one untimed warm-up run builds/unpacks/trains the CDS archive if needed
echo "/exit" | XDG_CONFIG_HOME="$tmp/c" XDG_DATA_HOME="$tmp/d" SSECHAT_PROVIDER=offline "${cmd[@]}" >/dev/null 2>&1 || true

times=()
for ((i = 1; i <= runs; i++)); do
  name="ssechat-startup-$$-$i"
  start=$(date +%s%N)
  tm new-session -d -s "$name" -x 160 -y 40 \
    "env XDG_CONFIG_HOME='$tmp/c' XDG_DATA_HOME='$tmp/d' SSECHAT_PROVIDER=offline ${cmd[*]}; sleep 30"
  while ! tm capture-pane -p -t "$name" 2>/dev/null | grep -q '^>'; do
    sleep 0.01
    if (( $(date +%s%N) - start > 60000000000 )); then
      echo "no prompt after 60 s:" >&2; tm capture-pane -p -t "$name" >&2; tm kill-session -t "$name"; exit 1
    fi
  done
  end=$(date +%s%N)
  tm kill-session -t "$name"
  t=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
  times+=("$t")
  echo "run $i: $t s"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
echo "median of $runs: $median s  (${cmd[*]}, $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1), load $(cut -d' ' -f1 /proc/loadavg))"
