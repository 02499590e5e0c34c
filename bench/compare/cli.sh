#!/usr/bin/env bash
# Command-line measurements of the comparison suite; prints JSON lines. Called by run.sh.
#   cli.sh whole   XENT DATASETDIR WORKDIR   xent train vs liblinear-train on train.svm,
#                                            parsing included (hyperfine when installed)
#   cli.sh predict XENT DATASETDIR WORKDIR   rows/s of `xent predict --proba` on the training file
# A step that the CLI cannot do yet prints a JSON line whose "note" says so.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py=/usr/bin/python3
mode="$1" xent="$2" dsdir="$3" work="$4"
mkdir -p "$work"
ds="$(basename "$dsdir")"
runs="${CLI_RUNS:-5}"

na() { # system note
  printf '{"bench":"%s","dataset":"%s","system":"%s","note":"%s"}\n' "$mode" "$ds" "$1" "$2"
}

have_cmd() { [ -x "$xent" ] && "$xent" "$1" --help >/dev/null 2>&1; }

# peak RSS (MiB) of one run of a command, by GNU time
peak_rss() {
  /usr/bin/time -f '%M' -o "$work/rss.txt" "$@" >/dev/null 2>"$work/rss.err" || return 1
  awk '{print $1/1024}' "$work/rss.txt"
}

# wall seconds: hyperfine's mean when installed, else the median of $runs runs
wall() { # name command...
  local name="$1"
  shift
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/$name.hf.json" \
      "$(printf '%q ' "$@")" >/dev/null 2>&1 || return 1
    "$py" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["median"], r["stddev"] or 0, "hyperfine")' \
      "$work/$name.hf.json"
  else
    local ts=()
    for _ in $(seq "$runs"); do
      local t0 t1
      t0=$(date +%s.%N)
      "$@" >/dev/null 2>&1 || return 1
      t1=$(date +%s.%N)
      ts+=("$("$py" -c "print($t1 - $t0)")")
    done
    "$py" -c 'import statistics,sys; v=[float(a) for a in sys.argv[1:]]; print(statistics.median(v), statistics.pstdev(v), "repeated runs")' "${ts[@]}"
  fi
}

case "$mode" in
whole)
  train="$dsdir/train.svm"
  # LIBLINEAR: -s 0 (primal trust-region Newton), -c 1, -B 1 (bias penalized), default -e 0.01.
  ll=(liblinear-train -s 0 -c 1 -B 1 -q "$train" "$work/ll.model")
  if read -r sec sd how < <(wall liblinear "${ll[@]}"); then
    rss="$(peak_rss "${ll[@]}")"
    loss="$("$py" "$here/llmodel.py" "$work/ll.model" "$dsdir" train)"
    printf '{"bench":"whole","dataset":"%s","system":"liblinear-train -s 0 -c 1 -B 1","seconds":%s,"stddev":%s,"timing":"%s","maxrss_mb":%s,%s}\n' \
      "$ds" "$sec" "$sd" "$how" "$rss" "$loss"
  else
    na "liblinear-train" "n/a (liblinear-train failed)"
  fi
  if ! have_cmd train; then
    na "xent train" "n/a (xent train not available)"
    exit 0
  fi
  xt=("$xent" train --data "$train" --format libsvm --model logistic --C 1 --quiet --out "$work/xent.model")
  if read -r sec sd how < <(wall xent "${xt[@]}"); then
    rss="$(peak_rss "${xt[@]}")"
    summary="$("${xt[@]}" --json 2>/dev/null)"
    loss="$("$py" -c 'import json,sys; s=json.loads(sys.argv[1]); print("\"train_logloss\":%r,\"train_accuracy\":%r,\"iters\":%d" % (s["train_log_loss"], s["train_accuracy"], s["iterations"]))' "$summary" 2>/dev/null || echo '"train_logloss":null')"
    printf '{"bench":"whole","dataset":"%s","system":"xent train --model logistic --C 1","seconds":%s,"stddev":%s,"timing":"%s","maxrss_mb":%s,%s}\n' \
      "$ds" "$sec" "$sd" "$how" "$rss" "$loss"
  else
    na "xent train" "n/a (xent train failed: $(head -c 200 "$work/rss.err" 2>/dev/null | tr -d '"\n'))"
  fi
  ;;
predict)
  if ! have_cmd train || ! have_cmd predict; then
    na "xent predict (CLI)" "n/a (xent train or xent predict not available)"
    exit 0
  fi
  file="$dsdir/train.csv"
  [ -f "$file" ] || file="$dsdir/train.svm"
  rows="$(grep -c '' "$file")"
  case "$file" in *.csv) rows=$((rows - 1)) ;; esac
  "$xent" train --data "$file" --model logistic --quiet --out "$work/pred.model" >/dev/null 2>"$work/pred.err" ||
    { na "xent predict (CLI)" "n/a (xent train failed)"; exit 0; }
  pr=("$xent" predict --model "$work/pred.model" --data "$file" --proba)
  if read -r sec sd how < <(wall predict "${pr[@]}"); then
    printf '{"bench":"predict_cli","dataset":"%s","system":"xent predict","rows":%d,"seconds":%s,"rows_per_s":%s,"timing":"%s"}\n' \
      "$ds" "$rows" "$sec" "$("$py" -c "print($rows / $sec)")" "$how"
  else
    na "xent predict (CLI)" "n/a (xent predict failed)"
  fi
  ;;
*)
  echo "cli.sh: unknown mode $mode" >&2
  exit 2
  ;;
esac
