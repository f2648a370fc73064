#!/usr/bin/env bash
# Short trial runs of `train` (docs/training.md#trial-runs): learning rate and training window, 250 steps each from
# the base encoder with the same seed, each then evaluated on the first 1,000 SQuAD v1.1 dev questions.
# Usage: src/main/scripts/train-trials.sh TRAIN_JSON DEV_JSON OUT_DIR   (about 15 minutes a trial on 2 cores)
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 TRAIN_JSON DEV_JSON OUT_DIR (e.g. train-v1.1.json dev-v1.1.json /tmp/trials)" >&2
  exit 2
fi
data=$(realpath "$1"); dev=$(realpath "$2"); out=$3
jar=$(dirname "$0")/../../../target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 1; }
mkdir -p "$out"
export TF_CPU_ALLOCATOR_USE_BFC=true TF_ENABLE_ONEDNN_OPTS=1
trial() {
  local name=$1; shift
  java -Xss16m -jar "$jar" train --data "$data" --epochs 1 --max-steps 250 --batch-size 32 --seed 42 \
    --checkpoint-minutes 30 --output "$out/$name/model" --checkpoints "$out/$name/checkpoints" "$@" \
    2> "$out/$name.train.log"
  QA_MODEL_DIR="$out/$name/model" java -Xss16m -jar "$jar" eval --data "$dev" --mode span --limit 1000 \
    --json "$out/$name.eval.json" 2> "$out/$name.eval.log" | tee -a "$out/summary.txt"
  grep "final loss" "$out/$name.train.log" | tee -a "$out/summary.txt"
}
trial lr5e-5-s384 --learning-rate 5e-5
trial lr1e-4-s384 --learning-rate 1e-4
trial lr2e-4-s384 --learning-rate 2e-4
trial lr1e-4-s256 --learning-rate 1e-4 --max-seq-length 256
