#!/usr/bin/env bash
# Compares xent's L1-regularized logistic regression with LIBLINEAR's -s 6 on
# the standardized breast cancer data of the golden set: for a few C it runs
#   liblinear-train -s 6 -c C -B 1 -e 1e-8
# and checks with bench/liblinear (Go) that xent's optimum of the same
# objective, ‖w‖₁ + |b| + C·Σ log-loss (LIBLINEAR 2.3 penalizes the bias of
# -B 1 like a weight, which xent does with PenalizeIntercept), agrees with
# LIBLINEAR's to 1e-6 relative. Installs Debian's liblinear-tools if missing.
# Nothing of LIBLINEAR is kept: data and models live in a temporary folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
data=testdata/golden/data/breast_cancer_standardized.csv
Cs=${CS:-"0.01 0.1 1 10"}

if ! command -v liblinear-train >/dev/null 2>&1; then
	echo "installing liblinear-tools" >&2
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq liblinear-tools >/dev/null
fi
version=$(dpkg-query -W -f='${Version}' liblinear-tools 2>/dev/null || echo unknown)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/compare" ./bench/liblinear
"$tmp/compare" libsvm "$data" >"$tmp/data.libsvm"

echo "liblinear-tools $version, $(go version | cut -d' ' -f3), data $data"
status=0
for C in $Cs; do
	liblinear-train -q -s 6 -c "$C" -B 1 -e 1e-8 "$tmp/data.libsvm" "$tmp/model"
	"$tmp/compare" compare -C "$C" -model "$tmp/model" "$data" || status=1
done
exit $status
