#!/usr/bin/env bash
# Load test of `ssechat serve`: N concurrent paced streams of one recording, per-event lateness
# against the recording's schedule, TTFT, completed/failed streams, server CPU and peak RSS.
# Writes docs/serve-load.md (and benchmarks/results/serve-load.jsonl).
#
#   benchmarks/serve-load.sh [CONCURRENCY...]      default: 100 250 500 1000 2000
#
# Both engines run at each level: netty (the event loop, the default) and threads (the JDK's
# HttpServer, thread per stream), so the two are compared in one run.
#
# The server and the load tool run on this machine; the figures are for this machine only.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
levels=("$@")
[ ${#levels[@]} -gt 0 ] || levels=(100 250 500 1000 2000)
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
./mvnw -B -q -DskipTests package
name=ssechat-offline-sky-blue
rec=app/src/main/resources/recordings/$name.sse
port=${SERVE_LOAD_PORT:-18431}
out=benchmarks/results/serve-load.jsonl
: > "$out"
for engine in threads netty; do
for n in "${levels[@]}"; do
  java -Xmx1g -jar app/target/ssechat.jar serve --port "$port" --speed 1 --engine "$engine" \
    > /tmp/serve-load.log 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://127.0.0.1:$port/v1/models" && break
    sleep 0.5
  done
  java -cp benchmarks/target/benchmarks.jar org.ssechat.benchmarks.ServeLoad \
    --url "http://127.0.0.1:$port/v1" --model "$name" --recording "$rec" --streams "$n" \
    --pid "$pid" --label "$engine" | tee -a "$out"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
done
java -cp benchmarks/target/benchmarks.jar org.ssechat.benchmarks.ServeLoadReport "$out" \
  "$(git rev-parse --short HEAD)" "$(nproc) cores, $(java -version 2>&1 | head -1)" \
  > docs/serve-load.md
echo "wrote docs/serve-load.md"
