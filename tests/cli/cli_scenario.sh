#!/usr/bin/env bash
# The AWS CLI against the server: `bash tests/cli/cli_scenario.sh http://127.0.0.1:PORT`
# (with `aws` and `python` of a virtualenv on PATH; tests/cli/run.sh does all that).
#
# Checks the JSON the CLI prints and its exit codes. The default credentials use
# a non-numeric access key id, so they call as the default account 111111111111;
# a 12-digit access key id calls as that account.
set -euo pipefail
endpoint="$1"

# Dummy credentials (a non-numeric key: the default account), no config files,
# and the pass/fail/check helpers.
# shellcheck source=tests/cli/checks.sh
. "$(dirname "$0")/checks.sh"
org() { aws --endpoint-url "$endpoint" --output json organizations "$@"; }
# expect_error NAME CODE COMMAND...: the CLI must exit with a service-error status
# (255 for AWS CLI v1, 254 for v2) and print AWS's error code.
expect_error() {
  local name="$1" code="$2" status=0 err
  shift 2
  err="$(org "$@" 2>&1 >/dev/null)" || status=$?
  if { [ "$status" -eq 254 ] || [ "$status" -eq 255 ]; } && [[ "$err" == *"($code)"* ]]; then
    pass "$name (exit $status, $code)"
  else
    fail "$name: expected $code with exit 254/255, got exit $status: $err"
  fi
}

echo "-- AWS CLI scenario against $endpoint"

out="$(org create-organization --feature-set ALL)"
check "create-organization makes the caller the management account" \
  'd["Organization"]["MasterAccountId"] == "111111111111" and d["Organization"]["FeatureSet"] == "ALL"' "$out"

root="$(org list-roots --query 'Roots[0].Id' --output text)"
[[ "$root" == r-* ]] && pass "list-roots: $root" || fail "list-roots returned '$root'"

out="$(org create-organizational-unit --parent-id "$root" --name Workloads)"
check "create-organizational-unit" 'd["OrganizationalUnit"]["Id"].startswith("ou-") and d["OrganizationalUnit"]["Name"] == "Workloads"' "$out"
ou="$(printf '%s' "$out" | python -c 'import json, sys; print(json.load(sys.stdin)["OrganizationalUnit"]["Id"])')"

accounts=()
for name in alpha beta gamma; do
  request="$(org create-account --email "$name@example.com" --account-name "$name" \
    --query 'CreateAccountStatus.Id' --output text)"
  out="$(org describe-create-account-status --create-account-request-id "$request")"
  check "create-account $name succeeds" 'd["CreateAccountStatus"]["State"] == "SUCCEEDED"' "$out"
  accounts+=("$(printf '%s' "$out" | python -c 'import json, sys; print(json.load(sys.stdin)["CreateAccountStatus"]["AccountId"])')")
done

org move-account --account-id "${accounts[0]}" --source-parent-id "$root" --destination-parent-id "$ou"
out="$(org list-accounts-for-parent --parent-id "$ou")"
check "move-account puts alpha in Workloads" "[a[\"Id\"] for a in d[\"Accounts\"]] == [\"${accounts[0]}\"]" "$out"

# --max-items: the CLI pages with its own token, built on the service's NextToken.
page1="$(org list-accounts --max-items 2)"
check "list-accounts --max-items 2: two accounts and a NextToken" 'len(d["Accounts"]) == 2 and "NextToken" in d' "$page1"
token="$(printf '%s' "$page1" | python -c 'import json, sys; print(json.load(sys.stdin)["NextToken"])')"
page2="$(org list-accounts --max-items 2 --starting-token "$token")"
check "list-accounts --starting-token: the last two, no NextToken" 'len(d["Accounts"]) == 2 and "NextToken" not in d' "$page2"
all_ids="$(python -c '
import json, sys
print(" ".join(sorted(a["Id"] for page in sys.argv[1:] for a in json.loads(page)["Accounts"])))' "$page1" "$page2")"
expected="$(printf '%s\n' 111111111111 "${accounts[@]}" | sort | tr '\n' ' ' | sed 's/ $//')"
[ "$all_ids" = "$expected" ] && pass "the two pages hold all four accounts once" || fail "pages held '$all_ids', expected '$expected'"
out="$(org list-accounts --page-size 1)"
check "list-accounts --page-size 1: the CLI follows NextToken through all pages" 'len(d["Accounts"]) == 4' "$out"

# Policies.
scp='{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}'
out="$(org create-policy --name DenyBucketDeletion --description "No bucket deletion" \
  --type SERVICE_CONTROL_POLICY --content "$scp")"
check "create-policy" 'd["Policy"]["PolicySummary"]["Name"] == "DenyBucketDeletion"' "$out"
policy="$(printf '%s' "$out" | python -c 'import json, sys; print(json.load(sys.stdin)["Policy"]["PolicySummary"]["Id"])')"
# A new root has no policy type enabled (FIDELITY.md): enable SCPs first, as on AWS.
out="$(org enable-policy-type --root-id "$root" --policy-type SERVICE_CONTROL_POLICY)"
check "enable-policy-type: SCPs enabled on the root" '[t["Status"] for t in d["Root"]["PolicyTypes"]] == ["ENABLED"]' "$out"
org attach-policy --policy-id "$policy" --target-id "$ou"
out="$(org list-policies-for-target --target-id "$ou" --filter SERVICE_CONTROL_POLICY)"
check "attach-policy: the OU has the policy" "\"$policy\" in [p[\"Id\"] for p in d[\"Policies\"]]" "$out"
expect_error "attach-policy twice" DuplicatePolicyAttachmentException attach-policy --policy-id "$policy" --target-id "$ou"

# Errors: AWS's codes, the CLI's service-error exit status, nothing changed.
expect_error "a second OU of the same name" DuplicateOrganizationalUnitException \
  create-organizational-unit --parent-id "$root" --name Workloads
expect_error "describe-account of an unknown account" AccountNotFoundException describe-account --account-id 999999999999
expect_error "create-organization again" AlreadyInOrganizationException create-organization
out="$(org list-organizational-units-for-parent --parent-id "$root")"
check "the failed calls changed nothing" 'len(d["OrganizationalUnits"]) == 1' "$out"

# The caller rule: a 12-digit access key id calls as that account.
member="${accounts[1]}"
out="$(AWS_ACCESS_KEY_ID="$member" org describe-organization)"
check "a member ($member) reads its organization" 'd["Organization"]["MasterAccountId"] == "111111111111"' "$out"
status=0
err="$(AWS_ACCESS_KEY_ID="$member" org list-accounts 2>&1 >/dev/null)" || status=$?
if [ "$status" -ne 0 ] && [[ "$err" == *"(AccessDeniedException)"* ]]; then
  pass "a member may not list the accounts (exit $status)"
else
  fail "a member listing accounts: exit $status: $err"
fi
status=0
aws --endpoint-url "$endpoint" organizations list-roots --output json >/dev/null 2>&1 || status=$?
[ "$status" -eq 0 ] && pass "exit status 0 on success" || fail "list-roots exited $status"

out="$(python -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1] + "/_mock/calls").read().decode())' "$endpoint")"
check "GET /_mock/calls records the member's calls as the member" \
  "any(c[\"caller\"] == \"$member\" and c[\"operation\"] == \"ListAccounts\" and c[\"error_code\"] == \"AccessDeniedException\" for c in d)" "$out"

echo "aws-cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
