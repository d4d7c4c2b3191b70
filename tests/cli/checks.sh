# Shared by the CLI scenarios (sourced): counters and the pass/fail/check helpers.
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
