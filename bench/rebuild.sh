#!/usr/bin/env bash
# The view's cold rebuild without Kafka (bench/RebuildBench.java): the reader's decoder and the FeedView applying
# N generated articles (bench/WriteArticles.java) in batches of 10,000, against plain Lucene indexing the same
# documents (the view's own fields and analyser, two threads, the same RAM buffer) in the same JVM run, ROUNDS
# times, interleaved. Heap as the service's (-Xmx256m). After each view rebuild the view is reopened on its
# folder (a warm open, timed) and each GET /feed variant of bench/view.sh is asked of the view directly
# (FeedView.page, 20 items, 100 untimed then 300 timed): the view's own share of a request, without HTTP.
# Each side first indexes 20,000 articles untimed, for the JIT. JAVA_OPTS: -Donly=view (or lucene) runs one side
# only, e.g. under a profiler; -Dqueries=false leaves the queries out; -Dwarmup=N sets the untimed run (0: none).
#
#   ./mvnw -q -o package -DskipTests && bench/rebuild.sh [N (100000)] [ROUNDS (2)]
# Prints one RESULT line per round (articles/s wall and per process CPU second, ratios view/lucene) and QUERY lines.
#
#   bench/rebuild.sh --lone [BASE (20000)] [LONE (6000)] [ROUNDS (6)]
# instead applies LONE records one at a time to a view of BASE (bench/LoneApply.java): what the view costs a writer
# who comes alone (one refresh each), per round: wall p50/p90/p99, CPU per record, a first page's wall p50.
set -euo pipefail
cd "$(dirname "$0")/.."
LIB=target/quarkus-app/lib/main
[ -d "$LIB" ] || { echo "no $LIB: run ./mvnw -q -o package -DskipTests first" >&2; exit 1; }
CP="target/classes:$(ls $LIB/*.jar target/quarkus-app/lib/boot/*.jar | tr '\n' ':')"
out=$(mktemp -d -t newsfeed-rebuild-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT
javac -nowarn -cp "$CP" -d "$out" bench/WriteArticles.java bench/RebuildBench.java bench/LoneApply.java
if [ "${1:-}" = --lone ]; then
  shift
  exec java -Xmx${HEAP:-256m} ${JAVA_OPTS:-} -cp "$out:$CP" LoneApply "${1:-20000}" "${2:-6000}" "${3:-6}"
fi
exec java -Xmx${HEAP:-256m} ${JAVA_OPTS:-} -cp "$out:$CP" RebuildBench "${1:-100000}" "${2:-2}"
