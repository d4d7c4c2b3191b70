#!/usr/bin/env bash
# The extra clean debug compile time a user pays for adding aws-organizations-mock
# on top of aws-sdk-organizations.
#
# Two throw-away crates, each with its own target directory, built from clean in
# debug with the same Cargo.lock versions (offline, from the local registry cache):
#   sdk-only: depends on aws-sdk-organizations only (the features this crate uses);
#   with-mock: depends on aws-sdk-organizations and on this crate (by path).
# Then, in sdk-only's warm target, this crate is added and built again: the
# incremental figure is the extra work alone, without scheduling noise.
#
#   bash benches/build_cost.sh            # prints the three times
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jobs="${BUILD_COST_JOBS:-$(nproc)}"

# A snapshot of this crate, so edits in the worktree do not change the measurement.
mkdir -p "$work/mock"
for f in src README.md DESIGN.md FIDELITY.md; do cp -r "$repo/$f" "$work/mock/"; done
# Only what a user builds: no workspace, dev-dependencies, benches, tests or examples.
awk '/^\[/ { skip = ($0 ~ /^\[(workspace|dev-dependencies|\[bench\]|\[test\]|\[example\])/) } !skip' \
  "$repo/Cargo.toml" >"$work/mock/Cargo.toml"

sdk_dep='aws-sdk-organizations = { version = "1.137", default-features = false, features = ["rt-tokio"] }'
make_crate() { # name, extra dependency line
  mkdir -p "$work/$1/src"
  printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n%s\n%s\n' \
    "$1" "$sdk_dep" "$2" >"$work/$1/Cargo.toml"
  echo 'fn main() {}' >"$work/$1/src/main.rs"
  cp "$repo/Cargo.lock" "$work/$1/Cargo.lock"
}
timed_build() { # dir -> seconds
  local start end
  start=$(date +%s.%N)
  (cd "$1" && CARGO_TARGET_DIR="$1/target" cargo build --offline -j "$jobs" -q 2>"$1/build.log") || {
    cat "$1/build.log" >&2
    exit 1
  }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

make_crate sdk-only ""
make_crate with-mock "aws-organizations-mock = { path = \"$work/mock\" }"

sdk=$(timed_build "$work/sdk-only")
echo "clean debug build, aws-sdk-organizations only:          ${sdk}s"
both=$(timed_build "$work/with-mock")
echo "clean debug build, aws-sdk-organizations + this crate:  ${both}s"
echo "extra from clean:                                        $(echo "$both - $sdk" | bc)s"

echo "aws-organizations-mock = { path = \"$work/mock\" }" >>"$work/sdk-only/Cargo.toml"
extra=$(timed_build "$work/sdk-only")
echo "extra, incremental on top of a built SDK:                ${extra}s"
echo "(jobs: $jobs, nproc: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
