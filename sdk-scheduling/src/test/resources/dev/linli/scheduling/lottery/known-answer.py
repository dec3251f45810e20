#!/usr/bin/env python3
"""Independent known answer for LotteryTest: the published algorithm
sha256-efraimidis-spirakis-v1 computed from its description alone (docs/formats.md section 9):
u = (first 53 bits of SHA-256("<seed>:<resident>") + 0.5) / 2^53, key = ln(u) * (1 + recentWins),
highest key first (ties by resident id), first `places` of distinct households win.
Run: python3 known-answer.py"""
import hashlib
import math

SEED = 20261124
PLACES = 3
ENTRIES = [  # resident, household, recentWins
    ("r-chen", "hh-201", 0), ("r-chen-wife", "hh-201", 0), ("r-li", "hh-302", 2),
    ("r-wang", "hh-118", 1), ("r-zhao", "hh-405", 0), ("r-sun", "hh-506", 3),
    ("r-zhou", "hh-607", 0), ("r-wu", "hh-118", 0),
]

def uniform(seed, resident):
    h = hashlib.sha256(f"{seed}:{resident}".encode("utf-8")).digest()
    return ((int.from_bytes(h[:8], "big") >> 11) + 0.5) / 2**53

ranked = sorted(((math.log(uniform(SEED, r)) * (1 + w), r, h) for r, h, w in ENTRIES),
                key=lambda t: (-t[0], t[1]))
households, winners = set(), []
for key, r, h in ranked:
    if len(winners) < PLACES and h not in households:
        households.add(h)
        winners.append(r)
# The reserve list: the rest in order, one per household, none from a winning household.
reserve = []
for key, r, h in ranked:
    if r not in winners and h not in households:
        households.add(h)
        reserve.append(r)
print("u", {r: repr(uniform(SEED, r)) for r, _, _ in ENTRIES})
print("ranking", [r for _, r, _ in ranked])
print("winners", winners)
print("reserve", reserve)
