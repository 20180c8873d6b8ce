#!/usr/bin/env bash
# Fine-tune numbers (BENCHMARKS.md, "Fine-tuning"): for each subset made by bench/finetune_sets.py,
# `finetune` from luma for each budget (minutes), without and with --like, then the tuned card and
# luma on the subset's held-out files at QF 10..90 (benchmark). Appends to OUT/finetune.tsv.
#   bench/finetune.sh SETS OUT "15 5 2" "em-isbi2012 fluo-w2s fluo-gigadb" [like]
# JR: the command to run (default bin/jpeg-restore); a copy of the jar keeps edits from rebuilding it mid-run.
set -uo pipefail
sets=$1; out=$2; budgets=${3:-"15 5 2"}; subsets=${4:-"em-isbi2012 fluo-w2s fluo-gigadb"}; like=${5:-}
here=$(cd "$(dirname "$0")/.." && pwd)
jr=${JR:-$here/bin/jpeg-restore}
mkdir -p "$out"
tsv=$out/finetune.tsv
[ -f "$tsv" ] || printf 'subset\tminutes\tlike\tcompression\tjpeg\tbase\ttuned\tgain\tsteps\tsteps_per_min\tmax_rss_mb\n' > "$tsv"
for s in $subsets; do
  for m in $budgets; do
    tag=$s-$m${like:+-like}
    rm -rf "$out/$tag.json" "$out/$tag.pt" "$out/$tag.finetune"
    extra=(); [ -n "$like" ] && extra=(--like "$sets/$s/like")
    /usr/bin/time -v "$jr" finetune --data "$sets/$s/train" --validate "$sets/$s/val" --out "$out/$tag.json" \
      --model "$here/models/luma.json" --minutes "$m" "${extra[@]}" > "$out/$tag.table" 2> "$out/$tag.log"
    rss=$(awk -F': ' '/Maximum resident/ {printf "%d", $2/1024}' "$out/$tag.log")
    steps=$(grep -o '[0-9]* steps in [0-9]* s' "$out/$tag.log" | tail -1)
    n=${steps%% steps*}; sec=${steps##*in }; sec=${sec% s}
    tail -n +2 "$out/$tag.table" | while IFS=$'\t' read -r c j b t g; do
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$m" "${like:-no}" "$c" "$j" "$b" "$t" "$g" "$n" \
        "$(awk -v n="$n" -v s="$sec" 'BEGIN{printf "%.0f", n/s*60}')" "$rss" >> "$tsv"
    done
    if [ -f "$out/$tag.json" ] && [ "$m" = "$(echo $budgets | awk '{print $1}')" ]; then
      "$jr" benchmark --folder "$sets/$s/val" --qf 10,20,30,40,50,60,70,80,90 --models "$here/models/luma.json,$out/$tag.json" \
        > "$out/$tag.benchmark" 2>> "$out/$tag.log"
    fi
  done
done
