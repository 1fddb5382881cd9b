#!/usr/bin/env bash
# newsfeed's benchmark suite against peers (issues 10 and 20). One command:
#
#   bench/run.sh [N] [--quick] [--duration SECONDS] [--only "parser ingest visibility serving streams footprint"]
#
#   N           articles per ingest run (default 20000; smaller for a try, e.g. 2000)
#   --quick     short everything: JMH 2 forks x 3 x 1 s, wrk 5 s, 100 SSE clients for 5 s, one round of A/B
#   --duration  seconds per wrk run (default 30)
#   --only      the benchmarks to run (default: all six)
#
# It builds what it needs (the service jar if missing, bench/tools, bench/jmh, bench/peer-app), installs wrk and
# nginx with apt-get when they are missing and it may, then on loopback only: starts a single-node Kafka broker
# (KRaft, from kafka_2.13 4.1.2, the version newsfeed uses) in its own JVM, newsfeed against it, and the peers.
# It prints a table and writes the "Performance (issues 10 and 20)" section of bench/RESULTS.md (other sections are
# kept). Every process it starts is stopped and its temp folder removed on exit. JFR records the service from its
# launch (settings=default, about 1% overhead), each benchmark's span dumped on its own; for every missed target
# the top frames go into RESULTS.md.
#
# Takes about 20-25 minutes in full on 2 cores (JMH 2 min, ingest 4, visibility 5-8 with the JIT settling, serving
# 7 with --duration 20, the rest 4).
# BENCH_OFFLINE=1 builds with mvnw -o (everything already in ~/.m2).
#
# Ports (loopback): 28080 newsfeed API, 28090 its management port, 28092/28093 Kafka, 28081 nginx,
# 28082/28091 the peer app. Set BENCH_KEEP=1 to keep the temp folder (logs, JFR recordings).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=bench/broker.sh
. "$ROOT/bench/broker.sh"
ARGS="$*"

N=20000
QUICK=0
DURATION=30
ONLY="parser ingest visibility serving streams footprint"
while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=1; DURATION=5 ;;
    --duration) DURATION=$2; shift ;;
    --only) ONLY=$2; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    [0-9]*) N=$1 ;;
    *) echo "unknown argument $1 (see bench/run.sh --help)" >&2; exit 64 ;;
  esac
  shift
done
ROUNDS=2; [ "$QUICK" = 1 ] && ROUNDS=1
SSE_CLIENTS=1000; SSE_SECONDS=20; [ "$QUICK" = 1 ] && { SSE_CLIENTS=100; SSE_SECONDS=5; }
VIS_COUNT=2000; VIS_RATE=200; [ "$QUICK" = 1 ] && VIS_COUNT=400
VIS_SLOW_COUNT=600; VIS_SLOW_RATE=20; [ "$QUICK" = 1 ] && VIS_SLOW_COUNT=200

HTTP=28080; MGMT=28090; KAFKA=28092; CONTROLLER=28093; NGINX=28081; PEER_HTTP=28082; PEER_MGMT=28091
TOKEN=bench-token
SEED=$ROOT/seeds/000_22b61c6839899886.txt
SERVICE_JAR=$ROOT/target/quarkus-app/quarkus-run.jar
PEER_JAR=$ROOT/bench/peer-app/target/quarkus-app/quarkus-run.jar
TOOLS_CP="$ROOT/bench/tools/target/classes:$ROOT/bench/tools/target/lib/*"
JMH_CP="$ROOT/bench/jmh/target/classes:$ROOT/bench/jmh/target/lib/*:$ROOT/target/newsfeed-1.0.0-SNAPSHOT.jar"

work=$(mktemp -d /tmp/newsfeed-bench.XXXXXX)
RESULTS=$work/results.tsv     # benchmark, figure, value, unit, peer, peer value, ratio, target, met, profile
COMMANDS=$work/commands.md
PROFILES=$work/profiles.md
: > "$RESULTS"; : > "$COMMANDS"; : > "$PROFILES"
pids=()

cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ -n "${BENCH_KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }
# Runs a command and writes it, as run, to the commands section.
logged() {
  printf -- '- `%s`\n' "$(printf '%s ' "$@" | sed "s#$ROOT/##g; s#$work#\$TMP#g; s/ $//")" >> "$COMMANDS"
  "$@"
}
# key=value pairs printed by the tools: value of one key.
field() { printf '%s\n' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2; exit}'; }
calc() { awk "BEGIN {printf \"%.${2:-2}f\", $1}"; }
median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
# record BENCHMARK FIGURE VALUE UNIT PEER PEER_VALUE RATIO TARGET MET PROFILE
record() { local IFS=$'\t'; printf '%s\n' "$*" >> "$RESULTS"; }
wanted() { case " $ONLY " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
port_free() { ! (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { for _ in $(seq 1 "$((${2:-120} * 5))"); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; return 1; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU seconds (user + system) a process has used so far; and cores used since a mark: cores_since MARK PID
cpu_mark() { echo "$(awk '{print $14 + $15}' "/proc/$1/stat") $(date +%s%N)"; }
cores_since() {
  local ticks nanos
  read -r ticks nanos <<< "$1"
  calc "($(awk '{print $14 + $15}' "/proc/$2/stat") - $ticks) / 100 / (($(date +%s%N) - $nanos) / 1e9)" 2
}

# ---------------------------------------------------------------------------------------------------- setup

for port in $HTTP $MGMT $KAFKA $CONTROLLER $NGINX $PEER_HTTP $PEER_MGMT; do
  port_free "$port" || fail "port $port is in use on localhost; stop what holds it"
done
if ! command -v wrk > /dev/null || ! command -v nginx > /dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    log "installing wrk and nginx (apt-get)"
    apt-get update -q > "$work/apt.log" 2>&1 && apt-get install -y -q wrk nginx >> "$work/apt.log" 2>&1 \
      || fail "apt-get install wrk nginx; see $work/apt.log"
  else
    fail "wrk and nginx are needed: apt-get install -y wrk nginx"
  fi
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" -ge 4096 ] || log "WARNING: ulimit -n is $(ulimit -n): 1,000 SSE clients need more"

MVN="$ROOT/mvnw -q"
[ -n "${BENCH_OFFLINE:-}" ] && MVN="$MVN -o"
if [ ! -f "$SERVICE_JAR" ]; then log "building newsfeed"; $MVN package -DskipTests > "$work/build.log" 2>&1 || fail "build; see $work/build.log"; fi
log "building bench/tools, bench/jmh, bench/peer-app"
(cd bench/tools && $MVN package > "$work/build-tools.log" 2>&1) || fail "bench/tools build; see $work/build-tools.log"
(cd bench/jmh && $MVN package > "$work/build-jmh.log" 2>&1) || fail "bench/jmh build; see $work/build-jmh.log"
PEER_PACKAGE=(-DskipTests)
# The footprint's BENCH_APPCDS=1 compares both apps with Quarkus' AppCDS archive, written when packaging.
case "${BENCH_APPCDS:-}" in "" | trained) ;; *) PEER_PACKAGE+=(-Dquarkus.package.jar.appcds.enabled=true) ;; esac
(cd bench/peer-app && $MVN package "${PEER_PACKAGE[@]}" > "$work/build-peer.log" 2>&1) || fail "bench/peer-app build"

LOAD_START=$(load)
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
MACHINE="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
MACHINE="$MACHINE $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM,"
MACHINE="$MACHINE $(java -version 2>&1 | head -1), $(uname -sr)"
SERVICE_COMMIT=$(git rev-parse --short HEAD)
log "machine: $MACHINE; load average $LOAD_START"

# ---------------------------------------------------------------------------------------------------- parser

bench_parser() {
  log "parser: JMH"
  local forks=2 wi=3 it=5
  [ "$QUICK" = 1 ] && { wi=2; it=3; }
  local sizes
  sizes=$(java -cp "$JMH_CP" dev.newsfeed.bench.jmh.ParserBenchmark "$SEED")
  logged java -cp "$JMH_CP" org.openjdk.jmh.Main ParserBenchmark -f $forks -wi $wi -w 1s -i $it -r 1s \
    -p seed="$SEED" -rf csv -rff "$work/jmh.csv" > "$work/jmh.log" 2>&1 || fail "JMH; see $work/jmh.log"
  local size bytes parse scan mbs ratio met profile
  for size in seed 100k; do
    bytes=$(field "$sizes" "bytes_$size")
    parse=$(tr -d '\r' < "$work/jmh.csv" | awk -F, -v s="$size" '$1 ~ /\.parse"$/ && $NF == s {print $5}')
    scan=$(tr -d '\r' < "$work/jmh.csv" | awk -F, -v s="$size" '$1 ~ /\.newlineScan"$/ && $NF == s {print $5}')
    mbs=$(calc "$parse * $bytes / 1e6" 1)
    ratio=$(calc "$parse / $scan" 3)
    met=$(awk -v r="$ratio" -v m="$mbs" 'BEGIN {print ((r >= 0.15 && m >= 100) ? "met" : "missed")}')
    profile=""
    [ "$met" = missed ] && profile="parser-$size"
    record parser "parse, $size article ($bytes B): articles/s" "$(calc "$parse" 0)" "articles/s" \
      "newline scan of the same bytes" "$(calc "$scan" 0)" "$ratio" ">= 0.15x" \
      "$(awk -v r="$ratio" 'BEGIN {print (r >= 0.15 ? "met" : "missed")}')" "$profile"
    record parser "parse, $size article: MB/s, one core" "$mbs" "MB/s" \
      "newline scan" "$(calc "$scan * $bytes / 1e6" 0)" "" ">= 100 MB/s" \
      "$(awk -v m="$mbs" 'BEGIN {print (m >= 100 ? "met" : "missed")}')" "$profile"
    if [ -n "$profile" ]; then
      # The same benchmark once more under JFR, for the frames that limit it.
      java -cp "$JMH_CP" org.openjdk.jmh.Main 'ParserBenchmark.parse$' -f 1 -wi 1 -w 1s -i 3 -r 1s \
        -p seed="$SEED" -p size="$size" \
        -jvmArgsAppend "-XX:StartFlightRecording=filename=$work/$profile.jfr,settings=profile" \
        > "$work/jmh-$profile.log" 2>&1 || true
      profile_section "$profile" "the parser, JMH parse on the $size article" "$work/$profile.jfr" "main|jmh"
    fi
  done
  # Enrichment, its own stage: the name tagger against the regular-expression tagger it replaced (issue 10 sets no
  # target; both run in the same JMH run, which refuses to start when their tags differ).
  log "enrichment: JMH"
  logged java -cp "$JMH_CP" org.openjdk.jmh.Main EnrichBenchmark -f $forks -wi $wi -w 1s -i $it -r 1s \
    -p seed="$SEED" -rf csv -rff "$work/jmh-enrich.csv" > "$work/jmh-enrich.log" 2>&1 \
    || fail "JMH EnrichBenchmark; see $work/jmh-enrich.log"
  local tags legacy
  for size in seed 100k; do
    tags=$(tr -d '\r' < "$work/jmh-enrich.csv" | awk -F, -v s="$size" '$1 ~ /\.tags"$/ && $NF == s {print $5}')
    legacy=$(tr -d '\r' < "$work/jmh-enrich.csv" | awk -F, -v s="$size" '$1 ~ /\.legacyTags"$/ && $NF == s {print $5}')
    record enrichment "tag names, $size article: articles/s, one core" "$(calc "$tags" 0)" "articles/s" \
      "the regular-expression tagger it replaced (same tags)" "$(calc "$legacy" 0)" "$(calc "$tags / $legacy" 1)" "-" "-" ""
  done
}

# Writes the top frames of a recording under a heading, for RESULTS.md.
profile_section() {
  local name=$1 what=$2 file=$3 threads=${4:-.}
  [ -f "$file" ] || { log "no recording $file"; return 0; }
  { printf '\n#### Profile `%s`: %s\n\n' "$name" "$what"
    "$ROOT/bench/jfr-top.sh" "$file" 12 "$threads"; } >> "$PROFILES" 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------------------- broker

start_broker() {
  kafka_config "$work/kafka" $KAFKA $CONTROLLER
  kafka_format "$work/kafka" "$TOOLS_CP" || fail "formatting the broker; see $work/kafka/format.log"
  log "starting Kafka on localhost:$KAFKA"
  printf -- '- broker: `java -Xms1g -Xmx1g -cp bench/tools/target/lib/* kafka.Kafka server.properties` (KRaft, one node; %s)\n' \
    "after kafka.tools.StorageTool format" >> "$COMMANDS"
  java -Xms1g -Xmx1g -cp "$TOOLS_CP" kafka.Kafka "$work/kafka/server.properties" > "$work/kafka/broker.log" 2>&1 &
  BROKER_PID=$!
  pids+=("$BROKER_PID")
  wait_port $KAFKA 120 || fail "Kafka did not start; see $work/kafka/broker.log"
}

create_topic() {
  java -cp "$TOOLS_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "localhost:$KAFKA" --create \
    --if-not-exists --topic "$1" --partitions "${2:-1}" --replication-factor 1 > /dev/null 2>&1 \
    || fail "creating topic $1"
}

# ---------------------------------------------------------------------------------------------------- service

# start_service NAME [JAVA OPTIONS...]: newsfeed against the suite's broker; sets SERVICE_PID, READY_SECONDS.
start_service() {
  local name=$1; shift
  mkdir -p "$work/$name/in"
  local started=$(date +%s%N)
  java "$@" -Dquarkus.http.port=$HTTP -Dquarkus.management.port=$MGMT \
    -Dkafka.bootstrap.servers=localhost:$KAFKA -Dnewsfeed.kafka.embedded=never \
    -Dnewsfeed.ingest.folder="$work/$name/in" -Dnewsfeed.view.data-dir="$work/$name/view" \
    -Dnewsfeed.api-token=$TOKEN -Dnewsfeed.public-base-url=http://localhost:$HTTP \
    -Dquarkus.http.limits.max-connections=1200 \
    -Dnewsfeed.feed.stream-max=1100 -Dnewsfeed.feed.stream-max-per-client=1100 \
    -jar "$SERVICE_JAR" > "$work/$name/service.log" 2>&1 &
  SERVICE_PID=$!
  pids+=("$SERVICE_PID")
  wait_ready $MGMT $SERVICE_PID "$work/$name/service.log" "$started"
}

# wait_ready PORT PID LOG STARTED_NANOS: polls /q/health/ready every 20 ms; sets READY_SECONDS.
wait_ready() {
  local deadline=$(($(date +%s) + 180))
  until curl -sf -o /dev/null "localhost:$1/q/health/ready"; do
    kill -0 "$2" 2>/dev/null || { tail -30 "$3" >&2; fail "the process stopped; log $3"; }
    [ "$(date +%s)" -lt "$deadline" ] || fail "not ready after 180 s; log $3"
    sleep 0.02
  done
  READY_SECONDS=$(calc "($(date +%s%N) - $4) / 1e9" 3)
}

stop_process() {
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}

# The main service records from its launch (-XX:StartFlightRecording, below), and each benchmark dumps its own
# span of that one recording. A recording started mid-run redefines JDK classes to instrument them (file and
# socket I/O, Throwable), which costs the compiled code built before it: 9,308 compilations in the 25 s after one
# started, against 1,162 without. Each benchmark then measured the JIT on a core it shares with the service.
# A dump keeps or drops whole chunks, and its begin counts in whole seconds: the throwaway dump ends the chunk
# before the benchmark, and the benchmark's span begins in the next second.
jfr_start() {
  jcmd "$SERVICE_PID" JFR.dump name=bench filename="$work/rotate.jfr" > /dev/null 2>&1 || true
  rm -f "$work/rotate.jfr"
  sleep 1
  printf -v "JFR_BEGIN_$1" '%s' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}
jfr_stop() {
  local begin="JFR_BEGIN_$1"
  jcmd "$SERVICE_PID" JFR.dump name=bench begin="${!begin}" end="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    filename="$work/$1.jfr" > /dev/null 2>&1 || log "JFR.dump $1 failed"
}


# settle_jit WHY: rounds of the visibility client (600 POSTs at 100/s, each followed on GET /feed?since= and on the
# stream) until a round's JIT compilations fall below 30 (at most 300 s), so that what follows measures the service
# and not its JIT. On 2 cores the C2 compiler thread falls behind under load and compiles methods at a tier of less
# profiling meanwhile; once the load drops it works through them, for minutes: 600 POSTs one at a time took 9-10 s
# of C2 CPU in 12-14 s after 24,000 at 64 in flight, and the POST's p50 fell from 18 to 11 ms as it caught up. The
# rounds use the client the measurement uses: settled with POSTs alone, the first 300 POSTs at 20/s still compiled
# 1,546 methods (8.4 s of C2 CPU in 16 s; the feed's polls and the stream's events, bench/threads.sh --rate 20,
# 2026-12-07). Sets SETTLE (a note for the report).
settle_jit() {
  local started=$SECONDS rounds=0 before after=0 delta=-1
  before=$(jit_compilations "$SERVICE_PID")
  while [ $((SECONDS - started)) -lt 300 ]; do
    java -cp "$TOOLS_CP" dev.newsfeed.bench.Visibility "http://localhost:$HTTP" $TOKEN "$SEED" 600 100 \
      "settle$1$rounds" > /dev/null 2>&1 || true
    rounds=$((rounds + 1))
    after=$(jit_compilations "$SERVICE_PID")
    [ -n "$before" ] && [ -n "$after" ] || break
    delta=$((after - before)); before=$after
    [ "$delta" -lt 30 ] && break
  done
  SETTLE="JIT settled before it: $rounds round(s) of 600 POSTs at 100/s, followed on the feed and the stream, in $((SECONDS - started)) s, $delta compilations in the last"
  log "  $SETTLE"
}

# ---------------------------------------------------------------------------------------------------- ingest

peer_producer() {
  local out
  out=$(logged java -cp "$TOOLS_CP" org.apache.kafka.tools.ProducerPerformance --topic bench.peer \
    --num-records "$N" --record-size "$RECORD_BYTES" --throughput -1 --producer-props \
    bootstrap.servers=localhost:$KAFKA acks=all enable.idempotence=true linger.ms="$LINGER" \
    batch.size="$BATCH" compression.type="$COMPRESSION" 2> /dev/null | tail -1)
  printf '%s\n' "$out" >> "$work/producer-performance.log"
  printf '%s\n' "$out" | sed -E 's/.* ([0-9.]+) records\/sec.*/\1/'
}

bench_ingest() {
  log "ingest: $N articles, $ROUNDS round(s) of folder / producer / HTTP / producer"
  jfr_start ingest
  local round folder=() http=() peer=() folder_ratio=() http_ratio=() out rate p mark folder_cores=() http_cores=()
  for round in $(seq 1 "$ROUNDS"); do
    java -cp "$TOOLS_CP" dev.newsfeed.bench.Articles "$SEED" "$work/main/staging-$round" "$N" "burst$round"
    mark=$(cpu_mark "$SERVICE_PID")
    out=$(logged java -cp "$TOOLS_CP" dev.newsfeed.bench.FolderBurst localhost:$KAFKA newsfeed.articles \
      "$work/main/staging-$round" "$work/main/in" 600 2>> "$work/tools.log") || fail "folder ingest: $out"
    folder_cores+=("$(cores_since "$mark" "$SERVICE_PID")")
    log "  folder: $out; newsfeed used ${folder_cores[-1]} cores"
    rate=$(field "$out" folder_rate); folder+=("$rate")
    printf '%s\n' "$out" >> "$work/ingest.log"
    if [ -z "${RECORD_BYTES:-}" ]; then
      out=$(java -cp "$TOOLS_CP" dev.newsfeed.bench.TopicStats localhost:$KAFKA newsfeed.articles 200 2> /dev/null)
      RECORD_BYTES=$(field "$out" record_value_bytes)
      RECORD_HEADERS=$(field "$out" record_header_bytes)
      log "  newsfeed's records: $out"
    fi
    p=$(peer_producer); peer+=("$p"); log "  producer: $p records/s"
    folder_ratio+=("$(calc "$rate / $p" 3)")
    mark=$(cpu_mark "$SERVICE_PID")
    out=$(logged java -cp "$TOOLS_CP" dev.newsfeed.bench.PostLoad "http://localhost:$HTTP" $TOKEN "$SEED" "$N" 64 \
      "post$round" 600) || log "  HTTP ingest: not all 201: $out"
    http_cores+=("$(cores_since "$mark" "$SERVICE_PID")")
    log "  HTTP: $out; newsfeed used ${http_cores[-1]} cores"
    rate=$(field "$out" http_rate); http+=("$rate")
    printf '%s\n' "$out" >> "$work/ingest.log"
    p=$(peer_producer); peer+=("$p"); log "  producer: $p records/s"
    http_ratio+=("$(calc "$rate / $p" 3)")
  done
  jfr_stop ingest
  local peer_median fr hr
  peer_median=$(printf '%s\n' "${peer[@]}" | median)
  fr=$(printf '%s\n' "${folder_ratio[@]}" | median)
  hr=$(printf '%s\n' "${http_ratio[@]}" | median)
  local met_f met_h
  # Targets (issue 20): folder >= 0.3x, HTTP >= 0.25x the producer, a 201 still meaning this instance shows it.
  met_f=$(awk -v r="$fr" 'BEGIN {print (r >= 0.3 ? "met" : "missed")}')
  met_h=$(awk -v r="$hr" 'BEGIN {print (r >= 0.25 ? "met" : "missed")}')
  record ingest "folder: $N files renamed in at once, articles/s acknowledged (median of ${#folder[@]}; newsfeed used $(printf '%s\n' "${folder_cores[@]}" | median) of $(nproc) cores)" \
    "$(printf '%s\n' "${folder[@]}" | median)" articles/s \
    "ProducerPerformance, $N x $RECORD_BYTES B, acks=all, linger.ms=$LINGER, batch.size=$BATCH, compression=$COMPRESSION" \
    "$peer_median" "$fr" ">= 0.3x" "$met_f" "$([ "$met_f" = missed ] && echo ingest)"
  record ingest "HTTP: $N POST /articles, 64 concurrent, 201/s (median of ${#http[@]}; newsfeed used $(printf '%s\n' "${http_cores[@]}" | median) cores)" \
    "$(printf '%s\n' "${http[@]}" | median)" articles/s "ProducerPerformance, same" "$peer_median" "$hr" \
    ">= 0.25x" "$met_h" "$([ "$met_h" = missed ] && echo ingest)"
  if [ "$met_f" = missed ] || [ "$met_h" = missed ]; then
    profile_section ingest "newsfeed during the ingest runs (folder and HTTP)" "$work/ingest.jfr"
  fi
}

# ---------------------------------------------------------------------------------------------------- visibility

bench_visibility() {
  log "visibility: $VIS_COUNT articles at $VIS_RATE/s, POST then folder, and EndToEndLatency"
  if [ -z "${RECORD_BYTES:-}" ]; then
    # Without the ingest runs before it, the service's code is still cold: warm it up, unmeasured.
    java -cp "$TOOLS_CP" dev.newsfeed.bench.PostLoad "http://localhost:$HTTP" $TOKEN "$SEED" 1000 16 warm 300 \
      > /dev/null 2>&1 || true
    RECORD_BYTES=$(field "$(java -cp "$TOOLS_CP" dev.newsfeed.bench.TopicStats localhost:$KAFKA newsfeed.articles \
      200 2> /dev/null)" record_value_bytes)
  fi
  # This benchmark's span of the recording begins before its warm-up.
  jfr_start visibility
  # The path measured, once unmeasured: its code compiled, and the view's segments merged as they would be in a
  # service that has been running (a cold run measured the JIT: POST to 201 p50 2 s, against 70 ms warm).
  java -cp "$TOOLS_CP" dev.newsfeed.bench.Visibility "http://localhost:$HTTP" $TOKEN "$SEED" "$VIS_COUNT" "$VIS_RATE" \
    viswarm > /dev/null 2>&1 || true
  settle_jit visibility
  printf -- '- JIT settling before the visibility runs: `java -cp %s dev.newsfeed.bench.Visibility http://localhost:%s %s %s 600 100 settle`, repeated until a round compiles fewer than 30 methods (`jstat -compiler`), at most 300 s\n' \
    "bench/tools/target/classes:bench/tools/target/lib/*" "$HTTP" "$TOKEN" "${SEED#"$ROOT"/}" >> "$COMMANDS"
  sleep 5
  local post file e2e slow
  # Issue 20's first visibility target: POSTs at 20/s, one at a time as a CMS writes, each seen alone.
  local jit0 jit1
  jit0=$(jit_compilations "$SERVICE_PID")
  slow=$(logged java -cp "$TOOLS_CP" dev.newsfeed.bench.Visibility "http://localhost:$HTTP" $TOKEN "$SEED" \
    "$VIS_SLOW_COUNT" "$VIS_SLOW_RATE" visslow | tr '\n' ' ')
  jit1=$(jit_compilations "$SERVICE_PID")
  log "  POST at $VIS_SLOW_RATE/s: $slow"
  log "  JIT compilations in the service during it: $(( ${jit1:-0} - ${jit0:-0} ))"
  sleep 2
  # The service's own timers, scraped around each run: where a writer's wait went (Kafka, or the view).
  curl -sf "localhost:$MGMT/q/metrics" > "$work/metrics.0" || true
  post=$(logged java -cp "$TOOLS_CP" dev.newsfeed.bench.Visibility "http://localhost:$HTTP" $TOKEN "$SEED" \
    "$VIS_COUNT" "$VIS_RATE" vispost | tr '\n' ' ')
  log "  POST: $post"
  curl -sf "localhost:$MGMT/q/metrics" > "$work/metrics.1" || true
  sleep 5
  file=$(logged java -cp "$TOOLS_CP" dev.newsfeed.bench.Visibility "http://localhost:$HTTP" $TOKEN "$SEED" \
    "$VIS_COUNT" "$VIS_RATE" visfile "$work/main/in" | tr '\n' ' ')
  log "  file: $file"
  curl -sf "localhost:$MGMT/q/metrics" > "$work/metrics.2" || true
  jfr_stop visibility
  create_topic bench.e2e
  e2e=$(logged java -cp "$TOOLS_CP" org.apache.kafka.tools.EndToEndLatency localhost:$KAFKA bench.e2e "$VIS_COUNT" \
    all "$RECORD_BYTES" 2> /dev/null | tail -3 | tr '\n' ' ')
  log "  EndToEndLatency: $e2e"
  local peer_p50 peer_p99 settle
  peer_p50=$(printf '%s' "$e2e" | sed -nE 's/.*Percentiles: 50th = ([0-9.]+).*/\1/p')
  peer_p99=$(printf '%s' "$e2e" | sed -nE 's/.*99th = ([0-9.]+),.*/\1/p')
  settle=2000
  local kind path p50 p99 max t50 t99 extra met
  # Targets (issue 20): at 20 POST/s p50 <= 10 ms and p99 <= 30 ms, at 200 POST/s p99 <= 100 ms, for the 201, the
  # feed and the stream alike; a file waits for the folder's settle time first, then as a POST does at 200/s.
  local run kind out rate
  for run in slow post file; do
    case $run in slow) out=$slow; kind=post; rate=$VIS_SLOW_RATE ;; post) out=$post; kind=post; rate=$VIS_RATE ;;
      file) out=$file; kind=file; rate=$VIS_RATE ;; esac
    extra=0; [ $kind = file ] && extra=$settle
    for path in to_201 to_feed to_stream; do
      p50=$(field "$out" "${kind}_${path}_p50"); [ -n "$p50" ] || continue
      p99=$(field "$out" "${kind}_${path}_p99"); max=$(field "$out" "${kind}_${path}_max")
      if [ $run = slow ]; then t50=10; t99=30; else t50=1000000; t99=$((100 + extra)); fi
      met=$(awk -v a="$p50" -v b="$p99" -v c="$t50" -v d="$t99" 'BEGIN {print ((a <= c && b <= d) ? "met" : "missed")}')
      local target="p99 <= $t99"; [ $run = slow ] && target="p50 <= $t50, p99 <= $t99"
      if [ $run = slow ] && [ $path = to_feed ]; then
        # The issue's 20/s target names the 201 and the stream; the feed, polled with a 5 ms pause, is a reference.
        target="- (polled, 5 ms pause)"; met="-"
      fi
      local settled=""; [ $run = slow ] && [ $path = to_201 ] && settled="; $SETTLE"
      record visibility "$kind at $rate/s: request to ${path#to_} (n=$(field "$out" "${kind}_${path}_n")$settled): p50 / p99 / max" \
        "$p50 / $p99 / $max" ms "EndToEndLatency p50 / p99 ($VIS_COUNT x $RECORD_BYTES B, acks=all)" \
        "$peer_p50 / $peer_p99" "$(calc "$p99 / $peer_p99" 1) (p99)" \
        "$target" "$met" \
        "$([ "$met" = missed ] && echo visibility)"
      if [ "$met" = missed ]; then VIS_MISSED=1; fi
    done
  done
  local from to timers
  for run in post file; do
    from=0; to=1; [ $run = file ] && { from=1; to=2; }
    timers=$(for metric in newsfeed_publish_latency_seconds:ack newsfeed_feed_visible_delay_seconds:shown \
      newsfeed_feed_apply_seconds:apply 'newsfeed_ingest_sync_seconds{through="own-writes"}:own' \
      'newsfeed_ingest_sync_seconds{through="view"}:view'; do
      java -cp "$TOOLS_CP" dev.newsfeed.bench.HistogramDelta "$work/metrics.$from" "$work/metrics.$to" \
        "${metric%%:*}" "${metric##*:}" 2> /dev/null
    done | tr '\n' ' ')
    log "  $run, the service's timers: $timers"
    record visibility "$run at $VIS_RATE/s: the service's own timers over the run (p50 / p99): a write's wait for a view to decide on, through its own acknowledged writes (n) or through the view (n); send to Kafka's ack; Kafka timestamp to shown by the view; one batch applied and shown (n batches)" \
      "$(field "$timers" own_p50) / $(field "$timers" own_p99) (n=$(field "$timers" own_n)); $(field "$timers" view_p50) / $(field "$timers" view_p99) (n=$(field "$timers" view_n)); $(field "$timers" ack_p50) / $(field "$timers" ack_p99); $(field "$timers" shown_p50) / $(field "$timers" shown_p99); $(field "$timers" apply_p50) / $(field "$timers" apply_p99) (n=$(field "$timers" apply_n))" \
      ms "" "" "" "-" "-" ""
  done
  record visibility "sender lateness, missing (POST; file)" \
    "$(field "$post" post_sender_late_ms) ms, feed $(field "$post" post_missing_feed) stream $(field "$post" post_missing_stream); $(field "$file" file_sender_late_ms) ms, feed $(field "$file" file_missing_feed) stream $(field "$file" file_missing_stream)" \
    "" "" "" "" "none missing" \
    "$(awk -v a="$(field "$post" post_missing_stream)$(field "$file" file_missing_stream)" 'BEGIN {print (a == "00" ? "met" : "missed")}')" ""
  if [ -n "${VIS_MISSED:-}" ]; then
    profile_section visibility "newsfeed during the visibility runs" "$work/visibility.jfr"
  fi
}

