#!/usr/bin/env bash
# Where a POST's time and CPU go, thread by thread (issue 20): newsfeed against a broker in its own JVM (as
# bench/run.sh starts it), a warm-up of POSTs 64 at a time, then rounds of POSTs, and for each round the POSTs'
# rate and latency (bench/tools PostLoad), the CPU of newsfeed and of the broker, newsfeed's CPU by thread (from
# /proc/PID/task/*/stat), its JIT compilations (jstat) and the means of its own write timers and of its HTTP
# requests as it timed them (/q/metrics).
#
#   [SERVICE_OPTS='-Dname=value ...'] bench/threads.sh [--warm N] [--settle S] [--rounds R] [--count N]
#                                                     [--concurrency C | --rate R] [--profile REGEX]
#
#   --warm          POSTs before the first round, 64 in flight (default 20000)
#   --settle        then S rounds, not reported, with the rounds' own client: 600 POSTs one after the other, or
#                   with --rate 600 at 100/s followed to the feed and the stream (the JIT's backlog; default 0)
#   --rounds        rounds (default 4)
#   --count         POSTs a round (default 600)
#   --concurrency   POSTs in flight in a round (default 1: one after the other, as a CMS writes)
#   --rate          instead, POSTs at R a second, each followed to its 201, the feed and the stream (bench/run.sh's
#                   visibility: bench/tools Visibility)
#   SERVICE_OPTS    system properties for the service, to compare a setting (e.g. -Dmp.messaging.outgoing....=0)
#   --profile       async-profiler (CPU, from Maven Central) during the last round: the threads matching REGEX,
#                   their share of the samples and the frames they spend most in (e.g. 'view-reader|executor')
#
# Needs target/quarkus-app (./mvnw package -DskipTests) and bench/tools (bench/run.sh builds it, or
# (cd bench/tools && ../../mvnw package)). Ports 48080, 48090, 48092, 48093 on loopback. Run it alone on the machine.
# On 2 cores the first rounds measure the JIT as much as the service: see bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=bench/broker.sh
. "$ROOT/bench/broker.sh"
WARM=20000; SETTLE=0; ROUNDS=4; COUNT=600; CONCURRENCY=1; RATE=""; PROFILE=""
while [ $# -gt 0 ]; do
  case $1 in
    --warm) WARM=$2; shift ;;
    --settle) SETTLE=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --count) COUNT=$2; shift ;;
    --concurrency) CONCURRENCY=$2; shift ;;
    --rate) RATE=$2; shift ;;
    --profile) PROFILE=$2; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see bench/threads.sh --help)" >&2; exit 64 ;;
  esac
  shift
done
JAR=$ROOT/target/quarkus-app/quarkus-run.jar
TOOLS_CP="$ROOT/bench/tools/target/classes:$ROOT/bench/tools/target/lib/*"
SEED=$ROOT/seeds/000_22b61c6839899886.txt
[ -f "$JAR" ] || { echo "no $JAR: ./mvnw package -DskipTests" >&2; exit 1; }
[ -d "$ROOT/bench/tools/target/lib" ] || { echo "bench/tools is not built: (cd bench/tools && ../../mvnw package)" >&2; exit 1; }
HTTP=48080; MGMT=48090; KAFKA=48092; CONTROLLER=48093
work=$(mktemp -d /tmp/newsfeed-threads.XXXXXX)
pids=()
trap 'kill "${pids[@]}" 2> /dev/null || true; sleep 2; kill -9 "${pids[@]}" 2> /dev/null || true; rm -rf "$work"' EXIT

mkdir -p "$work/in"
kafka_config "$work/kafka" $KAFKA $CONTROLLER
kafka_format "$work/kafka" "$TOOLS_CP" || { cat "$work/kafka/format.log" >&2; exit 1; }
java -Xms1g -Xmx1g -cp "$TOOLS_CP" kafka.Kafka "$work/kafka/server.properties" > "$work/kafka/broker.log" 2>&1 &
BROKER=$!; pids+=("$BROKER")
until (echo > "/dev/tcp/localhost/$KAFKA") 2> /dev/null; do sleep 0.2; done
java -Dquarkus.http.port=$HTTP -Dquarkus.management.port=$MGMT -Dkafka.bootstrap.servers=localhost:$KAFKA \
  -Dnewsfeed.kafka.embedded=never -Dnewsfeed.ingest.folder="$work/in" -Dnewsfeed.view.data-dir="$work/view" \
  -Dnewsfeed.api-token=bench-token -Dnewsfeed.public-base-url=http://localhost:$HTTP ${SERVICE_OPTS:-} \
  -jar "$JAR" > "$work/service.log" 2>&1 &
SERVICE=$!; pids+=("$SERVICE")
until curl -sf -o /dev/null "localhost:$MGMT/q/health/ready"; do
  kill -0 "$SERVICE" 2> /dev/null || { tail -20 "$work/service.log"; exit 1; }
  sleep 0.1
done

