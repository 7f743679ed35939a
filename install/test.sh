#!/usr/bin/env bash
# Runs every test of gornn: Go (unit, race, fuzz seeds), the kernel against
# Debian's jupyter_client, the notebook through nbclient, the REPL's notebook
# runner, and the notebook in a real browser. Installs what the tests need
# (Debian packages, npm packages) when it is missing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

apt_ensure "${JUPYTER_PACKAGES[@]}" chromium
# Node.js may come from outside Debian (with its own npm): only fill a gap.
command -v npm >/dev/null || apt_ensure nodejs npm
build_and_install

say "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go'))
[ -z "$unformatted" ] || { echo "gofmt would change: $unformatted" >&2; exit 1; }

say "go vet"
go vet ./...

say "go test (GORNN_PLUGIN_TEST=1: with the tests that build compiled plugins of fetched modules)"
GORNN_PLUGIN_TEST=1 go test -count=1 ./...

say "go test -bench, each benchmark once (so that they keep working; bench/compare.sh times them)"
go test -count=1 -run '^$' -bench . -benchtime 1x ./rnn/... ./internal/benchmodels >/dev/null

say "go test -race (every package; the plugin tests, which would build the standard library again with -race, only in the run above)"
go test -count=1 -race ./...

say "the kernel through jupyter_client"
RNNKERNEL="$BIN/rnnkernel" $PY kernel/testdata/jupyter_client_test.py
RNNKERNEL="$BIN/rnnkernel" $PY kernel/testdata/jupyter_client_fatal_test.py
RNNKERNEL="$BIN/rnnkernel" $PY kernel/testdata/jupyter_client_commands_test.py
RNNKERNEL="$BIN/rnnkernel" $PY kernel/testdata/jupyter_client_reliability_test.py
RNNKERNEL="$BIN/rnnkernel" $PY kernel/testdata/jupyter_client_golike_test.py

say "the notebook through rnnrepl (quick mode)"
mkdir -p build/notebooks
"$BIN/rnnrepl" -quick -out build/rnnrepl-out notebooks/mnist_rnn.ipynb -o build/notebooks/mnist_rnn.rnnrepl.ipynb >/dev/null

say "the example notebooks (TensorFlow-Examples in Go) through rnnrepl (quick mode)"
mkdir -p build/notebooks/examples
for nb in notebooks/examples/*.ipynb; do
	name=$(basename "$nb" .ipynb)
	"$BIN/rnnrepl" -quick -out build/rnnrepl-out/examples "$nb" -o "build/notebooks/examples/$name.rnnrepl.ipynb" >/dev/null
done

say "the notebook through nbclient (quick mode)"
$PY -m unittest -v tests/notebook/test_notebook.py

say "the notebook in Chromium"
(cd tests/browser && npm ci --no-audit --no-fund >/dev/null && node --test --test-reporter=spec && node notebook.mjs)

say "all tests passed"
