#!/usr/bin/env bash
# The blind restorer's tables (BENCHMARKS.md, "Blind restorer"): Classic5 and BSD68, single JPEG at
# QF 10-40 and non-aligned double JPEG (shift 4,4) at five (QF1, QF2) pairs, through the Java/DJL
# path. Rows: jpeg; luma under the file's QF (the literature's setting and qf=file); luma@auto (qf=auto:
# the dominant QF of a double JPEG); blind (file's QF), blind@auto, blind@predicted (its own
# prediction, one QF per image). Needs ../shared/data. Writes runs/bench/blind-*.{csv,txt}.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/val
out=runs/bench
mkdir -p "$out"
jr=bin/jpeg-restore
for set in ${SETS:-classic5 BSD68}; do
  for m in "luma file" "blind file" "blind predicted"; do
    set -- $m
    $jr benchmark --data "$data/$set" --qf 10,20,30,40 --model $1 --restore-qf $2 --device cpu \
      --csv "$out/blind-$set-single-$1-$2.csv" --overwrite | tee "$out/blind-$set-single-$1-$2.txt"
  done
  for pair in 10,30 30,10 30,30 10,50 50,50; do
    q1=${pair%,*}; q2=${pair#*,}
    for m in "jpeg file" "luma file" "luma auto" "blind auto" "blind predicted"; do
      set -- $m
      $jr benchmark --data "$data/$set" --qf $q1 --then-qf $q2 --shift 4,4 --model $1 --restore-qf $2 --device cpu \
        --csv "$out/blind-$set-double-$q1-$q2-$1-$2.csv" --overwrite | tee "$out/blind-$set-double-$q1-$q2-$1-$2.txt"
    done
  done
done