post() { # COUNT CONCURRENCY TAG: PostLoad's summary line
  java -cp "$TOOLS_CP" dev.newsfeed.bench.PostLoad "http://localhost:$HTTP" bench-token "$SEED" "$1" "$2" "$3" 600 | tail -1
}
paced() { # COUNT RATE TAG: Visibility's lines, on one
  java -cp "$TOOLS_CP" dev.newsfeed.bench.Visibility "http://localhost:$HTTP" bench-token "$SEED" "$1" "$2" "$3" \
    | tr '\n' ' '
}
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # clock ticks (1/100 s), utime + stime
threads() { # per thread name (digits folded), CPU ticks; a thread that ends meanwhile is skipped
  local t line name
  for t in /proc/"$SERVICE"/task/*; do
    line=$(cat "$t/stat" 2> /dev/null) || continue
    name=$(cat "$t/comm" 2> /dev/null) || continue
    echo "${line##*) }" | awk -v n="$name" '{gsub(/[0-9]+/, "", n); print n "\t" $12 + $13}'
  done | awk -F'\t' '{cpu[$1] += $2} END {for (n in cpu) print n "\t" cpu[n]}' | sort
}
timers() { # name{tags} and value, count and sum of each of the service's own timers
  curl -sf "localhost:$MGMT/q/metrics" | grep -E '^(newsfeed_[a-z_]+|http_server_requests)_seconds_(count|sum)' \
    | sed -E 's/^([a-z_]+)_(count|sum)(\{[^}]*\})?/\1\3 \2/' || true
}

echo "warm-up: $WARM POSTs, 64 in flight: $(post "$WARM" 64 warm)"
if [ -n "$RATE" ]; then PACE="$RATE a second"; else PACE="$CONCURRENCY in flight"; fi
# Settled with POSTs alone, the feed's and the stream's code was still compiling in the first paced rounds.
for round in $(seq 1 "$SETTLE"); do
  if [ -n "$RATE" ]; then line=$(paced 600 100 "s$round"); else line=$(post 600 1 "s$round"); fi
  echo "settling $round: $line; JIT compilations so far $(jit_compilations "$SERVICE")"
done
if [ -n "$PROFILE" ]; then
  ./mvnw -q dependency:get -Dartifact=tools.profiler:async-profiler:4.1 > /dev/null
  unzip -q -o "$HOME/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar" \
    linux-x64/libasyncProfiler.so -d "$work/ap"
fi
for round in $(seq 1 "$ROUNDS"); do
  if [ -n "$PROFILE" ] && [ "$round" = "$ROUNDS" ]; then
    # interval in ns: 1 ms. jcmd reads name=value words itself, so the agent's options go in quotes.
    jcmd "$SERVICE" JVMTI.agent_load "$work/ap/linux-x64/libasyncProfiler.so" \
      "\"start,event=cpu,interval=1000000,threads\"" > /dev/null
  fi
  threads > "$work/before"; timers > "$work/timers.0"
  c0=$(jit_compilations "$SERVICE"); s0=$(cpu "$SERVICE"); b0=$(cpu "$BROKER"); t0=$(date +%s%N)
  if [ -n "$RATE" ]; then line=$(paced "$COUNT" "$RATE" "r$round"); else line=$(post "$COUNT" "$CONCURRENCY" "r$round"); fi
  t1=$(date +%s%N); s1=$(cpu "$SERVICE"); b1=$(cpu "$BROKER"); c1=$(jit_compilations "$SERVICE")
  threads > "$work/after"; timers > "$work/timers.1"
  echo
  echo "round $round ($COUNT POSTs, $PACE; load $(cut -d' ' -f1-3 /proc/loadavg)): $line"
  echo "  wall $(( (t1 - t0) / 1000000 )) ms; newsfeed CPU $(( (s1 - s0) * 10 )) ms, broker $(( (b1 - b0) * 10 )) ms;" \
    "JIT compilations $(( ${c1:-0} - ${c0:-0} ))"
  join -t $'\t' "$work/before" "$work/after" | awk -F'\t' '{d = ($3 - $2) * 10; if (d >= 50) printf "%8d ms  %s\n", d, $1}' \
    | sort -rn | head -12
  awk 'FNR == NR {before[$1 " " $2] = $3; next} {d = $3 - before[$1 " " $2]; k = $1
       if ($2 == "count") n[k] = d; else s[k] = d}
       END {for (k in n) if (n[k] > 0) printf "  %s: n=%d, mean %.2f ms\n", k, n[k], 1000 * s[k] / n[k]}' \
    "$work/timers.0" "$work/timers.1" | sort
done
if [ -n "$PROFILE" ]; then
  jcmd "$SERVICE" JVMTI.agent_load "$work/ap/linux-x64/libasyncProfiler.so" \
    "\"stop,file=$work/profile.collapsed,collapsed,threads\"" > /dev/null
  echo
  echo "async-profiler, last round: samples by thread (all), then the frames the threads matching '$PROFILE' spend most in"
  awk '{n = $NF; t = $0; sub(/;.*/, "", t); sub(/ tid=.*/, "", t); gsub(/[0-9]+/, "", t); gsub(/[\[\]]/, "", t)
        total += n; byThread[t] += n} END {for (t in byThread) printf "%6.1f%%  %s\n", 100 * byThread[t] / total, t}' \
    "$work/profile.collapsed" | sort -rn | head -12
  echo
  awk -v re="$PROFILE" '{n = $NF; line = $0; sub(/ [0-9]+$/, "", line); split(line, f, ";")
        t = f[1]; if (t !~ re) next; total += n; delete seen
        for (i = 2; i in f; i++) if (!(f[i] in seen) && f[i] ~ /newsfeed|lucene\/index|kafka\/clients\/consumer\/KafkaConsumer.poll|NRTCaching/) {
          seen[f[i]] = 1; incl[f[i]] += n }}
       END {for (k in incl) printf "%6.1f%%  %s\n", 100 * incl[k] / total, k}' "$work/profile.collapsed" | sort -rn | head -30
fi
