#!/usr/bin/env bash
# Reproduces the numbers of BENCHMARKS.md on this machine (CPU). Needs ../shared/data.
# Writes CSVs and logs to runs/bench/ (git-ignored). Takes about 25 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/val
out=runs/bench
mkdir -p "$out"
jr=bin/jpeg-restore
for set in classic5 BSD68 Set12; do
  $jr benchmark --data "$data/$set" --qf 10,20,30,40 --model jpeg --csv "$out/$set-jpeg.csv" --overwrite | tee "$out/$set-jpeg.txt"
  $jr benchmark --data "$data/$set" --qf 10,20,30,40 --model luma --device cpu --csv "$out/$set-luma.csv" --overwrite | tee "$out/$set-luma.txt"
done
for set in classic5 BSD68; do
  $jr benchmark --data "$data/$set" --qf 10,20,30,40 --model luma --constrain --device cpu --csv "$out/$set-luma-qc.csv" --overwrite | tee "$out/$set-luma-qc.txt"
done
$jr benchmark --data "$data/classic5" --qf 50,60,70,80,90 --model jpeg --csv "$out/classic5-high-jpeg.csv" --overwrite | tee "$out/classic5-high-jpeg.txt"
$jr benchmark --data "$data/classic5" --qf 50,60,70,80,90 --model luma --device cpu --csv "$out/classic5-high-luma.csv" --overwrite | tee "$out/classic5-high-luma.txt"
$jr benchmark --data "$data/classic5" --qf 10,20,30,40 --model jpegqs --csv "$out/classic5-jpegqs.csv" --overwrite | tee "$out/classic5-jpegqs.txt"
$jr throughput --size 2048 --runs 3 --device cpu | tee "$out/throughput-2048.txt"
JAVA_OPTS="-Xmx2g" $jr throughput --size 10000 --runs 0 --device cpu | tee "$out/heap-10000.txt"
# colour: McMaster, all channels (RGB), and the whole color pipeline's speed
for m in jpeg luma color; do
  $jr benchmark --data "$data/McMaster" --qf 10,20,30,40,50,60,70,80,90 --model $m --y none --device cpu --csv "$out/McMaster-$m.csv" --overwrite | tee "$out/McMaster-$m.txt"
done
$jr throughput --size 2048 --runs 3 --device cpu --model color | tee "$out/throughput-2048-color.txt"
$jr throughput --size 2048 --runs 3 --device cpu --model luma --rgb | tee "$out/throughput-2048-luma-rgb.txt"
bench/blind.sh
