#!/usr/bin/env python3
"""The walk-network baseline a researcher would write with networkx: read the GeoJSON line network
(merging coordinates that are exactly equal, as Linli does within its snap tolerance), join every
community and facility to its nearest node (scipy KD-tree, the straight access distance added),
then for each facility type one multi-source Dijkstra from that type's facilities, cut off at
1,000 m (the largest circle), giving each community its nearest facility of the type. Only this:
no coverage, counts, gravity, E2SFCA, ranking or reports, which `linli circles score` also computes.

usage: nearest_networkx.py communities.csv facilities.csv network.geojson out.csv
"""
import csv
import json
import math
import sys

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

R = 6_371_008.8
LIMIT = 1000.0


def haversine(a, b):
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * R * math.asin(math.sqrt(h))


def unit(lat, lon):
    lat = np.radians(lat)
    lon = np.radians(lon)
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def main():
    communities, facilities, network, out = sys.argv[1:5]
    with open(network, encoding="utf-8") as f:
        features = json.load(f)["features"]
    node = {}
    g = nx.Graph()
    for feat in features:
        geom = feat["geometry"]
        lines = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
        for line in lines:
            for a, b in zip(line, line[1:]):
                u = node.setdefault(tuple(a), len(node))
                v = node.setdefault(tuple(b), len(node))
                if u != v:
                    g.add_edge(u, v, weight=haversine(a, b))
    coords = np.array(list(node.keys()))
    tree = cKDTree(unit(coords[:, 1], coords[:, 0]))

    def attach(lat, lon):
        chord, idx = tree.query(unit(np.array(lat), np.array(lon)), k=1)
        return idx, 2 * R * np.arcsin(np.minimum(chord / 2, 1.0))

    with open(communities, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    home_node, home_access = attach([float(r["lat"]) for r in rows], [float(r["lon"]) for r in rows])
    by_type = {}
    with open(facilities, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            by_type.setdefault(r["type"], []).append((float(r["lat"]), float(r["lon"])))
    types = sorted(by_type)
    columns = []
    for t in types:
        pts = np.array(by_type[t])
        f_node, f_access = attach(pts[:, 0], pts[:, 1])
        # A virtual source joined to each facility's node by its access distance.
        h = g
        src = -1
        h.add_node(src)
        for n, a in zip(f_node, f_access):
            if a <= LIMIT:
                w = float(a)
                if not h.has_edge(src, int(n)) or h[src][int(n)]["weight"] > w:
                    h.add_edge(src, int(n), weight=w)
        dist = nx.single_source_dijkstra_path_length(h, src, cutoff=LIMIT, weight="weight")
        h.remove_node(src)
        col = []
        for n, a in zip(home_node, home_access):
            d = dist.get(int(n), math.inf) + a
            col.append(d if d <= LIMIT else math.inf)
        columns.append(col)
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["community_id"] + types)
        for i, r in enumerate(rows):
            w.writerow([r["id"]] + ["%.1f" % c[i] if c[i] != math.inf else "" for c in columns])


if __name__ == "__main__":
    main()