# ---------------------------------------------------------------------------------------------------- serving

start_nginx() {
  mkdir -p "$work/nginx/root" "$work/nginx/tmp"
  # nginx's workers run as another user when started by root: they must reach the files.
  chmod 755 "$work" "$work/nginx" "$work/nginx/root"
  cat > "$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp; proxy_temp_path $work/nginx/tmp; fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp; scgi_temp_path $work/nginx/tmp;
  sendfile on; tcp_nopush on; keepalive_requests 1000000; keepalive_timeout 60s;
  default_type application/json;
  server { listen 127.0.0.1:$NGINX; root $work/nginx/root; etag on; }
}
EOF
  printf -- '- nginx: `nginx -c nginx.conf` (worker_processes auto, sendfile, access_log off, keepalive_requests 1000000; the files are the bytes newsfeed answered)\n' >> "$COMMANDS"
  nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" > "$work/nginx/out.log" 2>&1 &
  NGINX_PID=$!
  pids+=("$NGINX_PID")
  wait_port $NGINX 20 || fail "nginx did not start; see $work/nginx/error.log"
}

# wrk_run URL [LUA [ARGS...]]: prints "rps p99_ms non2xx"
wrk_run() {
  local url=$1 lua=${2:-} out
  shift 2 || shift $#
  if [ -n "$lua" ]; then
    out=$(logged wrk -t1 -c64 -d"${DURATION}s" --latency -s "$lua" "$url" -- "$@")
  else
    out=$(logged wrk -t1 -c64 -d"${DURATION}s" --latency "$url")
  fi
  printf '%s\n' "$out" >> "$work/wrk.log"
  local rps p99 non
  rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms/, "", v); else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; print v}')
  non=$(printf '%s\n' "$out" | awk '/Non-2xx/ {print $NF}')
  echo "${rps:-0} ${p99:-nan} ${non:-0}"
}

