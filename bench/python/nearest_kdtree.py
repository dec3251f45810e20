#!/usr/bin/env python3
"""The straight-line baseline a researcher would write: for every community, the distance to the
nearest facility of each type, with scipy's KD-tree on 3-D unit vectors (chord distance turned
back into great-circle metres), times the circuity factor 1.3. Only this: no coverage, counts,
gravity, E2SFCA, ranking or reports, which `linli circles score` also computes.

usage: nearest_kdtree.py communities.csv facilities.csv out.csv
"""
import csv
import sys

import numpy as np
from scipy.spatial import cKDTree

R = 6_371_008.8
CIRCUITY = 1.3


def unit(lat, lon):
    lat = np.radians(lat)
    lon = np.radians(lon)
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def main():
    communities, facilities, out = sys.argv[1:4]
    with open(communities, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    ids = [r["id"] for r in rows]
    homes = unit(np.array([float(r["lat"]) for r in rows]), np.array([float(r["lon"]) for r in rows]))
    by_type = {}
    with open(facilities, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            by_type.setdefault(r["type"], []).append((float(r["lat"]), float(r["lon"])))
    types = sorted(by_type)
    columns = []
    for t in types:
        pts = np.array(by_type[t])
        chord, _ = cKDTree(unit(pts[:, 0], pts[:, 1])).query(homes, k=1)
        columns.append(2 * R * np.arcsin(np.minimum(chord / 2, 1.0)) * CIRCUITY)
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["community_id"] + types)
        for i, cid in enumerate(ids):
            w.writerow([cid] + ["%.1f" % c[i] for c in columns])


if __name__ == "__main__":
    main()
