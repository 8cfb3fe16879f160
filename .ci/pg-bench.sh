#!/usr/bin/env bash
# Runs the engine benchmark on a throwaway PostgreSQL: the newest /usr/lib/postgresql/*/bin, a
# temporary data folder, a free loopback port, fsync on; stopped and deleted on exit.
# Usage: .ci/pg-bench.sh [bench options]   (build the jar first: ./mvnw -q -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -1)
[[ -x "$bin/initdb" ]] || { echo "no PostgreSQL binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2; exit 1; }
jar=orchestrator-bench/target/orchestrator-bench.jar
[[ -f "$jar" ]] || { echo "$jar is missing: ./mvnw -q -B package -DskipTests" >&2; exit 1; }

root=$(mktemp -d /tmp/orchestrator-pg-bench-XXXXXX)
as_pg=()
if [[ $(id -u) -eq 0 ]]; then   # PostgreSQL refuses to run as root
  chown postgres "$root"
  as_pg=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() {
  "${as_pg[@]}" "$bin/pg_ctl" -D "$root/data" stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$root"
}
trap stop EXIT

"${as_pg[@]}" "$bin/initdb" -D "$root/data" -U orchestrator --auth=trust -E UTF8 --no-locale >/dev/null
cat >> "$root/data/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$root'
max_connections = 200
shared_buffers = 256MB
CONF
"${as_pg[@]}" "$bin/pg_ctl" -D "$root/data" -l "$root/postgres.log" -w start >/dev/null
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (fsync on)"

JAVA_HOME="${JAVA_HOME:-$(bash .ci/find-jdk.sh)}"
ORCHESTRATOR_DB_USER=orchestrator ORCHESTRATOR_DB_PASSWORD='' \
  "$JAVA_HOME/bin/java" -jar "$jar" bench --db-url "jdbc:postgresql://127.0.0.1:$port/postgres" "$@"
