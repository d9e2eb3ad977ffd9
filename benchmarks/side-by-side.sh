#!/usr/bin/env bash
# Cold starts of this checkout and of another (an earlier commit, say) in one run, alternating fresh JVMs of both with
# the hand-made calls, so that whatever the machine does meanwhile falls on all of them alike. Prints the medians of
# RUNS runs (default 9) as cold-start.sh does. The other checkout must be built (with its benchmarks module) in the
# Maven repository OTHER_REPO (default: this machine's), e.g.
#   git worktree add ../before <commit> && cp -r benchmarks/src benchmarks/*.sh ../before/benchmarks/
#   (cd ../before && mvn -B -ntp -q -Dmaven.repo.local=/tmp/before-m2 -DskipTests install)
#   OTHER_REPO=/tmp/before-m2 benchmarks/side-by-side.sh ../before
source "$(dirname "$0")/classpath.sh"
OTHER=$(cd "${1:?usage: side-by-side.sh <other checkout>}" && pwd)
RUNS=${RUNS:-9}
other_classpath() {
  local modules
  modules=$(cd "$OTHER" && ROOT="$OTHER" && MAVEN_OPTS="${OTHER_REPO:+-Dmaven.repo.local=$OTHER_REPO}" \
    module_classpath "$1")
  printf '%s:%s' "$modules" "$OTHER/benchmarks/target/classes"
}
CF_CP="$(module_classpath cdn-purge-cloudflare):$BENCH_CLASSES"
CFR_CP="$(module_classpath cdn-purge-cloudfront):$BENCH_CLASSES"
JACKSON_CP="$CF_CP:$(module_jars benchmarks 'jackson-(databind|annotations)')"
OTHER_CF_CP="$(other_classpath cdn-purge-cloudflare)"
OTHER_CFR_CP="$(other_classpath cdn-purge-cloudfront)"
start_fakes
declare -A inside classes
run() {
  local name=$1 cp=$2 main=$3 endpoint=$4 line
  line=$(java -cp "$cp" "io.cdnpurge.benchmarks.$main" "$endpoint" 2>/dev/null | tail -1) || true
  if [ -z "$line" ]; then
    echo "$name: $main printed nothing; run it by hand to see why" >&2
    exit 1
  fi
  inside[$name]+="$(echo "$line" | awk '{print $2}') "
  classes[$name]+="$(echo "$line" | awk '{print $3}') "
}
names=("cloudflare, this checkout" "cloudflare, $(basename "$OTHER")" "okhttp+jackson" "okhttp"
  "cloudfront, this checkout" "cloudfront, $(basename "$OTHER")" "aws-sdk")
for i in $(seq "$RUNS"); do
  run "${names[0]}" "$CF_CP" ColdCloudflare "$CLOUDFLARE"
  run "${names[1]}" "$OTHER_CF_CP" ColdCloudflare "$CLOUDFLARE"
  run "${names[2]}" "$JACKSON_CP" ColdOkHttpJackson "$CLOUDFLARE"
  run "${names[3]}" "$CF_CP" ColdOkHttp "$CLOUDFLARE"
  run "${names[4]}" "$CFR_CP" ColdCloudFront "$CLOUDFRONT"
  run "${names[5]}" "$OTHER_CFR_CP" ColdCloudFront "$CLOUDFRONT"
  run "${names[6]}" "$CFR_CP" ColdAwsSdk "$CLOUDFRONT"
done
printf '%-32s %14s %10s\n' scenario "in JVM (ms)" classes
for name in "${names[@]}"; do
  printf '%-32s %14s %10s\n' "$name" \
    "$(tr ' ' '\n' <<<"${inside[$name]}" | grep . | median)" \
    "$(tr ' ' '\n' <<<"${classes[$name]}" | grep . | median)"
done
echo "java: $(java -version 2>&1 | head -1); $RUNS runs each, alternating, medians"
