#!/usr/bin/env bash
# Server mode, proven with clients nobody here wrote: the AWS CLI and boto3.
#
# Creates a virtualenv with awscli, boto3 and pytest (reused when it already has them),
# runs tools/cli-check (MockOrganizations::serve driving the CLI), builds and starts the server binary on a free loopback port, runs the AWS CLI
# scenario, resets the world through POST /_mock/reset, runs the boto3
# scenario, runs the guide's server-harness examples (tests/cli/guide_examples.sh:
# pytest with boto3, node:test with the AWS SDK for JavaScript v3 installed from
# npm into a temporary directory, and curl), then stops the server with SIGTERM
# and checks it exits cleanly.
#
# CLI_CARGO_CONFIG, when set, is passed to cargo as --config (e.g. a
# codegen-units override when several checkouts share one target directory).
#
#   bash tests/cli/run.sh            # venv in target/cli-venv
#   CLI_VENV=/some/dir bash tests/cli/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

venv="${CLI_VENV:-target/cli-venv}"
case "$venv" in /*) ;; *) venv="$PWD/$venv" ;; esac
if ! "$venv/bin/python" -c 'import boto3, awscli, pytest' >/dev/null 2>&1; then
  echo "-- creating $venv with awscli, boto3 and pytest"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check awscli boto3 pytest
fi
cargo_config=()
if [ -n "${CLI_CARGO_CONFIG:-}" ]; then cargo_config=(--config "$CLI_CARGO_CONFIG"); fi
"$venv/bin/aws" --version

echo "-- MockOrganizations::serve inside a Rust program, driving the AWS CLI"
# Not a cargo test: it needs the CLI, and a test that skips without it would be a
# green that means nothing. A failed check panics and fails this script.
cargo run --quiet "${cargo_config[@]}" -p cli-check -- "$venv/bin/aws"

cargo build --quiet "${cargo_config[@]}" --features server --bin aws-organizations-mock
# A copy: another build sharing the target directory cannot replace it mid-run.
bin_dir="$(mktemp -d)"
cp "${CARGO_TARGET_DIR:-target}/debug/aws-organizations-mock" "$bin_dir/"
binary="$bin_dir/aws-organizations-mock"

log="$(mktemp)"
"$binary" --port 0 >"$log" 2>&1 &
server_pid=$!
stop_server() {
  if kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid" 2>/dev/null || true; fi
}
trap stop_server EXIT

endpoint=""
for _ in $(seq 1 100); do
  endpoint="$(grep -o 'http://[0-9.:]*' "$log" | head -n1 || true)"
  [ -n "$endpoint" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log"; echo "the server exited before it was ready"; exit 1; }
  sleep 0.1
done
[ -n "$endpoint" ] || { cat "$log"; echo "the server did not print its endpoint in 10 s"; exit 1; }
echo "-- server: $(head -n1 "$log")"

PATH="$venv/bin:$PATH" bash tests/cli/cli_scenario.sh "$endpoint"

"$venv/bin/python" - "$endpoint" <<'EOF'
import json, sys, urllib.request
reply = urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/_mock/reset", method="POST"))
assert reply.status == 200, reply.status
calls = json.load(urllib.request.urlopen(sys.argv[1] + "/_mock/calls"))
assert calls == [], calls
print("-- reset: a fresh world for the boto3 scenario")
EOF

"$venv/bin/python" tests/cli/boto3_scenario.py "$endpoint"

# The guide's examples: pytest and node:test start servers of their own; the
# curl lines use this one.
bash tests/cli/guide_examples.sh "$venv" "$binary" "$endpoint"

# STS (AssumeRole, GetCallerIdentity, role_arn + source_profile) on its own server.
PATH="$venv/bin:$PATH" bash tests/cli/sts_scenario.sh "$binary"

kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
trap - EXIT
if [ "$status" -ne 0 ] || ! grep -q "stopped" "$log"; then
  cat "$log"
  echo "the server did not stop cleanly on SIGTERM (exit status $status)"
  exit 1
fi
echo "-- server stopped cleanly on SIGTERM"
rm -f "$log"
rm -rf "$bin_dir"
