#!/usr/bin/env bash
# Sets gornn up on this machine (Jupyter from Debian's packages when absent,
# the kernel, its kernelspec, the MNIST data) and runs the bundled notebook
# end to end through Jupyter.
#
#   install/run.sh              executed notebook in build/notebooks/
#   install/run.sh --inplace    executes notebooks/mnist_rnn.ipynb in place
#
# GORNN_QUICK=1 runs it on a slice of the data, in seconds.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

apt_ensure "${JUPYTER_PACKAGES[@]}"
build_and_install

nb=notebooks/mnist_rnn.ipynb
args=(--to notebook --execute --ExecutePreprocessor.timeout=3600 --ExecutePreprocessor.kernel_name=gornn)
if [ "${1:-}" = "--inplace" ]; then
	out=$nb
	args+=(--inplace)
else
	mkdir -p build/notebooks
	out=build/notebooks/mnist_rnn.ipynb
	args+=(--output-dir build/notebooks)
fi
say "running $nb through Jupyter"
start=$(date +%s)
$PY -m jupyter nbconvert "${args[@]}" "$nb"
say "done in $(( $(date +%s) - start )) s: the executed notebook is $out"
echo "open it with: jupyter notebook $out" >&2
