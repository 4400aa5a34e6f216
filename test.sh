#!/usr/bin/env bash
# Builds the solution and runs every test; the last line printed is "N passed, N failed, N skipped".
# Extra arguments go to dotnet test, e.g.: ./test.sh --filter "FullyQualifiedName~Members"
# Environment (all optional):
#   MEMBERSHIP_TEST_PG            admin connection string for the test databases (default: the private
#                                 server of scripts/postgres.sh, Database=postgres; when set, that server is not started)
#   MEMBERSHIP_CHROMIUM           browser for the Playwright tests (default /usr/bin/chromium)
#   MEMBERSHIP_TEST_HANG_TIMEOUT  abort a test host when one test runs longer than this (default 10m)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$ROOT"
SOLUTION=Membership.sln
export DOTNET_NOLOGO=1

log() { printf 'test.sh: %s\n' "$*" >&2; }
summary() { printf '%d passed, %d failed, %d skipped\n' "$1" "$2" "$3"; }
# Fails before any test ran, still ending with the summary line.
abort() {
  log "error: $*"
  summary 0 0 0
  exit 1
}

is_root() { [[ $(id -u) -eq 0 ]]; }

as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo "$@"
  else
    return 1
  fi
}

is_debian() { grep -qx 'ID=debian' /etc/os-release 2>/dev/null; }

ensure_browser() {
  if [[ -n ${MEMBERSHIP_CHROMIUM:-} ]]; then
    [[ -x $MEMBERSHIP_CHROMIUM ]] || abort "MEMBERSHIP_CHROMIUM=$MEMBERSHIP_CHROMIUM is not an executable"
    return 0
  fi
  if [[ ! -x /usr/bin/chromium ]] && is_debian && as_root true; then
    log "installing Debian's chromium for the browser tests"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || abort "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2 || abort "apt-get install chromium failed"
  fi
  if [[ -x /usr/bin/chromium ]]; then
    MEMBERSHIP_CHROMIUM=/usr/bin/chromium
  else
    # Not Debian (e.g. Ubuntu CI runners, whose apt chromium is a snap): use a Chrome/Chromium already there.
    local name
    for name in chromium chromium-browser google-chrome-stable google-chrome; do
      if MEMBERSHIP_CHROMIUM="$(command -v "$name")"; then break; fi
    done
    [[ -n ${MEMBERSHIP_CHROMIUM:-} ]] ||
      abort "no Chromium for the browser tests: install it (Debian: sudo apt-get install chromium) or set MEMBERSHIP_CHROMIUM"
  fi
  export MEMBERSHIP_CHROMIUM
}

# Test projects: the solution's projects whose name ends in Tests (Foo.Tests, Foo.BrowserTests, ...).
test_projects() {
  dotnet sln "$SOLUTION" list 2>/dev/null | sed 's|\\|/|g' | grep -E 'Tests\.csproj$' || true
}

# Sums the <Counters> of the TRX files given and prints "passed failed skipped crashed". A test host
# that crashes leaves a TRX with outcome Failed and all counters 0: each such run is counted as crashed.
sum_trx() {
  awk '
    function count(s, name) {
      if (match(s, " " name "=\"[0-9]+\"")) {
        s = substr(s, RSTART, RLENGTH)
        gsub(/[^0-9]/, "", s)
        return s + 0
      }
      return 0
    }
    match($0, /<ResultSummary [^>]*>/) {
      s = substr($0, RSTART, RLENGTH)
      ok = (s ~ /outcome="(Completed|Warning)"/)
    }
    match($0, /<Counters [^>]*>/) {
      c = substr($0, RSTART, RLENGTH)
      f = count(c, "failed") + count(c, "error") + count(c, "timeout") + count(c, "aborted")
      passed += count(c, "passed") + count(c, "passedButRunAborted")
      failed += f
      # xunit skips show up as total - executed (notExecuted stays 0 in VSTest TRX files).
      skipped += count(c, "total") - count(c, "executed")
      if (!ok && f == 0) crashed++
    }
    END { printf "%d %d %d %d\n", passed, failed, skipped, crashed }
  ' "$@" </dev/null
}

command -v dotnet >/dev/null 2>&1 || abort "dotnet not found; install the .NET 10 SDK"

ensure_browser

if [[ -z ${MEMBERSHIP_TEST_PG:-} ]]; then
  scripts/postgres.sh start || abort "could not start PostgreSQL (scripts/postgres.sh start)"
  MEMBERSHIP_TEST_PG="$(scripts/postgres.sh url postgres)"
fi
export MEMBERSHIP_TEST_PG

log "building $SOLUTION (Debug)"
dotnet build "$SOLUTION" -c Debug || abort "build failed"

results="TestResults/run-$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$results"
log "running tests; TRX files go to $results"
set +e
dotnet test "$SOLUTION" --no-build -c Debug --logger trx --results-directory "$results" \
  --blame-hang-timeout "${MEMBERSHIP_TEST_HANG_TIMEOUT:-10m}" --blame-hang-dump-type none "$@"
test_rc=$?
set -e

trx_files=()
while IFS= read -r -d '' f; do trx_files+=("$f"); done < <(find "$results" -name '*.trx' -print0)

passed=0 failed=0 skipped=0 crashed=0
if ((${#trx_files[@]} > 0)); then
  read -r passed failed skipped crashed < <(sum_trx "${trx_files[@]}")
fi

status=0
if ((test_rc != 0)); then
  log "dotnet test exited with $test_rc"
  status=1
  # A test host that crashed or never started leaves no TRX naming its assembly.
  while IFS= read -r proj; do
    [[ -n $proj ]] || continue
    name="$(basename "$proj" .csproj)"
    if ((${#trx_files[@]} == 0)) || ! grep -qiF "$name.dll" "${trx_files[@]}"; then
      log "no test results from $name (its test host crashed or did not start; see the output above)"
    fi
  done < <(test_projects)
fi
if ((crashed > 0)); then
  log "$crashed test run(s) ended without results or a failed test (test host crashed, hung or did not start); each counts as 1 failed"
  failed=$((failed + crashed))
fi
if ((failed > 0)); then
  status=1
fi
if ((passed + failed == 0)); then
  log "no test was executed"
  status=1
fi

summary "$passed" "$failed" "$skipped"
exit "$status"
