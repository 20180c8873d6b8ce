#!/usr/bin/env bash
# The device tool (a lent GPU machine) carries the working tree with every call, 64 MiB in all:
# tracked files and untracked files git does not ignore, plus the ignored paths a call names in
# `carry` (training data packed by training/pack.py into .data/). The shipped weights alone are
# more than that, so a GPU session moves the weights a call does not need into the git-ignored
# .data/stash/ for its calls and back afterwards.
#
#   scripts/device-slim.sh size [CARRIED...]  MiB that would travel (the tree, and CARRIED paths)
#   scripts/device-slim.sh out [KEEP...]      stash models/*.pt and training/checkpoints/*, except
#                                             the files named (e.g. models/luma.pt to --init from)
#   scripts/device-slim.sh in                 put the stashed files back (git status shows none missing)
set -euo pipefail
cd "$(dirname "$0")/.."
stash=.data/stash
tree_bytes() {
  { git ls-files -z; git ls-files -z --others --exclude-standard; } |
    while IFS= read -r -d '' f; do [ -f "$f" ] && [ ! -L "$f" ] && stat -c %s "$f"; done | awk '{s += $1} END {print s + 0}'
}
mib() { awk -v b="$1" 'BEGIN {printf "%.1f MiB", b / 1048576}'; }
case ${1:-size} in
  size)
    shift || true
    t=$(tree_bytes)
    c=0
    for p in "$@"; do c=$((c + $(du -sb "$p" | cut -f1))); done
    echo "working tree $(mib "$t"), carried $(mib "$c"), together $(mib $((t + c))) of 64 MiB" ;;
  out)
    shift
    n=0
    for f in models/*.pt training/checkpoints/*/*; do
      [ -f "$f" ] || continue
      for k in "$@"; do [ "$f" = "$k" ] && continue 2; done
      mkdir -p "$stash/$(dirname "$f")"
      mv "$f" "$stash/$f"
      n=$((n + 1))
    done
    echo "stashed $n files in $stash; working tree now $(mib "$(tree_bytes)")" ;;
  in)
    [ -d "$stash" ] || { echo "nothing stashed"; exit 0; }
    (cd "$stash" && find . -type f -print0) | while IFS= read -r -d '' f; do
      mkdir -p "$(dirname "$f")"
      mv "$stash/$f" "$f"
    done
    rm -rf "$stash"
    missing=$(git ls-files --deleted)
    [ -z "$missing" ] || { echo "still missing: $missing" >&2; exit 1; }
    echo "restored; working tree $(mib "$(tree_bytes)")" ;;
  *) echo "usage: $0 size [CARRIED...] | out [KEEP...] | in" >&2; exit 2 ;;
esac
