#!/usr/bin/env bash
# STS beside Organizations, with the AWS CLI: `bash tests/cli/sts_scenario.sh BINARY`
# (with `aws` and `python` of a virtualenv on PATH; tests/cli/run.sh does all that).
#
# Starts its own server with `--start-time now`: the CLI checks the Expiration of
# assumed credentials against the machine's clock, so the mock's clock must
# start there. Then: get-caller-identity, create an account, assume its
# OrganizationAccountAccessRole, and work as the account through a profile with
# role_arn + source_profile.
set -euo pipefail
binary="$1"

log="$(mktemp)"
"$binary" --port 0 --start-time now >"$log" 2>&1 &
server_pid=$!
work="$(mktemp -d)"
cleanup() {
  if kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
endpoint=""
for _ in $(seq 1 100); do
  endpoint="$(grep -o 'http://[0-9.:]*' "$log" | head -n1 || true)"
  [ -n "$endpoint" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log"; echo "the server exited before it was ready"; exit 1; }
  sleep 0.1
done
[ -n "$endpoint" ] || { cat "$log"; echo "the server did not print its endpoint in 10 s"; exit 1; }

# Dummy credentials (a non-numeric key: the default account), no config files,
# and the pass/fail/check helpers.
# shellcheck source=tests/cli/checks.sh
. "$(dirname "$0")/checks.sh"
cli() { aws --endpoint-url "$endpoint" --output json "$@"; }

echo "-- AWS CLI STS scenario against $endpoint"

out="$(cli sts get-caller-identity)"
check "get-caller-identity: the default account's root user" \
  'd == {"UserId": "111111111111", "Account": "111111111111", "Arn": "arn:aws:iam::111111111111:root"}' "$out"
out="$(AWS_ACCESS_KEY_ID=222222222222 cli sts get-caller-identity)"
check "get-caller-identity: a 12-digit key is that account" 'd["Arn"] == "arn:aws:iam::222222222222:root"' "$out"

cli organizations create-organization --feature-set ALL >/dev/null
request="$(cli organizations create-account --email vended@example.com --account-name Vended --query CreateAccountStatus.Id --output text)"
account="$(cli organizations describe-create-account-status --create-account-request-id "$request" --query CreateAccountStatus.AccountId --output text)"
role="arn:aws:iam::$account:role/OrganizationAccountAccessRole"

out="$(cli sts assume-role --role-arn "$role" --role-session-name cli-run)"
check "assume-role: ASIA credentials for the vended account's role" \
  'd["Credentials"]["AccessKeyId"].startswith("ASIA") and d["Credentials"]["SessionToken"] and d["AssumedRoleUser"]["Arn"] == "arn:aws:sts::'"$account"':assumed-role/OrganizationAccountAccessRole/cli-run"' "$out"

# The credentials, by hand.
key="$(printf '%s' "$out" | python -c 'import json, sys; print(json.load(sys.stdin)["Credentials"]["AccessKeyId"])')"
secret="$(printf '%s' "$out" | python -c 'import json, sys; print(json.load(sys.stdin)["Credentials"]["SecretAccessKey"])')"
token="$(printf '%s' "$out" | python -c 'import json, sys; print(json.load(sys.stdin)["Credentials"]["SessionToken"])')"
out="$(AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_SESSION_TOKEN="$token" cli sts get-caller-identity)"
check "the assumed credentials call as the vended account" 'd["Account"] == "'"$account"'"' "$out"

# A profile with role_arn + source_profile: the CLI assumes the role itself.
cat >"$work/config" <<EOF
[profile management]
aws_access_key_id = 111111111111
aws_secret_access_key = dummy-secret
region = us-east-1

[profile vended]
role_arn = $role
source_profile = management
role_session_name = profile-run
region = us-east-1
EOF
# HOME: the CLI caches assumed-role credentials in ~/.aws/cli/cache; keys from
# an earlier server are unknown to this one (InvalidClientTokenId).
profile() { HOME="$work" AWS_CONFIG_FILE="$work/config" AWS_ENDPOINT_URL="$endpoint" aws --output json --profile vended "$@"; }
out="$(profile sts get-caller-identity)"
check "profile role_arn + source_profile: calls as the assumed role" \
  'd["Arn"] == "arn:aws:sts::'"$account"':assumed-role/OrganizationAccountAccessRole/profile-run"' "$out"
out="$(profile organizations describe-organization)"
check "profile: the vended account sees its organization" 'd["Organization"]["MasterAccountId"] == "111111111111"' "$out"

status=0
err="$(cli sts assume-role --role-arn "$role" --role-session-name 'bad/name' 2>&1 >/dev/null)" || status=$?
if [ "$status" -ne 0 ] && [[ "$err" == *"(ValidationError)"* ]]; then pass "assume-role with a bad session name: ValidationError"; else fail "bad session name: exit $status: $err"; fi
status=0
err="$(AWS_ACCESS_KEY_ID=999999999999 cli sts assume-role --role-arn "$role" --role-session-name x1 2>&1 >/dev/null)" || status=$?
if [ "$status" -ne 0 ] && [[ "$err" == *"(AccessDenied)"* ]]; then pass "assume-role by an untrusted account: AccessDenied"; else fail "untrusted: exit $status: $err"; fi

calls="$(curl -s "$endpoint/_mock/calls" 2>/dev/null || python -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())' "$endpoint/_mock/calls")"
check "recorded: the work ran as the vended account, AssumeRole as the management account" \
  '[c["caller"] for c in d if c["operation"] == "DescribeOrganization"] == ["'"$account"'"] and all(c["caller"] == "111111111111" for c in d if c["operation"] == "AssumeRole" and c["status"] == 200)' "$calls"

echo "-- STS scenario: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
