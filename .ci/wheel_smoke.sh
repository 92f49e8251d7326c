#!/usr/bin/env bash
# Install the package as a city's IT would and run the desk on PostgreSQL: build the wheel, install it with
# only the `postgres` extra (no development extras) into a clean virtual environment, then, from outside the
# source tree, migrate, create a user and a token, serve, log a request over HTTP, read the public checkpoint,
# back up the database and verify the audit log. A runtime dependency missing from pyproject.toml, or a
# template, migration or data file missing from the wheel, fails here.
#
# Needs SANCTUARY_TEST_POSTGRES_URL (a server where it may create a database; .ci/run starts one) and python3
# with venv. Called by .ci/run before `make test`.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
: "${SANCTUARY_TEST_POSTGRES_URL:?set SANCTUARY_TEST_POSTGRES_URL to a PostgreSQL server URL}"
PYTHON="${PYTHON:-python3}"
work="$(mktemp -d /tmp/sanctuary-wheel-smoke.XXXXXX)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "wheel smoke: building the wheel"
"$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$repo"
wheel="$(ls "$work"/dist/sanctuary_city-*.whl)"

echo "wheel smoke: installing $(basename "$wheel")[postgres] into a clean venv (no dev extras)"
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --upgrade pip
"$work/venv/bin/pip" install --quiet -c "$repo/requirements.lock" "${wheel}[postgres]"
if "$work/venv/bin/python" -c "import pytest" 2>/dev/null; then
    echo "wheel smoke: pytest is installed: development extras leaked into the runtime install"; exit 1
fi

cd "$work"  # never import the source tree
py="$work/venv/bin/python"
dbname="sanctuary_wheel_smoke_$$"
base_url="${SANCTUARY_TEST_POSTGRES_URL}"
"$py" - "$base_url" "$dbname" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}"')
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY
export SANCTUARY_DATA_DIR="$work/data"
export SANCTUARY_DATABASE_URL="$("$py" -c 'import sys; from urllib.parse import urlsplit, urlunsplit
u = urlsplit(sys.argv[1]); print(urlunsplit(("postgresql+psycopg", u.netloc, "/" + sys.argv[2], "", "")))' "$base_url" "$dbname")"
bin="$work/venv/bin"

"$bin/sanctuary" db migrate
printf '%s\n' 'correct horse battery staple 2' | "$bin/sanctuary" users create --username clerk1 --role clerk --password-stdin
token="$("$bin/sanctuary" tokens create --username clerk1 --name wheel-smoke --days 1 | tail -n 1)"
port="$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$bin/sanctuary" serve --host 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 &
server_pid=$!

"$py" - "$port" "$token" <<'PY' || { echo "wheel smoke: the desk failed; server log:"; tail -n 40 "$work/serve.log"; exit 1; }
import json, sys, time, urllib.request
port, token = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}"
for _ in range(150):
    try:
        urllib.request.urlopen(f"{base}/healthz", timeout=2)
        break
    except OSError:
        time.sleep(0.2)
else:
    sys.exit("the server never answered /healthz")
body = {"request": {"date": "2026-03-01", "agency": {"jurisdiction": "us/ca/san-francisco", "kind": "jail"},
                    "action": "hold", "requester": {"agency": "ice", "purpose": "civil_immigration"},
                    "instrument": {"type": "detainer", "signed_by": "immigration_officer"},
                    "subject": {"in_custody": True}},
        "intake": {"channel": "fax"}}
rq = urllib.request.Request(f"{base}/api/v1/requests", data=json.dumps(body).encode(), method="POST",
                            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
with urllib.request.urlopen(rq, timeout=30) as r:
    answer = json.load(r)
    assert r.status == 201 and answer["decision"]["outcome"] == "forbidden", answer
for path, needle in (("/login", b"<form"), ("/static/site.css", b"{"), ("/audit/checkpoint", b"sanctuary/audit-log")):
    with urllib.request.urlopen(f"{base}{path}", timeout=10) as r:
        assert r.status == 200 and needle in r.read(), path
print(f"wheel smoke: request {answer['id']} logged and decided over HTTP")
PY
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
server_pid=""
"$bin/sanctuary" audit verify
"$bin/sanctuary" db backup "$work/backup.dump"
"$py" - "$base_url" "$dbname" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
PY
echo "wheel smoke: ok"
