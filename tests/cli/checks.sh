# Shared by the CLI scenarios (sourced): dummy credentials whose access key id
# is not 12 digits (so they call as the default account), no config files, and
# the counters and pass/fail/check helpers.
export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export AWS_SECRET_ACCESS_KEY=dummy-secret
export AWS_DEFAULT_REGION=us-east-1
export AWS_PAGER=""
export AWS_CONFIG_FILE=/dev/null
export AWS_SHARED_CREDENTIALS_FILE=/dev/null

passed=0
failed=0
pass() {
  passed=$((passed + 1))
  echo "  ok   $1"
}
fail() {
  failed=$((failed + 1))
  echo "  FAIL $1"
}
# check NAME PYTHON-EXPRESSION JSON: the expression over `d` (the parsed JSON) must be true.
check() {
  if printf '%s' "$3" | python -c 'import json, sys; d = json.load(sys.stdin); sys.exit(0 if eval(sys.argv[1]) else 1)' "$2"; then
    pass "$1"
  else
    fail "$1: $2 is false for $3"
  fi
}
