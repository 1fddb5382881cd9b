#!/usr/bin/env bash
# The view benchmark of issue 8 ("Measured, not asserted"). For each N (default: 1000 1000000):
#   1. starts a standalone single-node Kafka broker (bench/Broker.java, its own JVM, -Xmx1g) on 19492 with its
#      data in a temp folder;
#   2. starts the packaged service on an empty topic (topics empty.*), cold: the peer of every start-up figure;
#   3. writes N distinct ~2 KB articles to newsfeed.articles with a plain Kafka producer
#      (bench/WriteArticles.java: acks=all, linger.ms=20, batch.size=512 KiB, no compression) and reports its rate;
#   4. starts the service on those articles with an empty view folder (cold: rebuild from the topic), then
#      restarts it three times on the same folder after a clean SIGTERM stop (warm), each warm start
#      interleaved with a warm start on the empty topic (the peer);
#   5. on the last warm instance: heap after a full GC (jcmd GC.run + GC.heap_info) and RSS (VmRSS), then
#      GET /feed p50/p99 of each variant (bench/FeedLatency.java: WARMUP untimed then REQUESTS timed sequential
#      requests each), then heap and RSS again.
# Start-up to ready = from the launch of the java process to GET /q/health/ready answering 200 (polled every
# 10 ms by bench/AwaitReady.java, started before the service; on the HTTP port, or on the management port when
# quarkus.management is enabled). The table also gives the CPU seconds the service had used by then (it is
# less sensitive than wall time to other load on the machine). The service runs with
# -Xmx256m, the folder ingest off and logging at WARN, with its working directory in the temp folder.
# Prints a table and appends a dated section "View (issue 8)" to bench/RESULTS.md. If the cold rebuild is
# under 25,000 articles/s (N >= 100,000) or a p50 over 5 ms, it profiles that case with JFR (a second cold start
# recorded for its first PROFILE_SECONDS; the slow GET variants again on the warm instance) and prints the top frames.
#
#   ./mvnw -q -o package -DskipTests && bench/view.sh [N...]        e.g. bench/view.sh 1000 10000
# Needs: java 17 (with jcmd, jfr), ./mvnw (for the classpath of the Kafka client and broker), curl, jq, awk.
# Ports on localhost only: 18480 (HTTP), 19400 (management, if enabled), 19492 (Kafka); not 18080/19092, which
# bench/burst.sh and others use on this shared machine (HTTP_PORT, MANAGEMENT_PORT, KAFKA_PORT override them);
# every start checks that nobody else listens on them, so no figure is taken from another's process.
# Everything else lives in a temp folder that is removed on exit (about 5 GB at N = 1,000,000: topic and index).
# A 1,000,000 run took 35 minutes on the shared 2-core machine, most of it the cold rebuild. Environment knobs: REQUESTS (300),
# WARMUP (100), WARM_RUNS (3), HEAP (256m), PROFILE (auto|always|never), PROFILE_SECONDS (90), START_TIMEOUT
# (2700), RESULTS (bench/RESULTS.md); OTHER_JAR (another build's quarkus-run.jar: its cold rebuild of the same
# topic is timed alternately with this build's, COLD_ROUNDS (2) rounds, and logged).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 1000000); fi
HTTP=${HTTP_PORT:-18480}
MGMT=${MANAGEMENT_PORT:-19400}
KAFKA=${KAFKA_PORT:-19492}
HEAP=${HEAP:-256m}
REQUESTS=${REQUESTS:-300}
WARMUP=${WARMUP:-100}
WARM_RUNS=${WARM_RUNS:-3}
PROFILE=${PROFILE:-auto}
PROFILE_SECONDS=${PROFILE_SECONDS:-90}
RESULTS=${RESULTS:-bench/RESULTS.md}
START_TIMEOUT=${START_TIMEOUT:-2700}  # seconds a start-up may take before the run fails (a slow cold 1M rebuild)
STOP_TIMEOUT=60
JAR=$repo/target/quarkus-app/quarkus-run.jar
HEALTH_URLS=("http://localhost:$HTTP/q/health/ready" "http://localhost:$MGMT/q/health/ready")
BASE=http://localhost:$HTTP

