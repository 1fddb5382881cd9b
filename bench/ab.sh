#!/usr/bin/env bash
# A/B of two builds of newsfeed in the same run, for one change at a time (issue 10). Each build runs on its own
# embedded broker and data folders; the two are measured alternately, three rounds, so that a machine whose load
# changes during the run weighs on both alike.
#
#   bench/ab.sh OLD_JAR NEW_JAR serving [PATH]     wrk -t1 -c64 on PATH (default /feed?limit=20): req/s and the
#                                                  service's CPU per request (utime+stime from /proc)
#   bench/ab.sh OLD_JAR NEW_JAR writes             100 POSTs one after the other (p50/p90/max ms, CPU per POST),
#                                                  then 4000 POSTs 64 at a time (bench/tools PostLoad: rate, p50)
#   bench/ab.sh OLD_JAR NEW_JAR visibility         1000 POSTs at 200/s (bench/tools Visibility): request to 201,
#                                                  to the feed and to the stream, p50 and p99
#
# OLD_OPTS and NEW_OPTS add JVM options to one side, e.g. a setting to compare on the same jar:
#   NEW_OPTS=-Dmp.messaging.outgoing.articles-out.linger.ms=1 bench/ab.sh JAR JAR writes
# A jar is a build's target/quarkus-app/quarkus-run.jar; build the old one in a worktree:
#   git worktree add /tmp/old HEAD~1 && (cd /tmp/old && ./mvnw -q -o package -DskipTests)
# Ports 38180-40280 on loopback. Needs wrk and bench/tools built (bench/run.sh builds it).
# CPU per operation includes the embedded broker and the JIT; compare the rounds, not the first one alone.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=$1; NEW=$2; WHAT=$3; URL_PATH=${4:-/feed?limit=20}
TOOLS="$PWD/bench/tools/target/classes:$PWD/bench/tools/target/lib/*"
SEED=$PWD/seeds/000_22b61c6839899886.txt
work=$(mktemp -d /tmp/newsfeed-ab.XXXXXX)
pids=()
trap 'kill "${pids[@]}" 2> /dev/null || true; sleep 3; rm -rf "$work"' EXIT

start() { # NAME JAR PORT [JVM OPTIONS]: sets STARTED
  mkdir -p "$work/$1/in"
  # shellcheck disable=SC2086 # the options are words
  java ${4:-} -Dquarkus.http.port=$3 -Dquarkus.management.port=$(($3 + 1000)) -Dnewsfeed.kafka.embedded-port=$(($3 + 2000)) \
    -Dnewsfeed.kafka.embedded-data-dir="$work/$1/kafka" -Dnewsfeed.view.data-dir="$work/$1/view" \
    -Dnewsfeed.ingest.folder="$work/$1/in" -Dnewsfeed.api-token=t -jar "$2" > "$work/$1/service.log" 2>&1 &
  STARTED=$!
  pids+=("$STARTED")
}
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
post() { curl -s -o /dev/null -H 'Authorization: Bearer t' -H 'Content-Type: text/plain' --data-binary @- "$@"; }

start old "$OLD" 38180 "${OLD_OPTS:-}"; OLD_PID=$STARTED
start new "$NEW" 38280 "${NEW_OPTS:-}"; NEW_PID=$STARTED
for port in 38180 38280; do
  for _ in $(seq 1 240); do curl -sf -o /dev/null "localhost:$((port + 1000))/q/health/ready" && break; sleep 0.5; done
  # Warm-up, unmeasured: the JIT compiles the paths measured below.
  java -cp "$TOOLS" dev.newsfeed.bench.PostLoad "http://localhost:$port" t "$SEED" 2000 16 "warm$port" 300 > /dev/null 2>&1
  [ "$WHAT" = serving ] && wrk -t1 -c64 -d5s "http://localhost:$port$URL_PATH" > /dev/null
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in 1 2 3; do
  for port in 38180 38280; do
    pid=$([ $port = 38180 ] && echo "$OLD_PID" || echo "$NEW_PID")
    name=$([ $port = 38180 ] && echo old || echo new)
    if [ "$WHAT" = visibility ]; then
      out=$(java -cp "$TOOLS" dev.newsfeed.bench.Visibility "http://localhost:$port" t "$SEED" 1000 200 "v$round$name" \
        2> /dev/null | tr ' ' '\n' | grep -E '^post_(to_201|to_feed|to_stream)_p(50|99)=|^post_missing' | tr '\n' ' ')
      echo "round $round $name: $out"
    elif [ "$WHAT" = serving ]; then
      c0=$(cpu "$pid")
      out=$(wrk -t1 -c64 -d10s --latency "http://localhost:$port$URL_PATH")
      c1=$(cpu "$pid")
      requests=$(echo "$out" | awk '/requests in/ {print $1}')
      echo "round $round $name: $(echo "$out" | awk '/Requests\/sec/ {print $2}') req/s," \
        "p99 $(echo "$out" | awk '$1 == "99%" {print $2}'), $(awk "BEGIN {printf \"%.1f\", ($c1 - $c0) * 10000 / $requests}") µs CPU/request"
    else
      c0=$(cpu "$pid")
      one=$(for i in $(seq 1 100); do sed "1s/^/AB $round $i. /" "$SEED" | post -w '%{time_total}\n' "localhost:$port/articles"; done \
        | sort -n | awk '{a[NR] = $1 * 1000} END {printf "p50 %.1f p90 %.1f max %.1f ms", a[50], a[90], a[NR]}')
      c1=$(cpu "$pid")
      many=$(java -cp "$TOOLS" dev.newsfeed.bench.PostLoad "http://localhost:$port" t "$SEED" 4000 64 "r$round$name" 300 2> /dev/null \
        | tr ' ' '\n' | grep -E '^http_(rate|latency_p50)=' | tr '\n' ' ')
      c2=$(cpu "$pid")
      echo "round $round $name: one at a time $one, $(awk "BEGIN {printf \"%.1f\", ($c1 - $c0) * 10 / 100}") ms CPU/POST;" \
        "64 at a time $many$(awk "BEGIN {printf \"%.2f\", ($c2 - $c1) * 10 / 4000}") ms CPU/POST"
    fi
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
