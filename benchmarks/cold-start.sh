#!/usr/bin/env bash
# Times fresh JVMs side by side, alternating: the first purge through cdn-purge, and the same call made by hand
# (OkHttp alone, OkHttp + Jackson; the AWS SDK v2 for CloudFront). Each JVM has the class path of one provider module
# and the fakes answer from a JVM of their own. Prints the medians of RUNS runs (default 7): milliseconds from JVM
# start to the purge's answer (in the JVM), milliseconds of the whole process (outside), and classes loaded.
source "$(dirname "$0")/classpath.sh"
RUNS=${RUNS:-7}
CF_CP="$(module_classpath cdn-purge-cloudflare):$BENCH_CLASSES"
# the hand-made call uses Jackson's ObjectMapper, which cdn-purge does not bring
JACKSON_CP="$CF_CP:$(module_jars benchmarks 'jackson-(databind|annotations)')"
CFR_CP="$(module_classpath cdn-purge-cloudfront):$BENCH_CLASSES"
start_fakes
declare -A inside outside classes
run() {
  local name=$1 cp=$2 main=$3 endpoint=$4 begin end line
  begin=$(date +%s%N)
  line=$(java -cp "$cp" "io.cdnpurge.benchmarks.$main" "$endpoint" 2>/dev/null | tail -1) || true
  if [ -z "$line" ]; then
    echo "$name: $main printed nothing; run it by hand to see why: java -cp <class path> io.cdnpurge.benchmarks.$main $endpoint" >&2
    exit 1
  fi
  end=$(date +%s%N)
  inside[$name]+="$(echo "$line" | awk '{print $2}') "
  classes[$name]+="$(echo "$line" | awk '{print $3}') "
  outside[$name]+="$(( (end - begin) / 1000000 )) "
}
for i in $(seq "$RUNS"); do
  run cdn-purge-cloudflare "$CF_CP" ColdCloudflare "$CLOUDFLARE"
  run okhttp+jackson "$JACKSON_CP" ColdOkHttpJackson "$CLOUDFLARE"
  run okhttp "$CF_CP" ColdOkHttp "$CLOUDFLARE"
  run cdn-purge-cloudfront "$CFR_CP" ColdCloudFront "$CLOUDFRONT"
  run aws-sdk "$CFR_CP" ColdAwsSdk "$CLOUDFRONT"
done
printf '%-22s %14s %14s %10s\n' scenario "in JVM (ms)" "process (ms)" classes
for name in cdn-purge-cloudflare okhttp+jackson okhttp cdn-purge-cloudfront aws-sdk; do
  printf '%-22s %14s %14s %10s\n' "$name" \
    "$(tr ' ' '\n' <<<"${inside[$name]}" | grep . | median)" \
    "$(tr ' ' '\n' <<<"${outside[$name]}" | grep . | median)" \
    "$(tr ' ' '\n' <<<"${classes[$name]}" | grep . | median)"
done
echo "java: $(java -version 2>&1 | head -1); $RUNS runs each, medians"
