#!/usr/bin/env bash
# Proves that the in-process mock never opens a network socket.
#
# Runs the quickstart example and every test binary under
# `strace -f -e trace=socket,connect`, and fails if any of them creates an
# AF_INET or AF_INET6 socket. The integration tests are one binary
# (tests/it/main.rs): it runs twice, once without the server-mode modules
# (the folder tests/it/server/, test names `server::...`), which must open no inet socket,
# and once with only them, as the positive control: they must be seen opening
# sockets (so the detection demonstrably works) and may only connect to
# loopback addresses.
#
# The binaries are built first and run directly: cargo itself may open
# sockets (the registry), which would tell nothing about the mock.
#
#   bash tests/no_socket.sh              # the check, as CI runs it
#   bash tests/no_socket.sh -- CMD ARGS  # only: run CMD under the same check
#                                        # (it must open no inet socket)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v strace >/dev/null 2>&1; then
  echo "no_socket: installing strace"
  apt-get update -qq && apt-get install -y -qq strace >/dev/null
fi

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# Runs "$@" under strace, the trace in $logs/$name; prints the inet sockets it made.
traced() {
  local name=$1
  shift
  # --seccomp-bpf: only the traced syscalls stop the process, so tests run at full speed.
  strace -f -qq --seccomp-bpf -e trace=socket,connect -o "$logs/$name" "$@"
}

inet_sockets() {
  grep -E 'socket\(AF_INET6?,' "$logs/$1" || true
}

if [[ "${1:-}" == "--" ]]; then
  shift
  traced command "$@" || { echo "no_socket: the command failed"; exit 1; }
  found=$(inet_sockets command)
  if [[ -n "$found" ]]; then
    echo "no_socket: FAIL: '$*' opened inet sockets:"
    echo "$found"
    exit 1
  fi
  echo "no_socket: ok: '$*' opened no inet socket"
  exit 0
fi

echo "no_socket: building the example and the test binaries"
cargo build -q --example quickstart
mapfile -t binaries < <(
  cargo test --all-features --no-run --message-format=json 2>/dev/null |
    python3 -c '
import json, sys
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    if m.get("reason") == "compiler-artifact" and m.get("profile", {}).get("test") and m.get("executable"):
        print(m["target"]["name"] + " " + m["executable"])
'
)
if [[ ${#binaries[@]} -eq 0 ]]; then
  echo "no_socket: FAIL: found no test binaries"
  exit 1
fi

# Fewer generated cases than the normal run: the point here is the syscalls.
export PROPTEST_CASES=${NO_SOCKET_PROPTEST_CASES:-300}

failed=0
checked=0
server_seen=0
traced quickstart target/debug/examples/quickstart >/dev/null
# The server-mode modules of the integration-test binary: the folder
# tests/it/server/, whose test names start with `server::` (libtest filters
# match substrings; no other test name contains it).
server_modules=(server::)
skip_server=()
for m in "${server_modules[@]}"; do skip_server+=(--skip "$m"); done
# Each entry: NAME BINARY; the `it` binary becomes two runs, `it` (in-process
# modules only) and `server` (server-mode modules only).
runs=()
for entry in "${binaries[@]}"; do
  if [[ "${entry%% *}" == it ]]; then
    runs+=("it ${entry#* }" "server ${entry#* }")
  else
    runs+=("$entry")
  fi
done
for entry in quickstart "${runs[@]}"; do
  name=${entry%% *}
  if [[ "$entry" != quickstart ]]; then
    bin=${entry#* }
    filter=()
    case "$name" in
      it) filter=("${skip_server[@]}") ;;
      server) filter=("${server_modules[@]}") ;;
    esac
    if ! traced "$name" "$bin" -q "${filter[@]}" >"$logs/$name.out" 2>&1; then
      echo "no_socket: FAIL: $name failed under strace:"
      tail -20 "$logs/$name.out"
      failed=1
      continue
    fi
  fi
  found=$(inet_sockets "$name")
  if [[ "$name" == server || "$name" == server_* ]]; then
    # The positive control: server mode must be seen using sockets, on loopback only.
    if [[ -z "$found" ]]; then
      echo "no_socket: FAIL: the server-mode tests opened no inet socket: the detection is broken"
      failed=1
    fi
    foreign=$(grep -E 'connect\(.*AF_INET' "$logs/$name" | grep -vE 'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"' || true)
    if [[ -n "$foreign" ]]; then
      echo "no_socket: FAIL: the server-mode tests connected beyond loopback:"
      echo "$foreign"
      failed=1
    fi
    server_seen=1
    echo "no_socket: server (control): $(echo "$found" | wc -l) inet socket(s), loopback only"
    continue
  fi
  checked=$((checked + 1))
  if [[ -n "$found" ]]; then
    echo "no_socket: FAIL: $name opened inet sockets:"
    echo "$found" | head -5
    failed=1
  else
    echo "no_socket: $name: no inet socket"
  fi
done
if [[ $server_seen -eq 0 ]]; then
  echo "no_socket: FAIL: the server-mode test binary was not found (built with --all-features?)"
  failed=1
fi
if [[ $failed -ne 0 ]]; then
  exit 1
fi
echo "no_socket: ok: $checked in-process binaries (the quickstart included) opened no AF_INET/AF_INET6 socket"
