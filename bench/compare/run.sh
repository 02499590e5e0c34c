#!/usr/bin/env bash
# xent's peer-comparison suite: one command, one machine (see README.md beside this file).
#   usage: bench/compare/run.sh [--quick] [--out DIR] [--data DIR] [--budget SECONDS]
#                               [--datasets "a b c"] [--no-install]
#   --quick      breast_cancer, digits, fmnist_binary, spam (skips fmnist 10-class and
#                the 1,000,000 x 100 synthetic set)
#   --out DIR    results: results.jsonl, micro.jsonl, whole.jsonl, table.md, logs
#                (default ./compare-out)
#   --data DIR   dataset cache, prepared once (default $HOME/.cache/xent-bench)
#   --budget S   training seconds allowed to one system's tolerance sweep (default 900)
#   --datasets   run these datasets instead of the default list
#   --no-install do not apt-get install missing peers
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1 # keep the source tree clean

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
quick=0 out="./compare-out" datadir="${HOME}/.cache/xent-bench" budget=900 install=1 datasets=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --out) out="$2"; shift ;;
    --data) datadir="$2"; shift ;;
    --budget) budget="$2"; shift ;;
    --datasets) datasets="$2"; shift ;;
    --no-install) install=0 ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$datasets" ]; then
  if [ "$quick" = 1 ]; then
    datasets="breast_cancer digits fmnist_binary spam"
  else
    datasets="breast_cancer digits fmnist_binary fmnist spam synth_1m_d100"
  fi
fi
mkdir -p "$out" "$datadir"
out="$(cd "$out" && pwd)"
datadir="$(cd "$datadir" && pwd)"
py=/usr/bin/python3
ncores="$(nproc)"
# Every peer may use every core: OpenBLAS (NumPy, scikit-learn) and PyTorch's intra-op pool.
export OPENBLAS_NUM_THREADS="$ncores" OMP_NUM_THREADS="$ncores" GOMAXPROCS="$ncores"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# 1. Peers and data packages from Debian, installed when missing (as root).
need=(python3-numpy python3-scipy python3-sklearn python3-torch liblinear-tools python3-liblinear
  dataset-fashion-mnist time)
# npm (for the spam corpus) may come from a nodejs build other than Debian's: test the command.
case " $datasets " in *" spam "*) command -v npm >/dev/null 2>&1 || need+=(npm) ;; esac
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
dpkg -s hyperfine >/dev/null 2>&1 || optional=hyperfine
if [ "${#missing[@]}" -gt 0 ] || [ -n "${optional:-}" ]; then
  if [ "$install" = 1 ] && [ "$(id -u)" = 0 ]; then
    log "installing ${missing[*]} ${optional:-}"
    apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    if [ -n "${optional:-}" ]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >&2 || log "hyperfine not installed; timing by repeated runs"
    fi
  elif [ "${#missing[@]}" -gt 0 ]; then
    echo "run.sh: missing Debian packages: ${missing[*]} (run: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

# 2. Datasets (idempotent; cached under --data).
log "preparing data in $datadir: $datasets"
"$here/prepare.sh" "$datadir" $datasets fmnist_binary

# 3. Build the driver and the CLI.
mkdir -p "$out/bin"
rm -f "$out/bin/xent"
(cd "$root" && go build -o "$out/bin/compare" ./bench/compare)
(cd "$root" && go build -o "$out/bin/xent" ./cmd/xent) || log "the xent CLI does not build: its rows will say n/a"
drv="$out/bin/compare"
xent="$out/bin/xent"

# 4. Time to the shared optimum, per dataset, objective and system.
res="$out/results.jsonl"
: >"$res"
errlog="$out/errors.log"
: >"$errlog"
: >"$out/targets.jsonl"
run_json() { # run a command that prints one JSON line; keep the line, log failures
  local line
  if line="$("$@" 2>>"$errlog")"; then
    echo "$line" | tee -a "$res" >&2
    echo "$line"
  else
    log "FAILED: $*"
    echo "{}"
  fi
}
jget() { "$py" -c 'import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2], ""))' "$1" "$2"; }

for ds in $datasets; do
  classes="$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["classes"])' "$datadir/$ds/info.json")"
  if [ "$classes" = 2 ]; then
    objectives="binary binary-pen"
  else
    objectives="multinomial ovr-pen"
  fi
  for obj in $objectives; do
    log "$ds $obj: reference optimum"
    a="$(run_json "$drv" fit -data "$datadir" -dataset "$ds" -objective "$obj" -ref)"
    b="$(run_json "$py" "$here/peers.py" --data "$datadir" --dataset "$ds" --system ref --objective "$obj" --ref)"
    fstar="$("$py" -c 'import json,sys
fs=[json.loads(s).get("f") for s in sys.argv[1:]]
fs=[f for f in fs if f is not None]
print(repr(min(fs)))' "$a" "$b")"
    target="$("$py" -c 'import sys; print(repr(float(sys.argv[1])*(1+1e-6)))' "$fstar")"
    echo "{\"dataset\":\"$ds\",\"objective\":\"$obj\",\"fstar\":$fstar,\"target\":$target}" >>"$out/targets.jsonl"
    log "$ds $obj: f* = $fstar, target $target"
    case "$obj" in
      binary | multinomial) xs="newton lbfgs" ps="sklearn-lbfgs sklearn-newton-cg torch-lbfgs" ;;
      *) xs="newton" ps="liblinear sklearn-liblinear" ;;
    esac
    for s in $xs; do
      run_json "$drv" fit -data "$datadir" -dataset "$ds" -objective "$obj" -solver "$s" \
        -target "$target" -budget "${budget}s" >/dev/null
    done
    for s in $ps; do
      run_json "$py" "$here/peers.py" --data "$datadir" --dataset "$ds" --system "$s" \
        --objective "$obj" --target "$target" --budget "$budget" >/dev/null
    done
  done
done

# 5. Microbenchmarks: gradient pass against a memory-read loop; prediction throughput.
micro="$out/micro.jsonl"
: >"$micro"
for ds in fmnist_binary spam synth_1m_d100; do
  case " $datasets " in *" $ds "*) ;; *) continue ;; esac
  log "$ds: gradient pass and prediction throughput"
  "$drv" gradbench -data "$datadir" -dataset "$ds" 2>>"$errlog" | sed 's/^{/{"bench":"grad",/' | tee -a "$micro" >&2 || log "gradbench $ds failed"
  "$drv" predict -data "$datadir" -dataset "$ds" 2>>"$errlog" | sed 's/^{/{"bench":"predict_api",/' | tee -a "$micro" >&2 || log "predict $ds failed"
  "$here/cli.sh" predict "$xent" "$datadir/$ds" "$out/work" 2>>"$errlog" | tee -a "$micro" >&2 || true
done

# 6. The whole command, parsing included: xent train against liblinear-train.
log "whole command on fmnist_binary/train.svm"
"$here/cli.sh" whole "$xent" "$datadir/fmnist_binary" "$out/work" 2>>"$errlog" >"$out/whole.jsonl" || true

# 7. The table.
"$py" "$here/report.py" "$out" | tee "$out/table.md"
