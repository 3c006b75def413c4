#!/usr/bin/env bash
# Runs the benchmark suite: build, correctness gate, JMH (-prof gc, JSON), then renders
# docs/benchmarks.md and the SVG charts in docs/img/.
#
#   benchmarks/run.sh [quick|full] [--jdk PATH]
#
# quick: about 12 minutes on a busy 2-core machine (1 stream, 4 read sizes, 3 x 1 s warm-up,
#        3 x 1 s measurement; the gate still covers every stream and read size).
# full:  the real run (12 streams, 5 read sizes, 3 x 1 s warm-up, 5 x 1 s measurement); hours.
# --jdk: the JDK home to measure with (default: the `java` on PATH). The build uses ./mvnw.
set -euo pipefail

mode=quick
jdk=""
while [ $# -gt 0 ]; do
  case "$1" in
    quick|full) mode="$1" ;;
    --jdk) jdk="$2"; shift ;;
    *) echo "usage: benchmarks/run.sh [quick|full] [--jdk PATH]" >&2; exit 2 ;;
  esac
  shift
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
java_bin="${jdk:+$jdk/bin/}java"
jar=benchmarks/target/benchmarks.jar

./mvnw -B -q -pl benchmarks -am package -DskipTests
jdk_major="$("$java_bin" -XshowSettings:properties -version 2>&1 \
  | sed -n 's/^ *java.specification.version = //p')"
tag="jdk${jdk_major}-${mode}"
mkdir -p benchmarks/results docs/img

echo "== correctness gate"
"$java_bin" -cp "$jar" org.ssechat.benchmarks.Gate | tee "benchmarks/results/${tag}-gate.txt"

if [ "$mode" = quick ]; then
  jmh_opts=(-wi 3 -w 1s -i 3 -r 1s -f 1
    -p stream=synth-en-2000
    -p readSize=16,256,4096,whole
    -p events=500,8000
    -p linearRead=256,whole)
else
  jmh_opts=(-wi 3 -w 1s -i 5 -r 1s -f 1
    -p stream=synth-en-2000,synth-zh-2000,synth-emoji-2000,synth-reasoning-2000,openai-gpt4o-mini-text-usage,alibaba-qwen3-max-long-text,deepseek-reasoner-reasoning-content-emoji,groq-compound-web-search-reasoning-emoji,groq-r1-distill-long-reasoning-425k,openai-gpt4o-long-tool-arguments-20k,openrouter-o3-reasoning-details-keepalive,zai-glm47-reasoning-content)
fi

echo "== JMH ($mode) with $java_bin"
"$java_bin" -jar "$jar" "${jmh_opts[@]}" -jvm "$(command -v "$java_bin")" -prof gc \
  -rf json -rff "benchmarks/results/${tag}.json" \
  'FramingBenchmark|EndToEndBenchmark|BoundsBenchmark|JsonOnlyBenchmark|LinearityBenchmark' \
  | tee "benchmarks/results/${tag}.log"

env_file="benchmarks/results/${tag}-env.txt"
{
  echo "command:  benchmarks/run.sh $mode${jdk:+ --jdk $jdk}"
  echo "jmh args: ${jmh_opts[*]} -prof gc"
  echo "date:     $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu:      $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores visible)"
  echo "memory:   $(free -h | awk '/^Mem:/ {print $2}')"
  echo "kernel:   $(uname -sr)"
  echo "jdk:      $("$java_bin" -version 2>&1 | tr '\n' ' ')"
  echo "git:      $(git rev-parse --short HEAD)"
} > "$env_file"

doc=docs/benchmarks.md
img=docs/img
if [ "$jdk_major" != 17 ]; then  # other JDKs get their own report and charts
  doc="docs/benchmarks-jdk${jdk_major}.md"
  img="docs/img/jdk${jdk_major}"
fi
mkdir -p "$img"
"$java_bin" -cp "$jar" org.ssechat.benchmarks.Report "benchmarks/results/${tag}.json" "$doc" \
  "$img" --gate "benchmarks/results/${tag}-gate.txt" --env "$env_file" \
  --title "Benchmarks (JDK ${jdk_major}, ${mode} mode)"
