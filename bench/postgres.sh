# Sourced by the benches: `start_postgres NAME` starts a throwaway PostgreSQL (Debian's
# binaries, `scripts/setup --postgres`) in a temporary directory, listening only on a Unix
# socket there, with the server's default durability (fsync on), creates database NAME and
# sets PG_URL; the server and its directory go when the script exits. Never the machine's
# own cluster.
start_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DIR=$(mktemp -d /tmp/baiqau-bench-pg.XXXXXX)
  PG_AS=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$PG_DIR"
    PG_AS=(runuser -u postgres --)
  fi
  PG_BIN=$bin
  "${PG_AS[@]}" "$bin/initdb" -U baiqau -A trust -E UTF8 --locale=C -D "$PG_DIR/data" >/dev/null
  "${PG_AS[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-k $PG_DIR -c listen_addresses= -c max_connections=300 -c shared_buffers=256MB" start >/dev/null
  trap stop_postgres EXIT
  "${PG_AS[@]}" "$bin/createdb" -h "$PG_DIR" -U baiqau "$1"
  PG_URL="postgres://baiqau@localhost/$1?host=$PG_DIR"
}

stop_postgres() {
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
