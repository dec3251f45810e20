#!/bin/sh
# Whole-process times of `linli circles score` against the Python baselines, on the same files in
# the same session (docs/benchmarks.md, "Whole process"). Prints, per tool, the best wall-clock and
# CPU (user + sys) seconds of RUNS runs, and the peak resident memory.
#
# usage: bench/whole-process.sh [WORKDIR=/tmp/linli-bench] [RUNS=5]
# needs: linli.jar built (mvn -q package -DskipTests), python3 with scipy and networkx, GNU time.
set -e
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-/tmp/linli-bench}
runs=${2:-5}
jar=${LINLI_JAR:-$here/../sdk-examples/target/linli.jar}
mkdir -p "$work"
if [ ! -f "$work/city/facilities.csv" ]; then
  java -jar "$jar" city generate --seed 42 --out "$work/city" >/dev/null
fi
if [ ! -f "$work/grid.geojson" ]; then
  python3 "$here/python/make_grid.py" "$work/grid.geojson"
fi
c="$work/city/communities.csv"
f="$work/city/facilities.csv"
LINLI_JAR=$jar "$here/../bin/linli" --version >/dev/null # builds the class archive once

measure() { # label, command...
  label=$1
  shift
  best_wall=
  best_cpu=
  i=0
  while [ "$i" -lt "$runs" ]; do
    /usr/bin/time -o "$work/time" -f "%e %U %S %M" "$@" >/dev/null 2>"$work/err" ||
      { echo "$label failed:"; cat "$work/err"; exit 1; }
    read -r wall user sys rss <"$work/time"
    cpu=$(echo "$user $sys" | awk '{printf "%.2f", $1 + $2}')
    best_wall=$(awk -v a="$best_wall" -v b="$wall" 'BEGIN {print (a == "" || b + 0 < a + 0) ? b : a}')
    best_cpu=$(awk -v a="$best_cpu" -v b="$cpu" 'BEGIN {print (a == "" || b + 0 < a + 0) ? b : a}')
    i=$((i + 1))
  done
  printf '%-44s wall %6.2f s   cpu %6.2f s   peak RSS %5d MB\n' "$label" "$best_wall" \
    "$best_cpu" "$((rss / 1024))"
}

echo "1,260 communities x 35,000 facilities, best of $runs runs, $(date -u '+%Y-%m-%d %H:%M') UTC," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
measure "straight: java -jar linli.jar circles score" java -jar "$jar" circles score \
  --communities "$c" --facilities "$f" --out "$work/out-a"
measure "straight: bin/linli circles score" env LINLI_JAR="$jar" "$here/../bin/linli" circles \
  score --communities "$c" --facilities "$f" --out "$work/out-b"
measure "straight: python3 nearest_kdtree.py" python3 "$here/python/nearest_kdtree.py" "$c" "$f" \
  "$work/py-straight.csv"
measure "network: java -jar linli.jar circles score" java -jar "$jar" circles score \
  --communities "$c" --facilities "$f" --network "$work/grid.geojson" --out "$work/out-c"
measure "network: bin/linli circles score" env LINLI_JAR="$jar" "$here/../bin/linli" circles \
  score --communities "$c" --facilities "$f" --network "$work/grid.geojson" --out "$work/out-d"
measure "network: python3 nearest_networkx.py" python3 "$here/python/nearest_networkx.py" "$c" \
  "$f" "$work/grid.geojson" "$work/py-network.csv"
