#!/usr/bin/env bash
# Sourced by the benchmark scripts: builds the project once and gives each program the class path a user of one
# provider module would have (the module, its runtime dependencies, and the benchmark classes).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ -z "${SKIP_BUILD:-}" ]; then
  echo "building (mvn -B -ntp -q -DskipTests install) ..." >&2
  mvn -B -ntp -q -DskipTests install >&2
fi
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
BENCH_CLASSES="$ROOT/benchmarks/target/classes"

# runtime class path of one module: its jar and its runtime dependencies from the local repository
module_classpath() {
  local module=$1 file
  file=$(mktemp)
  mvn -B -ntp -q -pl "$module" dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$file" >&2
  printf '%s:%s' "$(ls "$ROOT/$module"/target/"$module"-*.jar | grep -v -- '-sources' | head -1)" "$(cat "$file")"
  rm -f "$file"
}

# the jars of a module's runtime class path whose file names match a pattern (grep -E)
module_jars() {
  local module=$1 pattern=$2 file
  file=$(mktemp)
  mvn -B -ntp -q -pl "$module" dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$file" >&2
  tr ':' '\n' <"$file" | grep -E "$pattern" | paste -sd: -
  rm -f "$file"
}

# starts the fake Cloudflare and CloudFront APIs in a JVM of their own; sets CLOUDFLARE and CLOUDFRONT
start_fakes() {
  coproc FAKES { exec java ${FAKES_JAVA_OPTS:-} -cp "$BENCH_JAR" io.cdnpurge.benchmarks.FakeServers; }
  local line
  read -r line <&"${FAKES[0]}"; CLOUDFLARE=${line#cloudflare=}
  read -r line <&"${FAKES[0]}"; CLOUDFRONT=${line#cloudfront=}
  FAKES_PID=$FAKES_PID
  trap 'kill "$FAKES_PID" 2>/dev/null || true' EXIT
}

# the median of numbers on standard input
median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
