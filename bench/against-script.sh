#!/bin/sh
# Alternates `bin/linli circles score` and the scipy KD-tree script on the same city, PAIRS times,
# and prints the median and best wall-clock seconds and the median CPU seconds of each
# (docs/benchmarks.md, "Whole process"): alternating, so that both see the same machine.
#
# usage: bench/against-script.sh [WORKDIR=/tmp/linli-bench] [PAIRS=12]
# needs: linli.jar built (mvn -q package -DskipTests), python3 with scipy, GNU time; the city is
# generated into WORKDIR as bench/whole-process.sh does.
set -e
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-/tmp/linli-bench}
pairs=${2:-12}
jar=${LINLI_JAR:-$here/../sdk-examples/target/linli.jar}
mkdir -p "$work"
if [ ! -f "$work/city/facilities.csv" ]; then
  java -jar "$jar" city generate --seed 42 --out "$work/city" >/dev/null
fi
c="$work/city/communities.csv"
f="$work/city/facilities.csv"
LINLI_JAR=$jar "$here/../bin/linli" --version >/dev/null # builds the class archive once
: >"$work/against-linli.txt"
: >"$work/against-script.txt"
echo "load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M') UTC, $pairs pairs"
i=0
while [ "$i" -lt "$pairs" ]; do
  LINLI_JAR=$jar /usr/bin/time -a -o "$work/against-linli.txt" -f "%e %U %S" "$here/../bin/linli" \
    circles score --communities "$c" --facilities "$f" --out "$work/against-out" >/dev/null 2>&1
  /usr/bin/time -a -o "$work/against-script.txt" -f "%e %U %S" python3 \
    "$here/python/nearest_kdtree.py" "$c" "$f" "$work/against-nearest.csv" >/dev/null 2>&1
  i=$((i + 1))
done
python3 - "$work" <<'PY'
import statistics as st
import sys
work = sys.argv[1]
for name, f in (("bin/linli circles score", "against-linli.txt"),
                ("python3 nearest_kdtree.py", "against-script.txt")):
    rows = [list(map(float, l.split())) for l in open(f"{work}/{f}") if l.strip()]
    wall = [r[0] for r in rows]
    cpu = [r[1] + r[2] for r in rows]
    print(f"{name:26s} wall median {st.median(wall):.3f} s, best {min(wall):.2f} s; "
          f"CPU median {st.median(cpu):.2f} s; {len(rows)} runs")
PY
