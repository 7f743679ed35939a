#!/usr/bin/env bash
# kernel_rss.sh: the peak resident memory of rnnkernel while Jupyter runs a
# notebook (by default the tutorial's, notebooks/mnist_rnn.ipynb, all five
# epochs), and optionally of rnnrepl running the same notebook.
#
# Usage: bench/kernel_rss.sh [--quick] [--repl] [NOTEBOOK]
#
#   --quick   set GORNN_QUICK=1: the notebook trains on a slice of the data
#   --repl    also run the notebook through rnnrepl under /usr/bin/time -v
#
# Environment:
#   RNNKERNEL, RNNREPL  binaries to measure (default: built from this tree
#                       into a temporary folder)
#   GOGC, GOMEMLIMIT    passed on to the kernel, as Jupyter would
#
# The kernelspec is installed under a temporary --prefix, so the user's
# Jupyter setup is neither used nor changed. The kernel's peak is VmHWM from
# /proc/PID/status (bench/kernel_rss.py); rnnrepl's is /usr/bin/time's
# "Maximum resident set size". Both are printed in MB (10^6 bytes) and MiB.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=/usr/bin/python3
export PATH="$PATH:/usr/local/go/bin"

quick=0
repl=0
notebook="$ROOT/notebooks/mnist_rnn.ipynb"
while [ $# -gt 0 ]; do
	case "$1" in
	--quick) quick=1 ;;
	--repl) repl=1 ;;
	-h | --help)
		sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	-*)
		echo "kernel_rss.sh: unknown flag $1 (see --help)" >&2
		exit 2
		;;
	*) notebook="$1" ;;
	esac
	shift
done
[ -f "$notebook" ] || { echo "kernel_rss.sh: no notebook at $notebook" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gornn-rss.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ -z "${RNNKERNEL:-}" ] || { [ "$repl" = 1 ] && [ -z "${RNNREPL:-}" ]; }; then
	(cd "$ROOT" && go build -o "$tmp/" ./cmd/rnnkernel ./cmd/rnnrepl)
fi
RNNKERNEL=${RNNKERNEL:-$tmp/rnnkernel}
RNNREPL=${RNNREPL:-$tmp/rnnrepl}

"$RNNKERNEL" install --prefix "$tmp/prefix" >/dev/null
export JUPYTER_PATH="$tmp/prefix/share/jupyter"
export XDG_DATA_HOME="$tmp/data" # the kernel's history file
if [ "$quick" = 1 ]; then
	export GORNN_QUICK=1
else
	unset GORNN_QUICK
fi

echo "== rnnkernel through nbclient: $notebook$([ "$quick" = 1 ] && echo ' (GORNN_QUICK=1)')"
"$PY" "$ROOT/bench/kernel_rss.py" "$notebook"

if [ "$repl" = 1 ]; then
	echo "== rnnrepl: $notebook"
	if ! /usr/bin/time -f '%M' -o "$tmp/repl.kib" "$RNNREPL" -out "$tmp/out" "$notebook" -o "$tmp/out.ipynb" >/dev/null 2>"$tmp/repl.err"; then
		cat "$tmp/repl.err" >&2
		exit 1
	fi
	kib=$(tail -n 1 "$tmp/repl.kib")
	awk -v k="$kib" 'BEGIN { printf "rnnrepl peak RSS (maxrss): %d KiB = %.1f MB = %.1f MiB\n", k, k * 1024 / 1e6, k / 1024 }'
fi