bench_serving() {
  local held
  held=$(curl -sf "localhost:$MGMT/q/metrics" | awk '/^newsfeed_feed_articles / {print int($2)}')
  if [ "${held:-0}" -lt 1000 ]; then
    log "serving: the feed holds ${held:-0} articles; posting 2000 first"
    java -cp "$TOOLS_CP" dev.newsfeed.bench.PostLoad "http://localhost:$HTTP" $TOKEN "$SEED" 2000 16 fill 600 \
      > /dev/null 2>&1 || true
    sleep 3
  fi
  start_nginx
  local q=ceasefire tag=ukraine
  declare -A urls=(
    [feed]="/feed?limit=20" [feed304]="/feed?limit=20" [atom]="/feed.atom"
    [q]="/feed?limit=20&q=$q" [tag]="/feed?limit=20&tag=$tag")
  local variant file etag nginx_etag
  # The same bytes for nginx: what newsfeed answers, saved as files.
  for variant in feed atom q tag; do
    curl -sf -o "$work/nginx/root/$variant" "http://localhost:$HTTP${urls[$variant]}" || fail "GET ${urls[$variant]}"
  done
  cp "$work/nginx/root/feed" "$work/nginx/root/feed304"
  etag=$(curl -sf -D - -o /dev/null "http://localhost:$HTTP${urls[feed]}" | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')
  nginx_etag=$(curl -sf -D - -o /dev/null "http://localhost:$NGINX/feed304" | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "http://localhost:$HTTP${urls[feed]}")" = 304 ] \
    || fail "newsfeed does not answer 304 to If-None-Match: $etag"
  log "serving: wrk -t1 -c64 -d${DURATION}s, A/B x $ROUNDS per variant; page $(wc -c < "$work/nginx/root/feed") B, atom $(wc -c < "$work/nginx/root/atom") B"
  jfr_start serving
  declare -A svc_rps peer_rps ratios svc_p99 svc_cores
  local round r_s r_p mark
  for variant in feed feed304 atom q tag; do
    # Unmeasured, 5 s: the JIT compiles this variant's path first. Without it the first variant measured ran cold
    # (20:52 run: feed 0.38x nginx in its first round, 0.62x in its second; atom, measured later, 0.46-0.62x).
    if [ $variant = feed304 ]; then
      wrk -t1 -c64 -d5s -s "$ROOT/bench/lua/if-none-match.lua" "http://localhost:$HTTP${urls[$variant]}" -- "$etag" > /dev/null
    else
      wrk -t1 -c64 -d5s "http://localhost:$HTTP${urls[$variant]}" > /dev/null
    fi
    for round in $(seq 1 "$ROUNDS"); do
      if [ $variant = feed304 ]; then
        mark=$(cpu_mark "$SERVICE_PID")
        r_s=$(wrk_run "http://localhost:$HTTP${urls[$variant]}" "$ROOT/bench/lua/if-none-match.lua" "$etag")
        svc_cores[$variant]+="$(cores_since "$mark" "$SERVICE_PID") "
        r_p=$(wrk_run "http://localhost:$NGINX/$variant" "$ROOT/bench/lua/if-none-match.lua" "$nginx_etag")
      else
        mark=$(cpu_mark "$SERVICE_PID")
        r_s=$(wrk_run "http://localhost:$HTTP${urls[$variant]}")
        svc_cores[$variant]+="$(cores_since "$mark" "$SERVICE_PID") "
        r_p=$(wrk_run "http://localhost:$NGINX/$variant")
      fi
      log "  $variant round $round: newsfeed $r_s | nginx $r_p  (rps p99_ms non-2xx)"
      svc_rps[$variant]+="${r_s%% *} "; peer_rps[$variant]+="${r_p%% *} "
      svc_p99[$variant]+="$(echo "$r_s" | cut -d' ' -f2) "
      ratios[$variant]+="$(calc "${r_s%% *} / ${r_p%% *}" 3) "
    done
  done
  jfr_stop serving
  local med_s med_p ratio target met
  declare -A names=([feed]="GET /feed?limit=20, 200" [feed304]="GET /feed?limit=20 with If-None-Match, 304"
    [atom]="GET /feed.atom" [q]="GET /feed?limit=20&q=$q" [tag]="GET /feed?limit=20&tag=$tag")
  local feed_med
  feed_med=$(printf '%s\n' ${svc_rps[feed]} | median)
  for variant in feed feed304 atom q tag; do
    med_s=$(printf '%s\n' ${svc_rps[$variant]} | median)
    med_p=$(printf '%s\n' ${peer_rps[$variant]} | median)
    ratio=$(printf '%s\n' ${ratios[$variant]} | median)
    case $variant in
      feed) target=">= 0.5x nginx"; met=$(awk -v r="$ratio" 'BEGIN {print (r >= 0.5 ? "met" : "missed")}') ;;
      feed304) target=">= 1.2x the 200 path ($(calc "$med_s / $feed_med" 2)x)"
        met=$(awk -v a="$med_s" -v b="$feed_med" 'BEGIN {print (a >= 1.2 * b ? "met" : "missed")}') ;;
      *) target=">= 0.25x nginx"; met=$(awk -v r="$ratio" 'BEGIN {print (r >= 0.25 ? "met" : "missed")}') ;;
    esac
    record serving "${names[$variant]}: requests/s, 64 connections, ${DURATION}s (median of $ROUNDS; p99 $(printf '%s\n' ${svc_p99[$variant]} | median) ms; newsfeed used $(printf '%s\n' ${svc_cores[$variant]} | median) cores)" \
      "$(calc "$med_s" 0)" req/s "nginx, the same bytes as a static file$([ $variant = feed304 ] && echo ", its own 304")" \
      "$(calc "$med_p" 0)" "$ratio" "$target" "$met" "$([ "$met" = missed ] && echo serving)"
    if [ "$met" = missed ]; then SERVING_MISSED=1; fi
  done
  # Fixed rate at 70% of the 200 path's peak: each connection waits so that 64 of them send about that rate.
  local rate delay out p99 achieved
  rate=$(calc "0.7 * $feed_med" 0)
  delay=$(calc "64000 / $rate" 3)
  jfr_start fixedrate
  out=$(logged wrk -t1 -c64 -d"${DURATION}s" --latency -s "$ROOT/bench/lua/fixed-rate.lua" \
    "http://localhost:$HTTP${urls[feed]}" -- "$delay")
  jfr_stop fixedrate
  printf '%s\n' "$out" >> "$work/wrk.log"
  achieved=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms/, "", v); else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; print v}')
  met=$(awk -v p="$p99" 'BEGIN {print (p <= 10 ? "met" : "missed")}')
  record serving "GET /feed?limit=20 at ~70% of peak (aimed $rate/s, sent $(calc "$achieved" 0)/s): p99" "$p99" ms \
    "" "" "" "<= 10 ms" "$met" "$([ "$met" = missed ] && echo fixedrate)"
  if [ -n "${SERVING_MISSED:-}" ]; then
    profile_section serving "newsfeed during the wrk runs (all variants)" "$work/serving.jfr"
  fi
  if [ "$met" = missed ]; then
    profile_section fixedrate "newsfeed during the fixed-rate run" "$work/fixedrate.jfr"
  fi
  stop_process "$NGINX_PID"
}

