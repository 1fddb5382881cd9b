#!/usr/bin/env bash
# Burst benchmark: N article files (default 10000) land in the ingest folder of the packaged service at once.
# The service runs with its embedded broker and a capped heap; the script waits until the feed holds all
# of them and reports the wall time, the peak heap in use (sampled from /q/metrics every 0.5 s), and, as the
# peer measured in the same run, kcat producing N records of the same size to the same broker (acks=all).
#
#   ./mvnw package -DskipTests && bench/burst.sh [N] [HEAP]       e.g. bench/burst.sh 10000 128m
# Needs: curl, kcat. Uses ports 18080 (HTTP), 19000 (health, metrics) and 19092 (Kafka) on localhost;
# everything else in a temp folder.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
HEAP=${2:-128m}
HTTP=18080
MANAGEMENT=19000
KAFKA=19092
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/in"

java -Xmx"$HEAP" -Dquarkus.http.port=$HTTP -Dquarkus.management.port=$MANAGEMENT -Dnewsfeed.kafka.embedded-port=$KAFKA \
  -Dnewsfeed.kafka.embedded-data-dir="$work/kafka" -Dnewsfeed.ingest.folder="$work/in" \
  -Dnewsfeed.ingest.settle-time=500ms -Dquarkus.log.level=WARN \
  -jar target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
pid=$!
until curl -sf localhost:$MANAGEMENT/q/health/ready > /dev/null; do
  kill -0 $pid 2>/dev/null || { echo "the service stopped; its log:" >&2; tail -30 "$work/service.log" >&2; exit 1; }
  sleep 0.2
done

seed=seeds/000_22b61c6839899886.txt
size=$(wc -c < "$seed")
# Files are written outside the folder, then moved in at once: the burst is the rename, as a copy job would do.
mkdir -p "$work/staging"
for i in $(seq 1 "$N"); do sed "1s/^/Burst $i. /" "$seed" > "$work/staging/burst-$i.txt"; done

metric() { curl -s localhost:$MANAGEMENT/q/metrics | awk -v m="$1" '$0 ~ m {s += $NF} END {printf "%.0f", s}'; }
start=$(date +%s.%N)
mv "$work/staging"/* "$work/in/"
peak=0
while :; do
  heap=$(metric '^jvm_memory_used_bytes[{]area="heap"')
  [ "$heap" -gt "$peak" ] && peak=$heap
  kill -0 $pid 2>/dev/null || { echo "the service stopped; its log:" >&2; tail -30 "$work/service.log" >&2; exit 1; }
  held=$(metric '^newsfeed_feed_articles ')
  [ -n "${BENCH_DEBUG:-}" ] && echo "held=$held heap=$heap" >&2
  [ "$held" -ge "$N" ] && break
  sleep 0.5
done
ingest=$(echo "$(date +%s.%N) - $start" | bc)

# The peer: the same number of records of the same size, produced by kcat with acks=all, to the one other
# topic of this throw-away broker (auto-creation is off).
head -c "$size" "$seed" | tr '\n' ' ' > "$work/record"
for i in $(seq 1 "$N"); do printf 'burst-%d\t' "$i"; cat "$work/record"; echo; done > "$work/records"
start=$(date +%s.%N)
# Keyed like newsfeed's records: the topic is compacted, and a compacted topic refuses records without a key.
kcat -P -b localhost:$KAFKA -t newsfeed.articles.dlq -X acks=all -K $'\t' -l "$work/records"
produce=$(echo "$(date +%s.%N) - $start" | bc)

printf 'files: %d of %d bytes, heap cap %s\n' "$N" "$size" "$HEAP"
printf 'newsfeed folder burst to feed: %.1f s (%.0f files/s)\n' "$ingest" "$(echo "$N / $ingest" | bc -l)"
printf 'peer, kcat produce acks=all:   %.1f s\n' "$produce"
printf 'ratio newsfeed / kcat:         %.1f\n' "$(echo "$ingest / $produce" | bc -l)"
printf 'peak heap used:                %d MiB\n' "$((peak / 1024 / 1024))"
