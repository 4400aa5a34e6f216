#!/usr/bin/env bash
# Private PostgreSQL cluster for development and tests.
# Usage: scripts/postgres.sh start|stop|status|url [database]
#   start   ensure the server runs and the role/database/pg_trgm exist (messages on stderr only)
#   stop    stop the server (fast shutdown)
#   status  print whether it runs (exit 0 running, 3 stopped)
#   url     print the Npgsql connection string (database defaults to membership)
#   socket-url  the same over the server's Unix socket: for a client on this machine, cheaper per round trip than TCP
# Env: MEMBERSHIP_PG_PORT (default 55432).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
PORT="${MEMBERSHIP_PG_PORT:-55432}"
APP_ROLE=membership
APP_PASSWORD=membership
APP_DB=membership

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

is_root() { [[ $(id -u) -eq 0 ]]; }

# Runs a command as the cluster owner: postgres when we are root (initdb/pg_ctl refuse root), else ourselves.
as_pg() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# apt-get as root, through sudo when we are not root and sudo needs no password.
apt_install() {
  local sudo=()
  if ! is_root; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo)
    else
      return 1
    fi
  fi
  command -v apt-get >/dev/null 2>&1 || return 1
  log "installing $* with apt-get"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
}

PGBIN=
find_pgbin() {
  local candidate dir
  if candidate="$(command -v pg_ctl 2>/dev/null)"; then
    dir="$(dirname "$(readlink -f "$candidate")")"
    if [[ -x $dir/initdb && -x $dir/postgres ]]; then
      PGBIN="$dir"
      return 0
    fi
  fi
  candidate="$(
    for dir in /usr/lib/postgresql/*/bin; do
      if [[ -x $dir/pg_ctl && -x $dir/initdb ]]; then printf '%s\n' "$dir"; fi
    done | sort -V | tail -n 1
  )"
  [[ -n $candidate ]] || return 1
  PGBIN="$candidate"
}

ensure_pgbin() {
  find_pgbin && return 0
  apt_install postgresql postgresql-contrib ||
    die "PostgreSQL server binaries not found (no pg_ctl on PATH, nothing in /usr/lib/postgresql/*/bin); install PostgreSQL (Debian/Ubuntu: apt-get install postgresql postgresql-contrib) and retry"
  find_pgbin || die "PostgreSQL was installed but no pg_ctl/initdb was found"
}

# Where the cluster lives. Root runs the server as postgres, which must be able to reach the folder;
# when the project sits under a path postgres cannot traverse, use a folder under /var/tmp instead.
BASE=
FALLBACK=0
pick_base() {
  BASE="$ROOT/.data/postgres"
  is_root || return 0
  id -u postgres >/dev/null 2>&1 ||
    die "running as root needs the 'postgres' system user (created by the Debian postgresql package)"
  local probe="$ROOT"
  [[ -d $ROOT/.data ]] && probe="$ROOT/.data"
  if ! runuser -u postgres -- test -x "$probe" 2>/dev/null; then
    local hash
    hash="$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
    BASE="/var/tmp/membership-pg-$hash"
    FALLBACK=1
  fi
}

DATA="" SOCK="" LOGFILE=""
set_paths() {
  DATA="$BASE/data"
  LOGFILE="$BASE/server.log"
  SOCK="$BASE/run"
  # Unix socket paths are limited to ~107 bytes.
  if ((${#SOCK} + 20 > 100)); then
    SOCK="/tmp/membership-pg-$(printf '%s' "$BASE" | sha256sum | cut -c1-12)"
  fi
}

make_dirs() {
  if is_root; then
    if [[ $FALLBACK -eq 1 ]]; then
      log "postgres cannot reach $ROOT; keeping the cluster in $BASE instead"
    else
      [[ -d $ROOT/.data ]] || mkdir -m 755 "$ROOT/.data"
    fi
    install -d -o postgres -g postgres -m 700 "$BASE" "$SOCK"
  else
    mkdir -p "$BASE" "$SOCK"
    chmod 700 "$BASE" "$SOCK"
  fi
}

# Prints the postmaster pid when the server of this data directory is alive. A postmaster.pid left by
# a crash or reboot may name a pid that now belongs to another process: check it is postgres in $DATA.
live_pid() {
  local pid cwd
  [[ -r $DATA/postmaster.pid ]] || return 1
  read -r pid <"$DATA/postmaster.pid" || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == postgres ]] || return 1
  cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null)" || return 1
  [[ $cwd == "$(cd "$DATA" && pwd -P)" ]] || return 1
  printf '%s\n' "$pid"
}

