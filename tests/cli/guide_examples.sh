#!/usr/bin/env bash
# The guide's server-harness examples (src/docs/server_harness.md), run as
# written: each code block after a `<!-- file: NAME -->` line is written to
# NAME in a temporary directory, then the pytest suite runs with boto3, the
# node:test suite with @aws-sdk/client-organizations (installed from npm into
# that directory), and the curl lines against a running server.
#
#   bash tests/cli/guide_examples.sh VENV BINARY ENDPOINT
set -euo pipefail
venv="$1"
binary="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
endpoint="$3"
guide="$(cd "$(dirname "$0")/../.." && pwd)/src/docs/server_harness.md"

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
awk -v dir="$dir" '
  /^<!-- file: .* -->$/ { name = $3; next }
  name != "" && /^```/ && !inside { inside = 1; next }
  inside && /^```$/ { inside = 0; name = ""; next }
  inside { print > (dir "/" name) }
' "$guide"
for file in conftest.py test_organizations.py organizations.test.mjs curl.sh; do
  [ -s "$dir/$file" ] || { echo "the guide has no block for $file"; exit 1; }
done

export AWS_ORGANIZATIONS_MOCK="$binary"

echo "-- guide: pytest with boto3"
(cd "$dir" && "$venv/bin/python" -m pytest -q -p no:cacheprovider)

echo "-- guide: node:test with @aws-sdk/client-organizations"
started=$(date +%s)
(cd "$dir" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund @aws-sdk/client-organizations >/dev/null)
echo "   npm install took $(( $(date +%s) - started )) s"
(cd "$dir" && node --test organizations.test.mjs)

echo "-- guide: curl lines"
ENDPOINT="$endpoint" bash -euo pipefail "$dir/curl.sh"
echo
echo "-- guide: examples ran as written"
