#!/usr/bin/env python3
"""Writes the benchmark walk network as GeoJSON: a jittered square street grid centred on
Hangzhou's core (30.27 N, 120.17 E), like HealthCheckBenchmark's, with about 1 link in 12 missing.
One two-point LineString per link, so that Linli and the networkx script read the same file.

usage: make_grid.py OUT.geojson [SIDE=316] [SPACING_METRES=100] [SEED=42]
"""
import json
import math
import random
import sys


def main():
    out = sys.argv[1]
    side = int(sys.argv[2]) if len(sys.argv) > 2 else 316
    spacing = float(sys.argv[3]) if len(sys.argv) > 3 else 100.0
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 42)
    d_lat = spacing / 111_195.0
    d_lon = d_lat / math.cos(math.radians(30.27))
    pos = [[(round(120.17 + (j - side / 2 + rng.random() * 0.3) * d_lon, 7),
             round(30.27 + (i - side / 2 + rng.random() * 0.3) * d_lat, 7))
            for j in range(side)] for i in range(side)]
    with open(out, "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","features":[')
        first = True
        for i in range(side):
            for j in range(side):
                for (a, b) in ((i + 1, j), (i, j + 1)):
                    if a < side and b < side and rng.randrange(12) > 0:
                        line = {"type": "Feature", "properties": {},
                                "geometry": {"type": "LineString",
                                             "coordinates": [pos[i][j], pos[a][b]]}}
                        f.write(("" if first else ",") + "\n" + json.dumps(line, separators=(",", ":")))
                        first = False
        f.write("\n]}\n")


if __name__ == "__main__":
    main()
