#!/usr/bin/env bash
# Time from `./mvnw spring-boot:run` to /healthz UP: a first run (no compiled classes, no data
# folder: what a fresh clone costs once Maven's libraries are cached) and restarts with no change
# (what a developer waits for each time). Also reports what the restarts compiled, which must be
# nothing. See README.md next to this script.
#
# Knobs (environment): RESTARTS (2), SERVER_PORT (18080), MANAGEMENT_PORT (19090),
# STARTUP_TIMEOUT seconds (300), FIRST=no (skip the first run: keep target/ and the data folder),
# MVN_ARGS (extra Maven arguments), KEEP_LOGS (a directory: each run's log is copied there).
set -euo pipefail

RESTARTS=${RESTARTS:-2}
export SERVER_PORT=${SERVER_PORT:-18080}
export MANAGEMENT_PORT=${MANAGEMENT_PORT:-19090}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-300}
FIRST=${FIRST:-yes}
MVN_ARGS=${MVN_ARGS:-}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
WORK="$ROOT/target/bench-start"
# The bench's own data folder, so a developer's data/ is never touched.
export GATEHOUSE_DATA_DIR="$WORK/data"
export PUBLIC_URL="http://localhost:$SERVER_PORT"

die() { echo "bench/start: $*" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || die "curl not found (apt-get install -y curl)."
for port in "$SERVER_PORT" "$MANAGEMENT_PORT"; do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
        die "port $port is taken; choose others with SERVER_PORT=… MANAGEMENT_PORT=…"
    fi
done

now() { date +%s.%N; }
RUN_PID=
stop() {
    if [[ -n "$RUN_PID" ]]; then
        # Maven and the application it forked share one process group (setsid below).
        kill -TERM -- "-$RUN_PID" 2>/dev/null || true
        # Up to 60 s: a JVM that started without a valid class-data sharing archive writes one as
        # it exits, and the next restart depends on it (docs/adr/0017).
        for _ in $(seq 1 600); do
            kill -0 -- "-$RUN_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL -- "-$RUN_PID" 2>/dev/null || true
        RUN_PID=
    fi
}
trap stop EXIT

# One `./mvnw spring-boot:run`: prints "<seconds to UP> <compiled-or-not summary>".
measure() {
    local name=$1 log="$WORK/$1.log" start up
    start=$(now)
    # shellcheck disable=SC2086
    (cd "$ROOT" && exec setsid ./mvnw -B -ntp $MVN_ARGS spring-boot:run) >"$log" 2>&1 &
    RUN_PID=$!
    while :; do
        if curl -s "http://127.0.0.1:$MANAGEMENT_PORT/healthz" 2>/dev/null | grep -q '"UP"'; then
            break
        fi
        kill -0 "$RUN_PID" 2>/dev/null || { tail -n 30 "$log" >&2; die "$name: the run ended before /healthz answered UP (log: $log)"; }
        (( $(echo "$(now) - $start > $STARTUP_TIMEOUT" | bc) )) && die "$name: no UP within ${STARTUP_TIMEOUT}s (log: $log)"
        sleep 0.05
    done
    up=$(now)
    stop
    STOPPED=$(echo "$(now) - $up" | bc)
    [[ -n "${KEEP_LOGS:-}" ]] && mkdir -p "$KEEP_LOGS" && cp "$log" "$KEEP_LOGS/"
    local compiled
    compiled=$(grep -Eo 'Compiling [0-9]+ source files[^ ]*|Nothing to compile' "$log" | sed 's/ source files.*//' | paste -sd, - || true)
    local spring
    spring=$(grep -Eo 'Started GatehouseApplication in [0-9.]+ seconds' "$log" | grep -Eo '[0-9.]+' || echo '?')
    printf '%-10s %6.1f s to UP   (Spring: %s s; main, test compile: %s; stopped in %.1f s)\n' "$name" "$(echo "$up - $start" | bc)" "$spring" "$compiled" "$STOPPED"
}

mkdir -p "$WORK"
echo "bench/start on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); ports $SERVER_PORT/$MANAGEMENT_PORT"
if [[ "$FIRST" != "no" ]]; then
    # A fresh clone: nothing compiled, no data folder (Maven's libraries stay cached).
    (cd "$ROOT" && ./mvnw -q -B -ntp clean) >/dev/null
    mkdir -p "$WORK"
    rm -rf "$GATEHOUSE_DATA_DIR"
    measure first
fi
for i in $(seq 1 "$RESTARTS"); do
    measure "restart-$i"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