# ---------------------------------------------------------------------------------------------------- streams

bench_streams() {
  log "streams: $SSE_CLIENTS SSE clients, $VIS_RATE articles/s for ${SSE_SECONDS}s"
  jfr_start streams
  local out
  out=$(logged java -Xss256k -cp "$TOOLS_CP" dev.newsfeed.bench.SseFanout "http://localhost:$HTTP" $TOKEN "$SEED" \
    "$SSE_CLIENTS" "$VIS_RATE" "$SSE_SECONDS" sse "$SERVICE_PID" | tr '\n' ' ')
  jfr_stop streams
  log "  $out"
  local short ended met
  short=$(field "$out" sse_clients_short); ended=$(field "$out" sse_clients_disconnected)
  # Met only when the articles really came at the rate: a sender that fell behind its schedule tested a lower one.
  met=$(awk -v s="$short" -v e="$ended" -v r="$(field "$out" sse_refused)" -v l="$(field "$out" sse_sender_late_ms)" \
    'BEGIN {print ((s == 0 && e == 0 && r == 0 && l <= 1000) ? "met" : "missed")}')
  record streams "$SSE_CLIENTS clients (fields=summary), $VIS_RATE articles/s for ${SSE_SECONDS}s: delivery p50 / p99 / max" \
    "$(field "$out" sse_delivery_p50) / $(field "$out" sse_delivery_p99) / $(field "$out" sse_delivery_max)" ms \
    "" "" "" "(no target; visibility's p99 <= 50 ms for reference)" "-" ""
  record streams "the same, from each POST's 201 (Kafka's acknowledgement) to the event: p50 / p99 / max" \
    "$(field "$out" sse_after_ack_p50) / $(field "$out" sse_after_ack_p99) / $(field "$out" sse_after_ack_max)" ms \
    "" "" "" "-" "-" ""
  record streams "events delivered / expected; clients refused, disconnected, short of events" \
    "$(field "$out" sse_delivered) / $(field "$out" sse_expected); $(field "$out" sse_refused), $ended, $short" "" \
    "" "" "" "no client falls behind, at the rate" "$met" "$([ "$met" = missed ] && echo streams)"
  record streams "the POSTs (64 in flight at most): status or client failure:count; last one sent late by" \
    "$(field "$out" sse_post_outcomes); $(field "$out" sse_sender_late_ms) ms" "" "" "" "" "-" "-" ""
  record streams "newsfeed CPU per delivered event ($(field "$out" sse_cpu_seconds) CPU s, $(field "$out" sse_events_per_s) events/s)" \
    "$(field "$out" sse_cpu_us_per_event)" "us/event" "" "" "" "-" "-" ""
  if [ "$met" = missed ]; then
    profile_section streams "newsfeed with $SSE_CLIENTS SSE clients" "$work/streams.jfr"
  fi
}

