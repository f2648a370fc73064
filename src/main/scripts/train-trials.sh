#!/usr/bin/env bash
# Short trial runs of `train` (docs/training.md#trial-runs): 300 steps each from a base encoder with the same seed,
# each then evaluated on the first 1,000 SQuAD v1.1 dev questions (abstention off, as v1.1 figures are).
# Usage: src/main/scripts/train-trials.sh TRAIN_JSON DEV_JSON OUT_DIR NAME=ARGS...
#   e.g. ... /tmp/trials "e5-1e-4-neg0.3=--base e5-small-v2 --learning-rate 1e-4 --negatives 0.3"
# About 25 minutes a 12-layer trial on 2 cores (AMD Zen 4, --bfloat16), 13 for MiniLM-L6.
set -euo pipefail
if [ $# -lt 4 ]; then
  echo "usage: $0 TRAIN_JSON DEV_JSON OUT_DIR NAME=ARGS... (e.g. train-v1.1.json dev-v1.1.json /tmp/trials" \
    "'e5=--base e5-small-v2 --learning-rate 1e-4')" >&2
  exit 2
fi
data=$(realpath "$1"); dev=$(realpath "$2"); out=$3; shift 3
jar=$(dirname "$0")/../../../target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 1; }
mkdir -p "$out"
export TF_CPU_ALLOCATOR_USE_BFC=true TF_ENABLE_ONEDNN_OPTS=1
for trial in "$@"; do
  name=${trial%%=*}; args=${trial#*=}
  # shellcheck disable=SC2086 # ARGS are options, split on purpose
  java -Xss16m -jar "$jar" train --data "$data" --epochs 1 --max-steps 300 --batch-size 32 --seed 42 \
    --checkpoint-minutes 60 --output "$out/$name/model" --checkpoints "$out/$name/checkpoints" $args \
    2> "$out/$name.train.log"
  rm -rf "$out/$name/checkpoints"
  QA_MODEL_DIR="$out/$name/model" java -Xss16m -jar "$jar" eval --data "$dev" --mode span --limit 1000 \
    --json "$out/$name.eval.json" 2> "$out/$name.eval.log" | sed "s/^/$name: /" | tee -a "$out/summary.txt"
  grep -a "final loss" "$out/$name.train.log" | sed "s/^/$name: /" | tee -a "$out/summary.txt"
done
