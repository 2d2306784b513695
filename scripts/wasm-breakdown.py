#!/usr/bin/env python3
"""Bytes of a wasm file by crate, from `twiggy top --format csv` on a build
that keeps function names: what the browser's download is made of.

    scripts/wasm-breakdown.py FILE.wasm [ROWS]
"""
import collections, csv, io, re, subprocess, sys

path = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 25
out = subprocess.run(["twiggy", "top", "-n", "1000000", "--format", "csv", path],
                     check=True, capture_output=True, text=True).stdout
by_crate = collections.Counter()
total = 0
for row in csv.DictReader(io.StringIO(out)):
    name, size = row["Name"], int(row["ShallowSize"])
    if name.startswith("custom section") or name.endswith("subsection"):
        continue
    total += size
    if name.startswith("data segment") or name.startswith("elem["):
        crate = "(data)"
    else:
        bare = re.sub(r"^(<|&|mut |dyn |\*const |\*mut |\(|impl )+", "", name)
        m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::", bare)
        crate = m.group(1) if m else "(unnamed)"
        if crate == "(unnamed)" and "--other" in sys.argv:
            print(name[:120], size)
    by_crate[crate] += size
print(f"{'crate':<24} {'bytes':>10} {'share':>7}")
for crate, size in by_crate.most_common(rows):
    print(f"{crate:<24} {size:>10} {100 * size / total:>6.1f}%")
print(f"{'total (code and data)':<24} {total:>10}")
