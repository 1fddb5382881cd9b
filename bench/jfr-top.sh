#!/usr/bin/env bash
# The top frames of a JFR recording's CPU samples (jdk.ExecutionSample), aggregated:
#   - "self": the frame each sample was taken in (where the CPU time went);
#   - "under": the nearest frame of newsfeed's own code (dev.newsfeed.*) on each sampled stack, i.e. which
#     of the service's methods the time was spent under.
#
#   bench/jfr-top.sh RECORDING.jfr [N] [THREAD_REGEX]     prints a Markdown list of N lines each (default 12)
# THREAD_REGEX keeps the samples of matching threads only (e.g. 'executor|vert.x').
set -eu  # no pipefail: "sort | head" ends sort early by design
file=$1
top=${2:-12}
threads=${3:-.}
counts=$(jfr print --events jdk.ExecutionSample --stack-depth 64 "$file" | awk -v threads="$threads" '
  function frame(line) { sub(/^[ \t]+/, "", line); sub(/[ \t]+line:.*$/, "", line); return line }
  /sampledThread = / { keep = ($0 ~ threads) }
  /stackTrace = \[/ { inStack = keep; depth = 0; own = ""; next }
  inStack && /^[ \t]*\]/ {
    inStack = 0; samples++
    if (own == "") own = "(no newsfeed frame)"
    ownCount[own]++
    next
  }
  inStack {
    f = frame($0)
    if (depth == 0) selfCount[f]++
    if (own == "" && f ~ /^dev\.newsfeed\./) own = f
    depth++
  }
  END {
    printf "total\t%d\t-\n", samples
    for (f in selfCount) printf "self\t%d\t%s\n", selfCount[f], f
    for (f in ownCount) printf "under\t%d\t%s\n", ownCount[f], f
  }')
total=$(printf '%s\n' "$counts" | awk -F'\t' '$1 == "total" {print $2}')
if [ "${total:-0}" -eq 0 ]; then echo "(no CPU samples)"; exit 0; fi
list() {
  printf '%s\n' "$counts" | awk -F'\t' -v k="$1" '$1 == k' | sort -t$'\t' -k2,2nr | head -n "$top" \
    | awk -F'\t' -v t="$total" '{printf "- %5.1f%%  `%s`\n", 100 * $2 / t, $3}'
}
printf '%d CPU samples\n\nSelf (the frame the sample was taken in):\n\n' "$total"
list self
printf '\nUnder (the nearest dev.newsfeed frame of the stack):\n\n'
list under

# Where threads waited (parked, blocked on a monitor, waiting on one) 20 ms or longer, by the nearest newsfeed
# frame: CPU samples alone miss a pipeline that is slow because it waits.
waits=$(jfr print --events jdk.ThreadPark,jdk.JavaMonitorEnter,jdk.JavaMonitorWait --stack-depth 64 "$file" | awk -v threads="$threads" '
  function frame(line) { sub(/^[ \t]+/, "", line); sub(/[ \t]+line:.*$/, "", line); return line }
  /^[ \t]*duration = / {
    v = $3; unit = $4
    ms = (unit == "s" ? v * 1000 : (unit == "ms" ? v : (unit == "us" ? v / 1000 : 0)))
  }
  /eventThread = / { keep = ($0 ~ threads) }
  /stackTrace = \[/ { inStack = keep; own = ""; next }
  inStack && /^[ \t]*\]/ { inStack = 0; if (own != "") total[own] += ms; next }
  inStack { f = frame($0); if (own == "" && f ~ /^dev\.newsfeed\./) own = f }
  END { for (f in total) printf "%.0f\t%s\n", total[f], f }' | sort -t$'\t' -k1,1nr | head -n "$top")
if [ -n "$waits" ]; then
  printf '\nWaiting >= 20 ms (jdk.ThreadPark, JavaMonitorEnter, JavaMonitorWait), total ms by the nearest dev.newsfeed frame:\n\n'
  printf '%s\n' "$waits" | awk -F'\t' '{printf "- %8.0f ms  `%s`\n", $1, $2}'
fi
