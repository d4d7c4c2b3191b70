#!/usr/bin/env bash
# Server throughput: 50 keep-alive clients (wrk, Debian package `wrk`) against
# the release binary, DescribeOrganization and CreateAccount. Not part of CI.
#   bash benches/server.sh [path/to/aws-organizations-mock]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/release/aws-organizations-mock}"
if [ "$#" -eq 0 ]; then
  cargo build --release --features server --bin aws-organizations-mock >/dev/null
fi
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)"; exit 1; }
out="$(mktemp)"
"$bin" --port 0 >"$out" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do grep -q ready "$out" && break; sleep 0.05; done
endpoint="$(sed -n 's/.*ready at //p' "$out")"
target=AWSOrganizationsV20161128
auth="AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0"
curl -s -X POST "$endpoint/" -H "X-Amz-Target: $target.CreateOrganization" -H "Authorization: $auth" -d '{}' >/dev/null
echo "== DescribeOrganization, 50 connections, 2 threads, 10 s ($bin)"
wrk -t2 -c50 -d10s --latency -s benches/server_load.lua "$endpoint" | grep -E "Requests/sec|Latency|99%|90%|50%|requests in|Socket|Non-2xx"
calls_bytes="$(curl -s "$endpoint/_mock/calls" | wc -c)"
calls_time="$(curl -s -o /dev/null -w '%{time_total}' "$endpoint/_mock/calls")"
echo "== GET /_mock/calls with the log full: $calls_bytes bytes in ${calls_time} s"
echo "== the same 50 clients while another client reads GET /_mock/calls in a loop"
( end=$((SECONDS + 10)); while [ $SECONDS -lt $end ]; do curl -s -o /dev/null "$endpoint/_mock/calls"; done ) &
reader=$!
wrk -t2 -c50 -d10s --latency -s benches/server_load.lua "$endpoint" | grep -E "Requests/sec|Latency|99%|90%|50%|requests in|Socket|Non-2xx"
wait $reader
