#!/bin/sh
# Two builds of `linli circles score` (straight line, the 1,260 x 35,000 city) run alternately in
# the same session, so that both see the same machine load: prints per build the best and median
# wall-clock and CPU (user + sys) seconds, the median peak RSS, and the median milliseconds since
# launch at which each step of -Dlinli.trace began; then checks that both wrote the same bytes.
#
# usage: bench/alternate.sh JAR_A LAUNCHER_A JAR_B LAUNCHER_B [RUNS=8] [WORKDIR=/tmp/linli-bench]
#   e.g. bench/alternate.sh /tmp/main.jar /tmp/main-linli sdk-examples/target/linli.jar bin/linli
# (a launcher is a copy of bin/linli, since the JVM flags are part of what is compared)
# needs: GNU time, python3.
set -e
jar_a=$1 launcher_a=$2 jar_b=$3 launcher_b=$4
runs=${5:-8}
work=${6:-/tmp/linli-bench}
if [ -z "$launcher_b" ]; then
  sed -n '2,10p' "$0" >&2
  exit 2
fi
mkdir -p "$work"
if [ ! -f "$work/city/facilities.csv" ]; then
  java -jar "$jar_b" city generate --seed 42 --out "$work/city" >/dev/null
fi
for ab in a b; do
  eval "LINLI_JAR=\$jar_$ab \$launcher_$ab --version" >/dev/null # builds each class archive once
  : >"$work/alternate-$ab.txt"
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M') UTC"
i=0
while [ "$i" -lt "$runs" ]; do
  for ab in a b; do
    eval "jar=\$jar_$ab launcher=\$launcher_$ab"
    LINLI_JAR=$jar LINLI_JAVA_OPTS="-Dlinli.trace=$(date +%s%3N)" /usr/bin/time -o "$work/time" \
      -f "%e %U %S %M" "$launcher" circles score --communities "$work/city/communities.csv" \
      --facilities "$work/city/facilities.csv" --out "$work/alternate-out-$ab" >/dev/null \
      2>"$work/trace"
    printf '%s |' "$(cat "$work/time")" >>"$work/alternate-$ab.txt"
    # Step names without directories: "read facilities.csv", "reading the standard", …
    awk '/linli: trace/ {
      name = $5
      if ($5 == "read" || $5 == "took" || $5 == "wrote") { f = $6; sub(".*/", "", f); name = $5 "-" f }
      else if ($5 == "reading" && $6 == "the") name = "standard"
      else if ($5 == "reading") name = "reading-inputs"
      else if ($5 == "options") name = "options-parsed"
      printf " %s=%s", $3, name
    }' "$work/trace" >>"$work/alternate-$ab.txt"
    echo >>"$work/alternate-$ab.txt"
  done
  i=$((i + 1))
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%H:%M') UTC"
python3 - "$work" <<'PY'
import statistics as st, sys
for ab in "ab":
    wall, cpu, rss, steps = [], [], [], {}
    for line in open(f"{sys.argv[1]}/alternate-{ab}.txt"):
        times, trace = line.split("|")
        w, u, s, m = times.split()
        wall.append(float(w)); cpu.append(float(u) + float(s)); rss.append(int(m) / 1024)
        for step in trace.split():
            ms, name = step.split("=", 1)
            steps.setdefault(name, []).append(int(ms))
    print(f"{ab}: wall best {min(wall):.2f} s, median {st.median(wall):.2f} s; CPU best"
          f" {min(cpu):.2f} s, median {st.median(cpu):.2f} s; peak RSS {st.median(rss):.0f} MB;"
          f" {len(wall)} runs")
    print("   trace medians (ms):", ", ".join(f"{k} {st.median(v):.0f}" for k, v in steps.items()))
PY
for f in "$work"/alternate-out-a/*; do
  cmp -s "$f" "$work/alternate-out-b/$(basename "$f")" || echo "DIFFERENT: $(basename "$f")"
done
