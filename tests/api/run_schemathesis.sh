#!/usr/bin/env bash
# Property-based API tests: schemathesis against the server's own OpenAPI document.
#
# Starts `amtsweg serve --demo` (AMTSWEG_BIN, default .build/debug/amtsweg) on a free port with a
# fresh SQLite file via tests/support/server.py, runs schemathesis against
# /api/v1/openapi.json and exits non-zero on any failure.
#
# Environment:
#   AMTSWEG_BIN                server binary
#   AMTSWEG_BASE_URL           test this running server instead of starting one
#   SCHEMATHESIS_MAX_EXAMPLES  examples per operation (default 50)
#   SCHEMATHESIS_SEED          random seed (default fixed, so CI runs are reproducible)
#   SCHEMATHESIS               the schemathesis executable (default .venv/bin/schemathesis)
#   PYTHON                     python for the launcher (default .venv/bin/python, else python3)
# Extra arguments are passed on to `schemathesis run`.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON="${PYTHON:-.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3
SCHEMATHESIS="${SCHEMATHESIS:-.venv/bin/schemathesis}"
if [ ! -x "$SCHEMATHESIS" ]; then
    SCHEMATHESIS="$(command -v schemathesis || true)"
fi
if [ -z "$SCHEMATHESIS" ]; then
    echo "run_schemathesis.sh: schemathesis not found (pip install -r tests/requirements.txt)" >&2
    exit 2
fi
export SCHEMATHESIS
export SCHEMATHESIS_MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-50}"
export SCHEMATHESIS_SEED="${SCHEMATHESIS_SEED:-20261126}"
# Our hooks (a serializer for application/pdf bodies), importable from tests/api.
export PYTHONPATH="$PWD/tests/api${PYTHONPATH:+:$PYTHONPATH}"
export SCHEMATHESIS_HOOKS="${SCHEMATHESIS_HOOKS:-schemathesis_hooks}"
export SCHEMATHESIS_REPORT_DIR="${SCHEMATHESIS_REPORT_DIR:-$(mktemp -d /tmp/schemathesis-report.XXXXXX)}"
# Hypothesis keeps an example database in the working directory unless told otherwise.
export HYPOTHESIS_STORAGE_DIRECTORY="${HYPOTHESIS_STORAGE_DIRECTORY:-$SCHEMATHESIS_REPORT_DIR/hypothesis}"

# The five response checks we hold the API to (negative-data checks are left out on purpose:
# they judge what the API accepts, not what it answers).
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance

run() {
    echo "schemathesis against $AMTSWEG_BASE_URL/api/v1/openapi.json" \
         "(max examples $SCHEMATHESIS_MAX_EXAMPLES, seed $SCHEMATHESIS_SEED, report $SCHEMATHESIS_REPORT_DIR)"
    "$SCHEMATHESIS" run "$AMTSWEG_BASE_URL/api/v1/openapi.json" \
        --checks "$CHECKS" \
        --max-examples "$SCHEMATHESIS_MAX_EXAMPLES" \
        --seed "$SCHEMATHESIS_SEED" \
        --workers 1 \
        --request-timeout 10 \
        --report junit --report-dir "$SCHEMATHESIS_REPORT_DIR" \
        "$@"
}

if [ -n "${AMTSWEG_BASE_URL:-}" ]; then
    run "$@"
else
    export -f run
    export CHECKS
    exec "$PYTHON" tests/support/server.py -- bash -c 'run "$@"' run "$@"
fi