# ---------------------------------------------------------------------------------------------------- footprint

bench_footprint() {
  local rounds=3; [ "$QUICK" = 1 ] && rounds=1
  # BENCH_APPCDS: both apps with an AppCDS archive of the same kind, started with it (-Xshare:on: fail rather than
  # start without it), so that the ratio compares like with like.
  #   1 (or quarkus): Quarkus' own, written when packaging (quarkus.package.jar.appcds.enabled=true): the classes
  #     of its static initialisation; each app runs from its quarkus-app folder, as that archive requires.
  #   trained: a dynamic archive (JEP 350) of each app's first start (not measured) to its first answer, written
  #     when that start stops (-XX:ArchiveClassesAtExit): every class loaded up to then, Kafka clients included.
  local svc_cds=() peer_cds=() svc_train=() peer_train=() variant="" service_dir peer_dir
  service_dir=$(dirname "$SERVICE_JAR"); peer_dir=$(dirname "$PEER_JAR")
  case "${BENCH_APPCDS:-}" in
    "") ;;
    trained)
      svc_train=(-XX:ArchiveClassesAtExit="$work/newsfeed.jsa"); peer_train=(-XX:ArchiveClassesAtExit="$work/peer.jsa")
      svc_cds=(-XX:SharedArchiveFile="$work/newsfeed.jsa" -Xshare:on)
      peer_cds=(-XX:SharedArchiveFile="$work/peer.jsa" -Xshare:on)
      variant=", both with an AppCDS archive of their first start"
      ;;
    *)
      if [ ! -f "$service_dir/app-cds.jsa" ]; then
        log "footprint: packaging newsfeed with its AppCDS archive"
        $MVN package -DskipTests -Dquarkus.package.jar.appcds.enabled=true > "$work/build-appcds.log" 2>&1 \
          || fail "newsfeed's AppCDS build; see $work/build-appcds.log"
      fi
      [ -f "$peer_dir/app-cds.jsa" ] || fail "the peer app was packaged without its AppCDS archive"
      svc_cds=(-XX:SharedArchiveFile=app-cds.jsa -Xshare:on); peer_cds=("${svc_cds[@]}")
      variant=", both with Quarkus' AppCDS archive"
      cd "$service_dir"
      SERVICE_JAR=quarkus-run.jar
      ;;
  esac
  log "footprint: start-up to ready and RSS, newsfeed and the peer app, $rounds round(s) each, broker up$variant"
  local fp=(-Dnewsfeed.kafka.topic=bench.fp.articles -Dnewsfeed.kafka.retractions-topic=bench.fp.retractions
    -Dnewsfeed.kafka.dead-letter-topic=bench.fp.dlq)
  # A first start creates the topics (not measured): the measured ones find them, as in production.
  start_service fp0 "${fp[@]}" "${svc_train[@]}"
  if [ ${#peer_train[@]} -gt 0 ]; then
    curl -sf -o /dev/null "http://localhost:$HTTP/feed?limit=20"; stop_process "$SERVICE_PID"
    [ -f "$work/newsfeed.jsa" ] || fail "newsfeed's first start wrote no archive; see $work/fp0/service.log"
    start_peer "$work/peer-0.log" "${peer_train[@]}"
    curl -sf -o /dev/null "http://localhost:$PEER_HTTP/constant"; stop_process "$PEER_PID"
    [ -f "$work/peer.jsa" ] || fail "the peer app's first start wrote no archive; see $work/peer-0.log"
  else
    stop_process "$SERVICE_PID"
  fi
  local round svc_ready=() svc_started=() peer_started=() svc_rss=() svc_load=() peer_ready=() peer_rss=() peer_load=() started pid max
  for round in $(seq 1 "$rounds"); do
    start_service "fp$round" "${fp[@]}" "${svc_cds[@]}"
    svc_ready+=("$READY_SECONDS")
    svc_started+=("$(sed -nE 's/.* started in ([0-9.]+)s.*/\1/p' "$work/fp$round/service.log" | head -1)")
    curl -sf -o /dev/null "http://localhost:$HTTP/feed?limit=20"; sleep 1
    svc_rss+=("$(rss_kb "$SERVICE_PID")")
    max=$(rss_under_load "$SERVICE_PID" "http://localhost:$HTTP/feed?limit=20"); svc_load+=("$max")
    log "  newsfeed: ready ${READY_SECONDS}s, RSS ${svc_rss[-1]} kB after the first request, $max kB under load"
    stop_process "$SERVICE_PID"

    start_peer "$work/peer-$round.log" "${peer_cds[@]}"
    pid=$PEER_PID
    peer_ready+=("$READY_SECONDS")
    peer_started+=("$(sed -nE 's/.* started in ([0-9.]+)s.*/\1/p' "$work/peer-$round.log" | head -1)")
    curl -sf -o /dev/null "http://localhost:$PEER_HTTP/constant"; sleep 1
    peer_rss+=("$(rss_kb "$pid")")
    max=$(rss_under_load "$pid" "http://localhost:$PEER_HTTP/constant"); peer_load+=("$max")
    log "  peer app: ready ${READY_SECONDS}s, RSS ${peer_rss[-1]} kB after the first request, $max kB under load"
    stop_process "$pid"
  done
  printf -- '- footprint: `java %s-D… -jar target/quarkus-app/quarkus-run.jar` and `java %s-D… -jar bench/peer-app/target/quarkus-app/quarkus-run.jar`%s, default JVM options otherwise; ready = first 200 of `/q/health/ready` (polled every 20 ms) after exec; RSS = VmRSS after one GET and 1 s; under load = max VmRSS during `wrk -t1 -c64 -d10s`\n' \
    "$(printf '%s ' "${svc_cds[@]}" | sed "s#$work#\$TMP#g; s/^ $//")" \
    "$(printf '%s ' "${peer_cds[@]}" | sed "s#$work#\$TMP#g; s/^ $//")" "$(case "${BENCH_APPCDS:-}" in
      "") ;;
      trained) printf ' (each archive written by -XX:ArchiveClassesAtExit when a first start, not measured, stopped after one request)' ;;
      *) printf ' (each from its quarkus-app folder, both packaged with -Dquarkus.package.jar.appcds.enabled=true)' ;;
    esac)" >> "$COMMANDS"
  local sr pr ss ps sl pl met1 met2
  sr=$(printf '%s\n' "${svc_ready[@]}" | median); pr=$(printf '%s\n' "${peer_ready[@]}" | median)
  ss=$(printf '%s\n' "${svc_rss[@]}" | median); ps=$(printf '%s\n' "${peer_rss[@]}" | median)
  sl=$(printf '%s\n' "${svc_load[@]}" | median); pl=$(printf '%s\n' "${peer_load[@]}" | median)
  met1=$(awk -v s="$sr" -v p="$pr" 'BEGIN {print ((s <= 2 && s <= 1.5 * p) ? "met" : "missed")}')
  met2=$(awk -v s="$ss" -v p="$ps" 'BEGIN {print (s <= 1.3 * p ? "met" : "missed")}')
  record footprint "start-up to ready, broker up$variant (median of $rounds; Quarkus' own \"started in\": $(printf '%s\n' "${svc_started[@]}" | median) s, peer $(printf '%s\n' "${peer_started[@]}" | median) s)" \
    "$sr" s "peer app (same Quarkus, same extensions)" "$pr" \
    "$(calc "$sr / $pr" 2)" "<= 2 s and <= 1.5x" "$met1" "$([ "$met1" = missed ] && echo startup)"
  if [ "$met1" = missed ]; then
    # One more start, not measured, recorded from the JVM's first moment to ready.
    start_service fpjfr "${fp[@]}" "${svc_cds[@]}" "-XX:StartFlightRecording=name=startup,settings=profile"
    jcmd "$SERVICE_PID" JFR.dump name=startup filename="$work/startup.jfr" > /dev/null 2>&1 || true
    stop_process "$SERVICE_PID"
    profile_section startup "newsfeed from JVM start to ready (an extra start under JFR, settings=profile)" \
      "$work/startup.jfr"
  fi
  record footprint "RSS after the first request$variant" "$(calc "$ss / 1024" 0)" MiB "peer app" "$(calc "$ps / 1024" 0)" \
    "$(calc "$ss / $ps" 2)" "<= 1.3x" "$met2" "$([ "$met2" = missed ] && echo memory)"
  if [ "$met2" = missed ]; then
    # Where the memory is: one more start with native memory tracking, after the first request.
    start_service fpnmt "${fp[@]}" "${svc_cds[@]}" -XX:NativeMemoryTracking=summary
    curl -sf -o /dev/null "http://localhost:$HTTP/feed?limit=20"; sleep 1
    { printf '\n#### Profile `memory`: newsfeed after the first request, by JVM area (NMT summary, committed)\n\n'
      printf 'RSS %s kB. ' "$(rss_kb "$SERVICE_PID")"
      jcmd "$SERVICE_PID" VM.native_memory summary | sed -nE 's/^-[ ]+(.+) \(reserved=[0-9]+KB, committed=([0-9]+)KB\)/\2\t\1/p' \
        | sort -nr | head -8 | awk -F'\t' '{printf "%s %d MiB; ", $2, $1 / 1024}'
      printf '\n'; } >> "$PROFILES" 2> /dev/null || true
    stop_process "$SERVICE_PID"
  fi
  record footprint "RSS under load (wrk 64 connections, 10 s)$variant" "$(calc "$sl / 1024" 0)" MiB "peer app" "$(calc "$pl / 1024" 0)" \
    "$(calc "$sl / $pl" 2)" "-" "-" ""
  cd "$ROOT"
  SERVICE_JAR=$ROOT/target/quarkus-app/quarkus-run.jar
}

