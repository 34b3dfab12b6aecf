#!/usr/bin/env bash
# A project-local PostgreSQL cluster for development and tests.
#   postgres.sh start   initialise (first time) and start the cluster, create the zajedno database
#   postgres.sh stop    stop it
#   postgres.sh url     print the DATABASE_URL of the zajedno database
#   postgres.sh admin-url  print the URL of the maintenance database (tests create databases there)
# The cluster lives in .local/pg (git-ignored); when the postgres user cannot reach the
# checkout (a home directory with mode 700), it lives in /var/tmp instead.
set -euo pipefail

cmd=${1:-start}
root=$(cd "$(dirname "$0")/../.." && pwd)
port=${ZAJEDNO_PG_PORT:-55432}
say() { printf '[postgres] %s\n' "$*" >&2; }

case "$cmd" in
  url) echo "postgres://postgres@127.0.0.1:${port}/zajedno?sslmode=disable"; exit 0 ;;
  admin-url) echo "postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable"; exit 0 ;;
esac

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin=$(pg_bin)
if [ -z "$bin" ]; then
  if [ "$(id -u)" = 0 ]; then
    say "PostgreSQL is not installed: installing it with apt-get (this takes a minute)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(pg_bin)
  else
    say "PostgreSQL is not installed. Install it, then run this again:"
    say "  sudo apt-get install -y postgresql"
    exit 1
  fi
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

dir="$root/.local/pg"
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$root"; then
  dir="/var/tmp/zajedno-pg-$(printf '%s' "$root" | sha256sum | cut -c1-12)"
fi
data="$dir/data"

running() { [ -f "$data/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

case "$cmd" in
  start)
    if [ ! -f "$data/PG_VERSION" ]; then
      say "creating a local cluster in $dir"
      mkdir -p "$dir/run"
      [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
      as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
      cat >>"$data/postgresql.conf" <<CONF
# zajedno local development cluster: loopback only
listen_addresses = '127.0.0.1'
port = ${port}
unix_socket_directories = '${dir}/run'
max_connections = 300
shared_buffers = 256MB
CONF
    fi
    if running; then
      say "already running on 127.0.0.1:${port}"
    else
      say "starting on 127.0.0.1:${port}"
      if ! as_pg "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
        say "PostgreSQL did not start. The end of its log ($dir/server.log):"
        tail -n 5 "$dir/server.log" >&2 || true
        say "If another server uses port ${port}, stop it or choose another port: ZAJEDNO_PG_PORT=55433 make run"
        exit 1
      fi
    fi
    if ! as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='zajedno'" | grep -q 1; then
      as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres zajedno
      say "created database zajedno"
    fi
    ;;
  stop)
    if running; then as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; say "stopped"; else say "not running"; fi
    ;;
  *) say "usage: $0 start|stop|url|admin-url"; exit 2 ;;
esac
