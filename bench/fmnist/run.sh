#!/usr/bin/env bash
# Fashion-MNIST benchmark: xent's MLP (Go) against scikit-learn's
# MLPClassifier and PyTorch, one hidden layer of 128 ReLU units, Adam,
# the same batch size, epochs and alpha.
#
# Usage: bench/fmnist/run.sh [EPOCHS [BATCH]]   (defaults 20 and 200)
#
# Needs Debian's dataset-fashion-mnist (installed here when missing and run
# as root), python3-sklearn and python3-torch, and Go. Reads the IDX files
# in /usr/share/datasets/fashion-mnist (override with FMNIST_DIR) and
# prepares the data itself (pixel/255, original split).
set -euo pipefail

EPOCHS=${1:-20}
BATCH=${2:-200}
ALPHA=${ALPHA:-0.0001}
LR=${LR:-0.001}
DIR=${FMNIST_DIR:-/usr/share/datasets/fashion-mnist}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

if [ ! -f "$DIR/train-images-idx3-ubyte.gz" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		apt-get install -y dataset-fashion-mnist >&2
	else
		echo "run.sh: $DIR has no Fashion-MNIST; apt-get install dataset-fashion-mnist" >&2
		exit 1
	fi
fi

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
(cd "$ROOT" && go build -o "$OUT/fmnist" ./bench/fmnist)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" >&2
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "settings: epochs $EPOCHS, batch $BATCH, alpha $ALPHA, lr $LR, hidden 128 relu, adam" >&2

"$OUT/fmnist" -data "$DIR" -epochs "$EPOCHS" -batch "$BATCH" -alpha "$ALPHA" -lr "$LR" | tee "$OUT/results"
OPENBLAS_NUM_THREADS=$(nproc) /usr/bin/python3 "$HERE/peers.py" "$DIR" "$EPOCHS" "$BATCH" "$ALPHA" "$LR" sklearn torch torch1 | tee -a "$OUT/results"

echo
echo "| system | s/epoch | test accuracy | test log loss | epochs |"
echo "|---|---:|---:|---:|---:|"
grep '^RESULT' "$OUT/results" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6}'