# start_peer LOG [JAVA OPTIONS...]: the footprint's peer app, from its own folder; sets PEER_PID, READY_SECONDS.
start_peer() {
  local log=$1; shift
  local started
  started=$(date +%s%N)
  (cd "$(dirname "$PEER_JAR")" && exec java "$@" -Dquarkus.http.port=$PEER_HTTP -Dquarkus.management.port=$PEER_MGMT \
    -Dkafka.bootstrap.servers=localhost:$KAFKA -jar quarkus-run.jar) > "$log" 2>&1 &
  PEER_PID=$!
  pids+=("$PEER_PID")
  wait_ready $PEER_MGMT $PEER_PID "$log" "$started"
}

# rss_under_load PID URL: the largest VmRSS (kB) seen every 0.5 s during a 10 s wrk run.
rss_under_load() {
  wrk -t1 -c64 -d10s "$2" > /dev/null 2>&1 &
  local wrk_pid=$! max=0 v
  while kill -0 $wrk_pid 2>/dev/null; do
    v=$(rss_kb "$1"); [ "${v:-0}" -gt "$max" ] && max=$v
    sleep 0.5
  done
  wait $wrk_pid 2>/dev/null || true
  echo "$max"
}

# ---------------------------------------------------------------------------------------------------- run

wanted parser && bench_parser
if wanted ingest || wanted visibility || wanted serving || wanted streams || wanted footprint; then
  start_broker
  create_topic bench.peer