[ -f "$JAR" ] || { echo "no $JAR: run ./mvnw -q -o package -DskipTests first" >&2; exit 1; }
for tool in java jcmd jfr curl jq awk; do
  command -v $tool > /dev/null || { echo "needs $tool" >&2; exit 1; }
done
for port in $HTTP $MGMT $KAFKA; do
  if (exec 3<> /dev/tcp/127.0.0.1/$port) 2> /dev/null; then echo "port $port is in use" >&2; exit 1; fi
done

work=$(mktemp -d -t newsfeed-view-bench.XXXXXX)
service_pid=
broker_pid=
stop_pid() { # pid: SIGTERM, then wait at most STOP_TIMEOUT seconds, then SIGKILL
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2> /dev/null || return 0
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    kill -0 "$pid" 2> /dev/null || { wait "$pid" 2> /dev/null || true; return 0; }
    sleep 0.1
  done
  echo "pid $pid did not stop within ${STOP_TIMEOUT}s of SIGTERM: killed" >&2
  kill -KILL "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  return 1
}
cleanup() {
  stop_pid "$service_pid" || true
  stop_pid "$broker_pid" || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

echo "building the classpath of the Kafka client and broker (mvnw dependency:build-classpath)" >&2
./mvnw -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/classpath" > /dev/null \
  || ./mvnw -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/classpath" > /dev/null
# The service's own classes too: bench/Broker.java starts its embedded broker.
CP="$(cat "$work/classpath"):$repo/target/classes"

# start_service VIEW_DIR TOPIC_PREFIX [extra JVM options...]: launches the service and waits until it is ready.
# Sets service_pid, ready_ms (launch to the first 200 of the readiness URL), cpu_s (the CPU seconds the service
# had used by then) and health_url. The readiness poller (bench/AwaitReady.java, every 10 ms) is started, and
# compiled, before the service is launched; the launch time is bash's $EPOCHREALTIME just before the fork.
start_service() {
  local dir=$1 prefix=$2 launched line i port
  shift 2
  for port in $HTTP $MGMT; do # the previous instance has stopped; anyone still listening is someone else
    for ((i = 0; i < 100; i++)); do
      (exec 3<> /dev/tcp/127.0.0.1/$port) 2> /dev/null || break
      sleep 0.1
    done
    if (exec 3<> /dev/tcp/127.0.0.1/$port) 2> /dev/null; then echo "another process listens on port $port" >&2; return 1; fi
  done
  rm -f "$work/ready.out"
  java "$repo/bench/AwaitReady.java" "$START_TIMEOUT" "${HEALTH_URLS[@]}" > "$work/ready.out" 2>&1 &
  local poller=$!
  for ((i = 0; i < 600; i++)); do
    grep -qs POLLING "$work/ready.out" && break
    kill -0 $poller 2> /dev/null || { cat "$work/ready.out" >&2; return 1; }
    sleep 0.1
  done
  launched=${EPOCHREALTIME/./}
  launch_service "$dir" "$prefix" "$@"
  # The poller times the readiness; this loop only notices a service that died or a poller that gave up.
  while kill -0 $poller 2> /dev/null; do
    if ! kill -0 "$service_pid" 2> /dev/null; then
      kill $poller 2> /dev/null; wait $poller 2> /dev/null || true
      echo "the service stopped before it was ready; its log:" >&2; tail -40 "$work/service.log" >&2; return 1
    fi
    sleep 0.2
  done
  wait $poller 2> /dev/null || true
  line=$(grep '^READY' "$work/ready.out") || {
    echo "the service was not ready within ${START_TIMEOUT}s; its log:" >&2; tail -40 "$work/service.log" >&2; return 1; }
  read -r _ ready_at health_url <<< "$line"
  kill -0 "$service_pid" 2> /dev/null || { echo "the service is gone although $health_url answered; its log:" >&2
    tail -40 "$work/service.log" >&2; return 1; }
  ready_ms=$((ready_at - launched / 1000))
  cpu_s=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$service_pid/stat")
}

# launch_service VIEW_DIR TOPIC_PREFIX [extra JVM options...]: forks the service; sets service_pid.
launch_service() {
  local dir=$1 prefix=$2
  shift 2
  echo "--- $(date -u +%T) start: view $dir, topics $prefix.*, $*" >> "$work/service.log"
  (cd "$work" && exec env KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA java -Xmx"$HEAP" "$@" \
    -Dquarkus.http.port=$HTTP -Dquarkus.management.port=$MGMT \
    -Dnewsfeed.kafka.embedded=never -Dnewsfeed.ingest.folder-enabled=false \
    -Dquarkus.log.level=WARN -Dquarkus.log.console.level=WARN \
    -Dnewsfeed.view.data-dir="$dir" -Dnewsfeed.kafka.topic="$prefix.articles" \
    -Dnewsfeed.kafka.retractions-topic="$prefix.retractions" -Dnewsfeed.kafka.dead-letter-topic="$prefix.articles.dlq" \
    -jar "$JAR" >> "$work/service.log" 2>&1) &
  service_pid=$!
}

stop_service() {
  stop_pid "$service_pid" || echo "UNCLEAN STOP" >&2
  service_pid=
}

heap_mib() { # full GC, then the heap in use, in MiB
  jcmd "$service_pid" GC.run > /dev/null
  jcmd "$service_pid" GC.heap_info | awk '/used [0-9]+K/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); printf "%.1f", v / 1024; exit } }'
}
rss_mib() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$service_pid/status"; }
articles_held() { curl -s --max-time 5 "$health_url" | jq -r '[.checks[] | select(.name == "feed") | .data.articles][0] // "?"'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
ms_to_s() { awk -v m="$1" 'BEGIN { printf "%.2f", m / 1000 }'; }

# Top frames of a JFR recording's execution samples: the leaf frames, and every frame counted once per sample
# (inclusive), with the sampled threads among them.
top_frames() {
  local file=$1
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$file" > "$file.txt"
  echo "$(grep -c '^jdk.ExecutionSample' "$file.txt") execution samples; top leaf frames:"
  awk '/stackTrace = \[/ { getline; sub(/line:.*/, ""); gsub(/^ +| +$/, ""); print }' "$file.txt" \
    | sort | uniq -c | sort -rn | head -15
  echo "top frames, inclusive (each frame once per sample; stacks cut at 64 frames):"
  awk '/^jdk.ExecutionSample/ { delete seen } /sampledThread|line:|\(/ { f = $0; sub(/line:.*/, "", f); sub(/ \(javaThreadId.*/, "", f)
       gsub(/^ +| +$/, "", f); if (!(f in seen)) { seen[f] = 1; c[f]++ } } END { for (f in c) print c[f], f }' "$file.txt" \
    | sort -rn | head -45
}

declare -A R
VARIANTS=(all q-common q-rare q-none tag source from-to since-early since-now relevance)
profiles=()

for N in "${SIZES[@]}"; do
  log "N=$N: broker"
  rm -rf "$work/kafka" "$work"/view-*
  : > "$work/broker.log"
  (cd "$work" && exec java -Xmx1g -cp "$CP" "$repo/bench/Broker.java" $KAFKA "$work/kafka" >> "$work/broker.log" 2>&1) &
  broker_pid=$!
  for ((i = 0; i < 1200; i++)); do
    grep -q 'BROKER READY' "$work/broker.log" && break
    kill -0 $broker_pid 2> /dev/null || { echo "the broker stopped; its log:" >&2; tail -30 "$work/broker.log" >&2; exit 1; }
    sleep 0.1
  done
  grep -q 'BROKER READY' "$work/broker.log" || { echo "the broker was not ready within 120 s" >&2; exit 1; }

  log "N=$N: empty topic, cold start (the peer; creates the empty.* topics)"
  start_service "$work/view-empty" empty
  R[$N.empty_cold]=$ready_ms R[$N.empty_cold_cpu]=$cpu_s
  stop_service

  log "N=$N: writing $N articles with a plain producer"
  out=$(cd "$work" && java -cp "$CP" "$repo/bench/WriteArticles.java" localhost:$KAFKA newsfeed.articles "$N" 42)
  read -r _ _ bytes secs rate mbs <<< "$(grep '^WROTE' <<< "$out")"
  R[$N.write_s]=$secs R[$N.write_rate]=$rate R[$N.write_mbs]=$mbs R[$N.bytes]=$bytes
  R[$N.topic_mib]=$(du -sm "$work/kafka" | cut -f1)
  log "N=$N: wrote $bytes bytes in ${secs}s: $rate articles/s, $mbs MB/s"

  log "N=$N: cold start (empty view folder)"
  R[$N.load_before]=$(cut -d' ' -f1-3 /proc/loadavg)
  start_service "$work/view-n" newsfeed
  R[$N.cold]=$ready_ms R[$N.cold_cpu]=$cpu_s
  R[$N.cold_rate]=$(awk -v n="$N" -v ms="${R[$N.cold]}" 'BEGIN { printf "%.0f", n / (ms / 1000) }')
  # Without the start-up an empty topic costs too (the peer's cold start of this run).
  R[$N.rebuild_rate]=$(awk -v n="$N" -v ms="${R[$N.cold]}" -v e="${R[$N.empty_cold]}" 'BEGIN { printf "%.0f", (ms > e) ? n / ((ms - e) / 1000) : 0 }')
  R[$N.held]=$(articles_held)
  R[$N.cold_heap]=$(heap_mib) R[$N.cold_rss]=$(rss_mib)
  stop_service
  R[$N.index_mib]=$(du -sm "$work/view-n" | cut -f1) || R[$N.index_mib]=?
  R[$N.segments]=$(find "$work/view-n" -name '*.si' | wc -l) # Lucene segments of the last commit and any unreferenced
  log "N=$N: cold ready in ${R[$N.cold]} ms (${R[$N.cold_rate]} articles/s), holds ${R[$N.held]}; index ${R[$N.index_mib]} MiB"
  if [ -n "${OTHER_JAR:-}" ]; then
    # A/B of the cold rebuild: another build on the same topic, alternating with this one, COLD_ROUNDS rounds.
    for ((round = 1; round <= ${COLD_ROUNDS:-2}; round++)); do
      for side in other this; do
        rm -rf "$work/view-ab"
        this_jar=$JAR
        [ $side = other ] && JAR=$OTHER_JAR
        start_service "$work/view-ab" newsfeed
        JAR=$this_jar
        log "N=$N: cold A/B round $round, $side build: ready in $ready_ms ms, $cpu_s CPU s (load $(cut -d' ' -f1 /proc/loadavg))"
        stop_service
      done
    done
    rm -rf "$work/view-ab"
  fi

  warm=() empty=() warm_cpu=() empty_cpu=()
  for ((run = 1; run <= WARM_RUNS; run++)); do
    start_service "$work/view-empty" empty
    empty+=("$ready_ms") empty_cpu+=("$cpu_s")
    if [ $run -eq $WARM_RUNS ]; then R[$N.empty_heap]=$(heap_mib) R[$N.empty_rss]=$(rss_mib); fi
    stop_service
    start_service "$work/view-n" newsfeed
    warm+=("$ready_ms") warm_cpu+=("$cpu_s")
    [ $run -eq $WARM_RUNS ] || stop_service
  done
  R[$N.warm]=$(median "${warm[@]}") R[$N.warm_all]="${warm[*]}" R[$N.warm_cpu]=$(median "${warm_cpu[@]}")
  R[$N.empty_warm]=$(median "${empty[@]}") R[$N.empty_warm_all]="${empty[*]}" R[$N.empty_warm_cpu]=$(median "${empty_cpu[@]}")
  log "N=$N: warm ready in ${warm[*]} ms; empty topic warm ${empty[*]} ms"
  R[$N.warm_held]=$(articles_held)
  R[$N.start_heap]=$(heap_mib) R[$N.start_rss]=$(rss_mib)

  # The tokens of the since variants: an early one (after the first page of changes from the beginning) and
  # the current one (a poll that finds nothing new).
  early=$(curl -sf "$BASE/feed?limit=20&since=0" | jq -r .next)
  current=$(curl -sf "$BASE/feed?limit=20" | jq -r .changes)
  enc() { jq -rn --arg v "$1" '$v | @uri'; }
  paths=(
    "all=/feed?limit=20"
    "q-common=/feed?limit=20&q=government"
    "q-rare=/feed?limit=20&q=okavango"
    "q-none=/feed?limit=20&q=xylophonist"
    "tag=/feed?limit=20&tag=istanbul"
    "source=/feed?limit=20&source=$(enc file:world/)"
    "from-to=/feed?limit=20&from=2020-03-01T00:00:00Z&to=2020-04-01T00:00:00Z"
    "since-early=/feed?limit=20&since=$(enc "$early")"
    "since-now=/feed?limit=20&since=$(enc "$current")"
    "relevance=/feed?limit=20&sort=relevance&q=government"
  )
  log "N=$N: GET /feed latency, $WARMUP + $REQUESTS requests per variant"
  lat=$(java "$repo/bench/FeedLatency.java" "$BASE" "$REQUESTS" "$WARMUP" "${paths[@]}")
  while read -r _ name p50 p99 mean max items bytes; do
    R[$N.$name.p50]=$p50 R[$N.$name.p99]=$p99 R[$N.$name.items]=$items
  done <<< "$(grep '^LATENCY' <<< "$lat")"
  R[$N.after_heap]=$(heap_mib) R[$N.after_rss]=$(rss_mib)

  slow=()
  for v in "${VARIANTS[@]}"; do
    if awk -v p="${R[$N.$v.p50]}" 'BEGIN { exit !(p > 5) }'; then
      for p in "${paths[@]}"; do [ "${p%%=*}" = "$v" ] && slow+=("$p"); done
    fi
  done
  if [ "$PROFILE" = always ] || { [ "$PROFILE" = auto ] && [ ${#slow[@]} -gt 0 ]; }; then
    [ ${#slow[@]} -gt 0 ] || slow=("${paths[@]}")
    log "N=$N: profiling GET /feed with JFR: ${slow[*]%%=*}"
    jcmd "$service_pid" JFR.start name=get settings=profile filename="$work/get-$N.jfr" > /dev/null
    java "$repo/bench/FeedLatency.java" "$BASE" "$REQUESTS" 0 "${slow[@]}" > /dev/null
    jcmd "$service_pid" JFR.stop name=get > /dev/null
    profiles+=("$(printf 'N=%s, GET /feed (%s):\n%s' "$N" "${slow[*]%%=*}" "$(top_frames "$work/get-$N.jfr")")")
  fi
  stop_service

  if [ "$PROFILE" = always ] || { [ "$PROFILE" = auto ] && [ "$N" -ge 100000 ] && [ "${R[$N.cold_rate]}" -lt 25000 ]; }; then
    # A second cold start with a JFR recording of its first PROFILE_SECONDS, then stopped (ready or not).
    log "N=$N: profiling the cold rebuild with JFR for ${PROFILE_SECONDS}s"
    rm -rf "$work/view-jfr"
    launch_service "$work/view-jfr" newsfeed \
      "-XX:StartFlightRecording=settings=profile,duration=${PROFILE_SECONDS}s,filename=$work/cold-$N.jfr"
    for ((i = 0; i < (PROFILE_SECONDS + 60) * 5; i++)); do
      [ -s "$work/cold-$N.jfr" ] && ! lsof "$work/cold-$N.jfr" > /dev/null 2>&1 && break
      kill -0 "$service_pid" 2> /dev/null || break
      sleep 0.2
    done
    sleep 1 # the recording file is written when the duration ends; give it a moment to close
    stop_service
    rm -rf "$work/view-jfr"
    if [ -s "$work/cold-$N.jfr" ]; then
      profiles+=("$(printf 'N=%s, cold rebuild, the first %s s after launch:\n%s' "$N" "$PROFILE_SECONDS" "$(top_frames "$work/cold-$N.jfr")")")
    fi
  fi

  R[$N.load_after]=$(cut -d' ' -f1-3 /proc/loadavg)
  stop_pid "$broker_pid" || true
  broker_pid=
  rm -rf "$work/kafka" "$work"/view-*
done

# ---------------------------------------------------------------------------------------------------------------
first=${SIZES[0]}
last=${SIZES[${#SIZES[@]} - 1]}
met() { awk "BEGIN { exit !($1) }" && echo met || echo MISSED; }
# p50 target of a variant: at most 5 ms, and at most 1.5x its p50 at the first N (when there are two sizes).
p50_met() { local r=$2; [ "$r" = n/a ] && r=0; [ "$first" = "$last" ] && r=0; met "$1 <= 5 && $r <= 1.5"; }
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
jv=$(java -version 2>&1 | head -1)
commit=$(git rev-parse --short HEAD)
{
  echo
  echo "## View (issue 8), $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $mem, $jv, $(uname -sr); **shared** with other engineers' builds, so figures"
  echo "are noisy: compare each with its peer from the same run. Service: packaged jar of commit $commit, -Xmx$HEAP,"
  echo "external broker (bench/Broker.java, its own JVM on the same machine), folder ingest off, log level WARN."
  echo
  echo "Command: \`./mvnw -q -o package -DskipTests && bench/view.sh ${SIZES[*]}\` (REQUESTS=$REQUESTS WARMUP=$WARMUP WARM_RUNS=$WARM_RUNS)"
  echo
  echo "### Writing the topic (plain producer, bench/WriteArticles.java, acks=all, linger.ms=20, batch.size=512 KiB)"
  echo
  echo "| N | bytes of JSON | seconds | articles/s | MB/s | broker data folder |"
  echo "|---|---|---|---|---|---|"
  for N in "${SIZES[@]}"; do
    echo "| $N | ${R[$N.bytes]} | ${R[$N.write_s]} | ${R[$N.write_rate]} | ${R[$N.write_mbs]} | ${R[$N.topic_mib]} MiB |"
  done
  echo
  echo "### Start-up to ready (launch of java to /q/health/ready = 200)"
  echo
  echo "| N | cold (s) | cold articles/s | articles/s less the empty start | cold CPU s | articles held | warm (s, median of $WARM_RUNS) | warm CPU s | peer: empty topic warm (s) | peer CPU s | ratio warm/peer | empty topic cold (s) | index on disk | load avg before cold / at end |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for N in "${SIZES[@]}"; do
    echo "| $N | $(ms_to_s ${R[$N.cold]}) | ${R[$N.cold_rate]} | ${R[$N.rebuild_rate]} | ${R[$N.cold_cpu]} | ${R[$N.held]} | $(ms_to_s ${R[$N.warm]}) (${R[$N.warm_all]} ms) | ${R[$N.warm_cpu]} | $(ms_to_s ${R[$N.empty_warm]}) (${R[$N.empty_warm_all]} ms) | ${R[$N.empty_warm_cpu]} | $(ratio ${R[$N.warm]} ${R[$N.empty_warm]}) | $(ms_to_s ${R[$N.empty_cold]}) | ${R[$N.index_mib]} MiB, ${R[$N.segments]} segments | ${R[$N.load_before]} / ${R[$N.load_after]} |"
  done
  echo
  echo "CPU s = user + system CPU seconds the service had used when it was first ready (/proc/PID/stat): less"
  echo "sensitive to the other engineers' load than the wall time."
  echo
  echo "### Memory (heap in use after a full GC via jcmd GC.run; RSS = VmRSS), MiB"
  echo
  echo "| N | after cold rebuild: heap / RSS | after warm start: heap / RSS | after the GETs: heap / RSS | peer: empty topic after warm start: heap / RSS |"
  echo "|---|---|---|---|---|"
  for N in "${SIZES[@]}"; do
    echo "| $N | ${R[$N.cold_heap]} / ${R[$N.cold_rss]} | ${R[$N.start_heap]} / ${R[$N.start_rss]} | ${R[$N.after_heap]} / ${R[$N.after_rss]} | ${R[$N.empty_heap]} / ${R[$N.empty_rss]} |"
  done
  echo
  echo "### GET /feed latency, ms (sequential, one connection, $WARMUP warm-up + $REQUESTS timed requests each, limit=20)"
  echo
  printf '| variant |'; for N in "${SIZES[@]}"; do printf ' p50 @%s | p99 @%s | items @%s |' $N $N $N; done
  printf ' ratio p50 @%s / @%s | target p50 <= 5 ms and <= 1.5x |\n' "$last" "$first"
  printf '|---|'; for N in "${SIZES[@]}"; do printf -- '---|---|---|'; done; printf -- '---|---|\n'
  for v in "${VARIANTS[@]}"; do
    printf '| %s |' "$v"
    for N in "${SIZES[@]}"; do printf ' %s | %s | %s |' "${R[$N.$v.p50]}" "${R[$N.$v.p99]}" "${R[$N.$v.items]}"; done
    r=$(ratio "${R[$last.$v.p50]}" "${R[$first.$v.p50]}")
    printf ' %s | %s |\n' "$r" "$(p50_met "${R[$last.$v.p50]}" "$r")"
  done
  echo
  echo "Variants: all = no filter; q-common = q=government (in about a third of the articles); q-rare = q=okavango"
  echo "(every 2,000th article); q-none = q=xylophonist (none); tag = tag=istanbul (about 1 in 5); source ="
  echo "source=file:world/ (about 1 in 6); from-to = March 2020 (about 1 in 120); since-early = the since token"
  echo "after the first page of since=0; since-now = the first page's changes token (nothing new);"
  echo "relevance = sort=relevance&q=government."
  echo
  echo "### Targets (issue 8) at N = $last"
  echo
  echo "| target | figure | peer | ratio | |"
  echo "|---|---|---|---|---|"
  wr=$(ratio ${R[$last.warm]} ${R[$last.empty_warm]})
  echo "| warm restart ready <= 5 s and <= 1.5x the empty topic's | $(ms_to_s ${R[$last.warm]}) s | $(ms_to_s ${R[$last.empty_warm]}) s | $wr | $(met "${R[$last.warm]} <= 5000 && $wr <= 1.5") |"
  echo "| cold rebuild >= 25,000 articles/s with -Xmx$HEAP | ${R[$last.cold_rate]} /s ($(ms_to_s ${R[$last.cold]}) s) | | | $(met "${R[$last.cold_rate]} >= 25000") |"
  for v in "${VARIANTS[@]}"; do
    r=$(ratio "${R[$last.$v.p50]}" "${R[$first.$v.p50]}")
    echo "| GET /feed $v: p50 <= 5 ms and <= 1.5x its p50 at $first | ${R[$last.$v.p50]} ms | ${R[$first.$v.p50]} ms | $r | $(p50_met "${R[$last.$v.p50]}" "$r") |"
  done
  if [ ${#profiles[@]} -gt 0 ]; then
    echo
    echo "### Profiles of missed targets (JFR, settings=profile)"
    for p in "${profiles[@]}"; do
      echo
      echo '```'
      echo "$p"
      echo '```'
    done
  fi
} > "$work/section.md"
cat "$work/section.md"
if [ ! -f "$RESULTS" ]; then printf '# Benchmark results\n' > "$RESULTS"; fi
cat "$work/section.md" >> "$RESULTS"
echo >&2
echo "appended to $RESULTS" >&2
