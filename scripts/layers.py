#!/usr/bin/env python3
"""Layering of the Java sources, per folder: files, lines, the longest file, references between the
folder's own files, and the "upward" ones: references inside a cycle of the folder's files (A uses B
and B, directly or not, uses A), which leave no order in which the folder's files can be read.
Across folders: the package cycles. Exit code 1 when any cycle is found.

  python3 scripts/layers.py [src/main/java]
"""
import os
import re
import sys


def strip(src):
    src = re.sub(r"/\*.*?\*/", " ", src, flags=re.S)
    src = re.sub(r"//[^\n]*", " ", src)
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', src)


def sccs(nodes, edges):
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in nodes:
        if v not in index:
            visit(v)
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "src/main/java"
    folders = {}
    for d, _, files in os.walk(root):
        java = sorted(f for f in files if f.endswith(".java"))
        if java:
            folders[d] = java
    pkg_of = {os.path.relpath(d, root).replace(os.sep, "."): d for d in folders}
    bad = 0
    pkg_edges = {}
    print(f"{'folder':<34} {'files':>5} {'lines':>6} {'longest':>7} {'refs':>5} {'upward':>6}")
    for d, java in sorted(folders.items()):
        names = [f[:-5] for f in java]
        text, lines = {}, {}
        for f in java:
            raw = open(os.path.join(d, f), encoding="utf-8").read()
            lines[f[:-5]] = raw.count("\n")
            text[f[:-5]] = strip(raw)
        edges = {a: {b for b in names if b != a and re.search(r"\b" + re.escape(b) + r"\b", text[a])} for a in names}
        comps = [c for c in sccs(names, edges) if len(c) > 1]
        upward = [(a, b) for c in comps for a in c for b in edges[a] if b in c]
        refs = sum(len(v) for v in edges.values())
        rel = os.path.relpath(d, root)
        longest = max(lines.values())
        print(f"{rel:<34} {len(java):>5} {sum(lines.values()):>6} {longest:>7} {refs:>5} {len(upward):>6}")
        for a, b in sorted(upward):
            print(f"    cycle: {a} -> {b}")
        bad += len(upward)
        me = os.path.relpath(d, root).replace(os.sep, ".")
        for t in text.values():
            for m in re.finditer(r"\b(io\.github\.jpegrestore(?:\.[a-z0-9]+)*)\.[A-Z]", t):
                p = m.group(1)
                if p != me and p in pkg_of:
                    pkg_edges.setdefault(me, set()).add(p)
    pkgs = sorted(pkg_of)
    for c in sccs(pkgs, pkg_edges):
        if len(c) > 1:
            print("package cycle: " + " <-> ".join(sorted(c)))
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