fi
if wanted ingest || wanted visibility || wanted serving || wanted streams; then
  start_service main -XX:StartFlightRecording=name=bench,settings=default
  log "newsfeed ready in ${READY_SECONDS}s (pid $SERVICE_PID)"
  settings=$(java -cp "$TOOLS_CP" dev.newsfeed.bench.ProducerSettings "$ROOT/target/newsfeed-1.0.0-SNAPSHOT.jar" \
    articles-out 2> /dev/null) || fail "cannot read the articles producer's settings"
  LINGER=$(field "$settings" linger.ms); BATCH=$(field "$settings" batch.size)
  COMPRESSION=$(field "$settings" compression.type)
  log "newsfeed's articles producer: linger.ms=$LINGER batch.size=$BATCH compression.type=$COMPRESSION"
  wanted ingest && bench_ingest
  wanted visibility && bench_visibility
  wanted serving && bench_serving
  wanted streams && bench_streams
  stop_process "$SERVICE_PID"
fi
wanted footprint && bench_footprint
LOAD_END=$(load)

"$ROOT/bench/report.sh" "$RESULTS" "$COMMANDS" "$PROFILES" "$DATE" "$MACHINE" "$LOAD_START" "$LOAD_END" \
  "$SERVICE_COMMIT" "bench/run.sh${ARGS:+ $ARGS}" "$N" "$DURATION" "${RECORD_BYTES:-?}" "${LINGER:-?}/${BATCH:-?}/${COMPRESSION:-?}"