remove_stale_pidfile() {
  [[ -e $DATA/postmaster.pid ]] || return 0
  log "removing stale $DATA/postmaster.pid"
  as_pg rm -f "$DATA/postmaster.pid" "$SOCK/.s.PGSQL.$PORT.lock"
}

init_cluster() {
  log "creating cluster in $DATA"
  local locale=(--locale=C.UTF-8)
  # C.UTF-8 keeps Unicode letters as word characters for pg_trgm; plain C if the locale is missing.
  locale -a 2>/dev/null | grep -iE '^c\.utf-?8$' >/dev/null || locale=(--no-locale)
  as_pg "$PGBIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 "${locale[@]}" >"$BASE/initdb.log" 2>&1 || {
    cat "$BASE/initdb.log" >&2
    die "initdb failed"
  }
  as_pg tee "$DATA/pg_hba.conf" >/dev/null <<'EOF'
# Written by scripts/postgres.sh: trust on the private socket, passwords over TCP.
local   all  all                 trust
host    all  all  127.0.0.1/32   scram-sha-256
host    all  all  ::1/128        scram-sha-256
EOF
  as_pg tee -a "$DATA/postgresql.conf" >/dev/null <<'EOF'

# scripts/postgres.sh: development/test settings
max_connections = 300
synchronous_commit = off
EOF
}

start_server() {
  log "starting server on 127.0.0.1:$PORT"
  # 9>&- : the server must not inherit (and so hold forever) the start lock.
  if ! as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$LOGFILE" -w -t 60 \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k '$SOCK'" start >&2 9>&-; then
    tail -n 30 "$LOGFILE" >&2 || true
    die "server did not start (log: $LOGFILE)"
  fi
}

wait_ready() {
  local i
  for ((i = 0; i < 300; i++)); do
    "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && return 0
    sleep 0.1
  done
  die "server in $DATA runs but does not answer on 127.0.0.1:$PORT (is it running on another port? try: $0 stop)"
}

provision() {
  PGOPTIONS="-c client_min_messages=warning" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PORT" -U postgres -d postgres >/dev/null <<EOF
SELECT format('CREATE ROLE %I', '$APP_ROLE') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_ROLE')\gexec
ALTER ROLE $APP_ROLE WITH LOGIN CREATEDB SUPERUSER PASSWORD '$APP_PASSWORD';
\c template1
CREATE EXTENSION IF NOT EXISTS pg_trgm;
\c postgres
SELECT format('CREATE DATABASE %I OWNER %I', '$APP_DB', '$APP_ROLE') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$APP_DB')\gexec
\c $APP_DB
CREATE EXTENSION IF NOT EXISTS pg_trgm;
EOF
}

cmd_start() {
  ensure_pgbin
  pick_base
  set_paths
  make_dirs
  # Serialise concurrent starts (run.sh and test.sh at once).
  exec 9>>"$BASE/.lock"
  command -v flock >/dev/null 2>&1 && flock 9
  [[ -f $DATA/PG_VERSION ]] || init_cluster
  if live_pid >/dev/null; then
    wait_ready
  else
    remove_stale_pidfile
    start_server
    wait_ready
  fi
  provision || die "could not create role/database/pg_trgm (log: $LOGFILE)"
}

cmd_stop() {
  find_pgbin || die "PostgreSQL binaries not found"
  pick_base
  set_paths
  if live_pid >/dev/null; then
    as_pg "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >&2
  else
    log "not running"
  fi
}

cmd_status() {
  pick_base
  set_paths
  local pid
  if pid="$(live_pid)"; then
    printf 'running (pid %s) on 127.0.0.1:%s, data %s\n' "$pid" "$PORT" "$DATA"
  else
    printf 'stopped (data %s)\n' "$DATA"
    exit 3
  fi
}

cmd_url() {
  printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s\n' \
    "$PORT" "${1:-$APP_DB}" "$APP_ROLE" "$APP_PASSWORD"
}

cmd_socket_url() {
  pick_base
  set_paths
  printf 'Host=%s;Port=%s;Database=%s;Username=%s;Password=%s\n' \
    "$SOCK" "$PORT" "${1:-$APP_DB}" "$APP_ROLE" "$APP_PASSWORD"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) cmd_url "${2:-}" ;;
  socket-url) cmd_socket_url "${2:-}" ;;
  *)
    echo "usage: $0 start|stop|status|url|socket-url [database]" >&2
    exit 2
    ;;
esac
