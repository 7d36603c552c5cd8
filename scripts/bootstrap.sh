# Sourced by scripts/run and scripts/test: venv, pinned install, model, index. Idempotent:
# each step is skipped when its inputs have not changed since it last succeeded.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

PYTHON=${PYTHON:-}
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      PYTHON=$candidate; break
    fi
  done
fi
[ -n "$PYTHON" ] || { echo "error: Python 3.11 is required (apt install python3.11 python3.11-venv)" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PYTHON" -m venv .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate

stamp=.venv/.installed-$(cat pyproject.toml requirements.lock | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "==> installing pinned dependencies (first run: a few minutes)"
  python -m pip install -q --upgrade "pip>=25" 2>&1 | grep -v "^WARNING: Location" || true
  # torch==2.13.0 is pinned in pyproject and installed in this same call, so pip takes the CPU build.
  python -m pip install -q -c requirements.lock -e ".[test]" 2>&1 | grep -v "^WARNING: Location" || true
  python -c "import advisor, torch, chromadb, xllamacpp" || { echo "error: install failed" >&2; exit 1; }
  rm -f .venv/.installed-*
  touch "$stamp"
fi

echo "==> local model"
advisor install-model
echo "==> O*NET occupation data"
advisor install-onet || echo "warning: no O*NET data; occupation questions will be refused" >&2
echo "==> index"
advisor ingest --quiet
