#!/usr/bin/env bash
# Push throughput (issue 21, bench/PushBench.java): the packaged service with its embedded broker, SUBSCRIPTIONS
# webhooks to one receiver on 127.0.0.1, ARTICLES articles, deliveries per second against a plain HTTP client
# posting the same bodies in the same run. Loopback only; the service is stopped at the end. Do not run it while
# other builds share the machine: the figure would be theirs as much as push's.
#
#   ./mvnw -q -o package -DskipTests && bench/push.sh [SUBSCRIPTIONS (100)] [ARTICLES (50)]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "no $JAR: run ./mvnw -q -o package -DskipTests first" >&2; exit 1; }
work=$(mktemp -d -t newsfeed-push-bench.XXXXXX)
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
port=18080
java -Xmx${HEAP:-256m} -Dquarkus.http.port=$port -Dquarkus.management.port=19000 -Dnewsfeed.api-token="$token" \
  -Dnewsfeed.kafka.embedded-port=19092 -Dnewsfeed.kafka.embedded-data-dir="$work/kafka" \
  -Dnewsfeed.view.data-dir="$work/view" -Dnewsfeed.ingest.folder-enabled=false \
  -Dnewsfeed.push.allow-private-callbacks=true -jar "$JAR" > "$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null; rm -rf "$work"' EXIT
java bench/AwaitReady.java 120 "http://localhost:19000/q/health/ready" | grep READY
java bench/PushBench.java "http://localhost:$port" "$token" "${1:-100}" "${2:-50}"
