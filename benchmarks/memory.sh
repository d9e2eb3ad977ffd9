#!/usr/bin/env bash
# Purges COUNT URLs (default 1,000,000) through the Cloudflare provider at each heap size of HEAPS (default
# "128m 144m 160m 192m 256m"), against the fake API in a JVM of its own, and prints whether it completed, the wall time, the time
# in GC.
source "$(dirname "$0")/classpath.sh"
COUNT=${COUNT:-1000000}
HEAPS=${HEAPS:-"128m 144m 160m 192m 256m"}
CF_CP="$(module_classpath cdn-purge-cloudflare):$BENCH_CLASSES"
FAKES_JAVA_OPTS=-Xmx4g start_fakes
for heap in $HEAPS; do
  timeout -s KILL "${TIMEOUT:-600}" java "-Xmx$heap" -cp "$CF_CP" io.cdnpurge.benchmarks.MillionUrls "$CLOUDFLARE" \
    "$COUNT" 2>&1 | tail -1 || echo "-Xmx$heap: killed after ${TIMEOUT:-600} s"
done
