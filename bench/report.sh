#!/usr/bin/env bash
# Prints bench/run.sh's results as a table and writes them as the "Performance (issues 10 and 20)" section of
# bench/RESULTS.md, replacing that section only (other sections of the file are kept as they are).
#
#   bench/report.sh RESULTS.tsv COMMANDS.md PROFILES.md DATE MACHINE LOAD_START LOAD_END COMMIT COMMAND N DURATION \
#                   RECORD_BYTES PRODUCER_SETTINGS
set -euo pipefail
cd "$(dirname "$0")/.."
results=$1 commands=$2 profiles=$3 date=$4 machine=$5 load_start=$6 load_end=$7 commit=$8 command=$9
n=${10} duration=${11} record_bytes=${12} producer=${13}
heading="## Performance (issues 10 and 20)"
target_file=bench/RESULTS.md

table() {
  printf '| Benchmark | Figure | newsfeed | Peer | Peer figure | Ratio | Target | Met |\n'
  printf '| --- | --- | --- | --- | --- | --- | --- | --- |\n'
  awk -F'\t' '{
    unit = ($4 == "" ? "" : " " $4)
    peer = ($5 == "" ? "-" : $5); pv = ($6 == "" ? "-" : $6); ratio = ($7 == "" ? "-" : $7)
    met = ($9 == "missed" ? "**missed**" : $9)
    printf "| %s | %s | %s%s | %s | %s | %s | %s | %s |\n", $1, $2, $3, unit, peer, pv, ratio, $8, met
  }' "$results"
}

met=$(awk -F'\t' '$9 == "met"' "$results" | wc -l)
missed=$(awk -F'\t' '$9 == "missed"' "$results" | wc -l)

section() {
  printf '%s\n\n' "$heading"
  printf 'Measured %s with `%s` on newsfeed %s. Machine: %s. Load average (1, 5, 15 min) %s at the start, %s at the end:\n' \
    "$date" "$command" "$commit" "$machine" "$load_start" "$load_end"
  printf 'the machine is shared, so absolute figures are noisy; every peer ran in the same run, interleaved with\n'
  printf 'newsfeed where the table says "median of", and ratios are medians of the adjacent pairs.\n\n'
  printf 'Targets: %d met, %d missed.\n\n' "$met" "$missed"
  table
  cat <<EOF

How each figure is taken (bench/run.sh; the programs are in bench/tools, bench/jmh and bench/peer-app):

- **Parser**: JMH, 2 forks, Blackhole, one thread (one core); \`ArticleParser.parse(byte[])\` (structure only, no
  enrichment) against a loop counting \`\\n\` in the same bytes. The 100 KB article is the seed's head and its body
  paragraphs repeated.
- **Ingest**: one single-node KRaft broker (Kafka 4.1.2, its own JVM, 1 GiB heap) serves newsfeed and the peers.
  Folder: $n distinct seed-like files (summary and title numbered) written to a staging folder on the same file
  system, then renamed into the ingest folder one after the other (about a second for all); the rate runs from
  the first rename to the moment the topic's end offset (read by a plain consumer every 20 ms) has grown by $n,
  so it includes newsfeed's settle time (2 s, the default). HTTP: $n distinct articles POSTed as text by a Java
  HttpClient with 64 requests in flight; each 201 is Kafka's acknowledgement (acks=all). Peer:
  \`ProducerPerformance\` with $n records of $record_bytes bytes (the average value newsfeed wrote; its
  CloudEvents headers are not counted), acks=all, idempotent, and newsfeed's own linger.ms/batch.size/compression
  ($producer: its application.properties, else Kafka 4.1 defaults), to a plain topic of the same broker (the compacted
  articles topic refuses keyless records).
- **Visibility**: one Java program sends at a steady rate (a POST, or a dot-file written then renamed into the
  folder), keeps one \`/feed/stream?fields=summary\` connection open and one client following the feed's changes
  back to back (\`/feed?limit=100&fields=summary&since=\` each page's next token), and times each article from its request (rename) to the 201,
  to the first page that lists it, and to its event. Peer: \`EndToEndLatency\` (one record at a time, acks=all,
  produce to consume) on the same broker. Targets (issue 20): POSTs at 20/s, p50 <= 10 ms and p99 <= 30 ms to
  the 201, the feed and the stream; POSTs at 200/s, p99 <= 100 ms; files at 200/s, p99 <= 100 ms plus the 2 s
  settle time. Before the measured runs, one POST run of the same size, unmeasured, then POSTs one at a time, 300 a
  round, until a round compiles fewer than 30 methods (\`jstat -compiler\`; at most 240 s): on 2 cores the JIT
  falls behind under load and catches up once it drops, for minutes, on a core the service needs. The service's
  timers are read from \`/q/metrics\` before and after each run; the quantiles are of the difference between the
  two scrapes' histogram buckets, interpolated within a bucket as Prometheus does.
- **Serving**: \`wrk -t1 -c64 -d${duration}s --latency\`, newsfeed and nginx alternately (A B A B); nginx
  (worker_processes auto, sendfile, its own temp config on loopback) serves files holding the bytes newsfeed
  answered for each URL. The 304 rows send \`If-None-Match\` with each server's own ETag. The fixed-rate row is
  wrk with a per-connection pause (bench/lua/fixed-rate.lua; wrk2 is not in Debian): a closed loop below peak,
  not wrk2's coordinated-omission correction.
- **Streams**: one Java program opens the SSE clients (\`/feed/stream?fields=summary\`, as the web reader does;
  non-blocking, four HttpClients), then POSTs at the steady rate; latency is from each POST sent to its event's
  data line at each client. CPU is newsfeed's utime+stime from /proc/PID/stat while posting and draining. The
  service runs with \`quarkus.http.limits.max-connections=1200\` and the stream limits raised to 1100 in all and
  per client address (\`newsfeed.feed.stream-max\`, \`stream-max-per-client\`: every client is on loopback) for this
  (defaults 512, 256 and 8).
- **Footprint**: newsfeed (empty topics of its own, already created; fresh view folder) and the peer app
  alternately, default JVM options, broker up. JFR records the main service from its launch (settings=default; a
  recording started later would make the JVM throw its compiled code away) and each benchmark's span is dumped;
  the profiles below are from the benchmark whose target was missed.

### Commands

$(cat "$commands")
EOF
  if [ -s "$profiles" ]; then
    printf '\n### Profiles of the missed targets (JFR, jdk.ExecutionSample)\n'
    cat "$profiles"
  fi
  printf '\n'
}

body=$(section)
table
printf '\nTargets: %d met, %d missed. Load average %s -> %s.\n' "$met" "$missed" "$load_start" "$load_end"

tmp=$(mktemp)
if [ -f "$target_file" ] && grep -qxF "$heading" "$target_file"; then
  awk -v h="$heading" -v body_file=/dev/stdin '
    $0 == h { while ((getline line < body_file) > 0) print line; skip = 1; next }
    skip && /^## / { skip = 0 }
    !skip { print }' "$target_file" <<< "$body" > "$tmp"
elif [ -f "$target_file" ]; then
  { cat "$target_file"; printf '\n%s\n' "$body"; } > "$tmp"
else
  { printf '# Benchmark results\n\n'; printf '%s\n' "$body"; } > "$tmp"
fi
mv "$tmp" "$target_file"
echo "wrote the section \"${heading#\#\# }\" of $target_file" >&2
