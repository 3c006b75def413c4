#!/usr/bin/env bash
# Load test of `ssechat serve` (see docs/replay-and-serve.md#serve-under-load). Writes
# docs/serve-load.md, docs/serve-load.svg and benchmarks/results/serve-load.jsonl.
#
#   benchmarks/serve-load.sh [CONCURRENCY...]      default: 1000 2000 5000 10000
#
# 1. Paced streams (speed 1) at each concurrency: serve's event-loop engine (netty, started by the
#    ./ssechat launcher as a user would), the bound (bare: BareServe --paced, the same reads on
#    the same timers with nothing else), and the old thread-per-stream engine (threads; up to
#    5000: past that it only queues longer). 20 s of warm-up before each 10 s window.
# 2. --speed max: serve against BareServe, a bare Netty handler writing the same bytes (the bound).
# 3. Abuse mix: 1000 paced streams + 300 half-open connections + one oversized body.
#
# The server and the load tool (ServeLoad, Netty) run on this machine; the figures are for this
# machine only. Needs ~2 file descriptors per stream per process (ulimit -n).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
levels=("$@")
[ ${#levels[@]} -gt 0 ] || levels=(1000 2000 5000 10000)
./mvnw -B -q -DskipTests package
name=ssechat-offline-sky-blue
rec=app/src/main/resources/recordings/$name.sse
port=${SERVE_LOAD_PORT:-18431}
out=benchmarks/results/serve-load.jsonl
jar=benchmarks/target/benchmarks.jar
: > "$out"

# start COMMAND...: a server JVM in the background; sets $pid once it answers
start() {
  SSECHAT_JAVA_OPTS=-Xmx1g "$@" > /tmp/serve-load-server.log 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null -X POST -d '{}' "http://127.0.0.1:$port/v1/chat/completions"; then
      # the launcher execs java (same pid); otherwise the java child answers
      [ "$(cat /proc/$pid/comm 2>/dev/null)" = java ] || pid=$(pgrep -n -P "$pid" java || echo "$pid")
      return
    fi
    sleep 0.5
  done
  echo "server did not start: $(tail -3 /tmp/serve-load-server.log)" >&2
  exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
load() {
  java -cp "$jar" org.ssechat.benchmarks.ServeLoad --url "http://127.0.0.1:$port/v1" \
    --model "$name" --recording "$rec" --pid "$pid" "$@" | tee -a "$out"
}

bare=(java -Xmx1g -XX:+UseParallelGC -cp "$jar" org.ssechat.benchmarks.BareServe "$port" "$rec")
for engine in netty bare threads; do
  for n in "${levels[@]}"; do
    [ "$engine" = threads ] && [ "$n" -gt 5000 ] && continue
    case $engine in
      bare) start "${bare[@]}" --paced ;;
      *) start ./ssechat serve --port "$port" --speed 1 --engine "$engine" ;;
    esac
    load --streams "$n" --ramp-s 3 --warmup-s 20 --measure-s 10 --grace-s 60 --label "$engine"
    stop
  done
done

start ./ssechat serve --port "$port" --speed max
load --streams 64 --speed max --ramp-s 1 --warmup-s 5 --measure-s 10 --label netty
stop
start "${bare[@]}"
load --streams 64 --speed max --ramp-s 1 --warmup-s 5 --measure-s 10 --label bare
stop

start ./ssechat serve --port "$port" --speed 1
load --streams 1000 --ramp-s 3 --measure-s 40 --grace-s 60 --half-open 300 \
  --oversized-mib 32 --label netty
stop

java -cp "$jar" org.ssechat.benchmarks.ServeLoadReport "$out" "$(git rev-parse --short HEAD)" \
  "$(nproc) cores, $(java -version 2>&1 | head -1)" docs
echo "wrote docs/serve-load.md and docs/serve-load.svg"
