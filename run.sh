#!/usr/bin/env bash
# Starts the Membership app on http://127.0.0.1:5080 with demo data and its private PostgreSQL.
# Stop it with Ctrl-C. Environment (all optional):
#   ConnectionStrings__Membership  use this database instead of the private one (scripts/postgres.sh)
#   ASPNETCORE_ENVIRONMENT         default Demo (seeds the demo accounts)
#   MEMBERSHIP_DEMO_PASSWORD       password of the demo accounts, default Membership!2026
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$ROOT"

APP_URL=http://127.0.0.1:5080
EMULATOR_URL=http://127.0.0.1:5081
EMULATOR_PROJECT=src/Membership.LineEmulator

log() { printf 'run.sh: %s\n' "$*" >&2; }

if ! command -v dotnet >/dev/null 2>&1; then
  log "error: dotnet not found; install the .NET 10 SDK (https://dot.net) and retry"
  exit 1
fi

if [[ -z ${ConnectionStrings__Membership:-} ]]; then
  scripts/postgres.sh start
  # Over the Unix socket: the app and its private server share this machine.
  ConnectionStrings__Membership="$(scripts/postgres.sh socket-url)"
fi
export ConnectionStrings__Membership
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Demo}"
export MEMBERSHIP_DEMO_PASSWORD="${MEMBERSHIP_DEMO_PASSWORD:-Membership!2026}"
export DOTNET_NOLOGO=1

# --- LINE emulator -------------------------------------------------------------------------------
# Optional fake LINE platform for demos, started beside the app when its project exists.
EMULATOR_PID=""
start_line_emulator() {
  [[ -d $EMULATOR_PROJECT ]] || return 0
  log "building the LINE emulator"
  if ! dotnet build "$EMULATOR_PROJECT" -c Release; then
    log "warning: the LINE emulator did not build; starting the app without it"
    return 0
  fi
  log "starting the LINE emulator on $EMULATOR_URL"
  # Own process group (setsid), so stop_line_emulator can end dotnet run together with the app it started.
  ASPNETCORE_ENVIRONMENT=Demo setsid dotnet run --no-build --no-launch-profile -c Release \
    --project "$EMULATOR_PROJECT" --urls "$EMULATOR_URL" &
  EMULATOR_PID=$!
  trap stop_line_emulator EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}
stop_line_emulator() {
  [[ -n $EMULATOR_PID ]] || return 0
  kill -TERM -- "-$EMULATOR_PID" 2>/dev/null || true
  wait "$EMULATOR_PID" 2>/dev/null || true
  EMULATOR_PID=""
}
# -------------------------------------------------------------------------------------------------

log "building src/Membership.Web (Release)"
dotnet build src/Membership.Web -c Release

start_line_emulator

emulator_line=""
[[ -z $EMULATOR_PID ]] || emulator_line="  LINE emulator: $EMULATOR_URL"$'\n'
cat <<EOF

  Membership is starting on $APP_URL (environment $ASPNETCORE_ENVIRONMENT)
  Demo accounts: owner@demo.local, marketer@demo.local, staff@demo.local
  Password:      $MEMBERSHIP_DEMO_PASSWORD
${emulator_line}  Stop with Ctrl-C.

EOF

app=(dotnet run --no-build --no-launch-profile -c Release --project src/Membership.Web --urls "$APP_URL")
if [[ -n $EMULATOR_PID ]]; then
  # Not exec: the EXIT trap has to stop the emulator once the app ends.
  "${app[@]}"
else
  exec "${app[@]}"
fi
