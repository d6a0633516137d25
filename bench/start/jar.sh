#!/usr/bin/env bash
# Time from launching the packaged application (`bin/gatehouse`, the README's production launch)
# to /healthz UP: on a fresh data folder (an empty GATEHOUSE_DATA_DIR: the embedded PostgreSQL's
# binaries unpacked, initdb, 18 migrations, first-boot bootstrap) and warm (the same folder again).
# Prints every run, then the medians against issue 13's goals (fresh 10 s, warm 6 s). See README.md
# next to this script.
#
# Knobs (environment): ROUNDS (3: each round is one fresh run then WARM warm runs), WARM (2),
# GATEHOUSE_ENV (production, with secrets generated for the bench; development adds the demo
# company), STARTUP_TIMEOUT seconds (180), GATEHOUSE_JAVA_OPTS (passed to bin/gatehouse),
# LAUNCH=jar (plain `java -jar target/gatehouse.jar` instead of bin/gatehouse, for comparison),
# GATEHOUSE_AOT=off (bin/gatehouse without the JDK's AOT cache), KEEP_LOGS (a directory: each run's
# log is copied there).
set -euo pipefail

ROUNDS=${ROUNDS:-3}
WARM=${WARM:-2}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-180}
LAUNCH=${LAUNCH:-bin}
FRESH_GOAL=10
WARM_GOAL=6

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
# shellcheck source=../lib.sh
. "$SCRIPT_DIR/../lib.sh"
JAR="$ROOT/target/gatehouse.jar"
WORK="$ROOT/target/bench-start-jar"

die() { echo "bench/start/jar: $*" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || die "curl not found (apt-get install -y curl)."
command -v bc >/dev/null 2>&1 || die "bc not found (apt-get install -y bc)."
JAVA=$(find_java) || die "no JDK 25+ found. Set GATEHOUSE_JAVA=/path/to/jdk-25/bin/java or JAVA_HOME to a JDK 25."
JDK_HOME=$(cd "$(dirname "$JAVA")/.." && pwd)
export JAVA_HOME="$JDK_HOME" PATH="$JDK_HOME/bin:$PATH"

if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -type f -print -quit)" ]]; then
    echo "bench/start/jar: $JAR missing or stale, building it (./mvnw -q package -DskipTests) ..." >&2
    (cd "$ROOT" && ./mvnw -q -B -ntp package -DskipTests -Djacoco.skip=true) || die "build failed"
fi

SERVER_PORT=$(free_port)
MANAGEMENT_PORT=$(free_port)
while [[ "$MANAGEMENT_PORT" == "$SERVER_PORT" ]]; do MANAGEMENT_PORT=$(free_port); done
export SERVER_PORT MANAGEMENT_PORT SERVER_ADDRESS=127.0.0.1 MANAGEMENT_ADDRESS=127.0.0.1
export PUBLIC_URL="http://127.0.0.1:$SERVER_PORT"
export GATEHOUSE_ENV=${GATEHOUSE_ENV:-production}
# Its own data folder and working folder (no .env of the checkout is read), never your data/.
export GATEHOUSE_DATA_DIR="$WORK/data"
if [[ "$GATEHOUSE_ENV" == "production" ]]; then
    command -v openssl >/dev/null 2>&1 || die "openssl not found (apt-get install -y openssl), or GATEHOUSE_ENV=development."
    APP_KEY=$(openssl rand -base64 32) CREDENTIAL_ENC_KEY=$(openssl rand -base64 32)
    TOKEN_HMAC_SECRET=$(openssl rand -base64 32)
    export APP_KEY CREDENTIAL_ENC_KEY TOKEN_HMAC_SECRET
fi
TICKS=$(getconf CLK_TCK)

PID=
stop() {
    if [[ -n "$PID" ]]; then
        kill -TERM "$PID" 2>/dev/null || true
        for _ in $(seq 1 1200); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
        PID=
    fi
    # A killed JVM leaves its postmaster: stop the one of our data folder only.
    local pm="$GATEHOUSE_DATA_DIR/postgres/postmaster.pid" ppid
    if [[ -f "$pm" ]]; then
        ppid=$(head -n1 "$pm" 2>/dev/null || true)
        if [[ "$ppid" =~ ^[0-9]+$ ]] && kill -0 "$ppid" 2>/dev/null; then kill -TERM "$ppid" 2>/dev/null || true; sleep 2; fi
    fi
}
trap stop EXIT

now() { date +%s.%N; }
FRESH=() WARMS=()

# One launch: prints "<name> <seconds to UP> (JVM CPU, Spring's own figure, stop, load)".
measure() {
    local name=$1 log="$WORK/$1.log" start up cpu spring stopped load
    load=$(cut -d' ' -f1 /proc/loadavg)
    start=$(now)
    if [[ "$LAUNCH" == "jar" ]]; then
        # shellcheck disable=SC2086 # GATEHOUSE_JAVA_OPTS is a list of options
        (cd "$WORK/run" && exec "$JAVA" ${GATEHOUSE_JAVA_OPTS:-} -jar "$JAR") >"$log" 2>&1 &
    else
        (cd "$WORK/run" && exec "$ROOT/bin/gatehouse") >"$log" 2>&1 &
    fi
    PID=$!
    while ! curl -s --max-time 2 "http://127.0.0.1:$MANAGEMENT_PORT/healthz" 2>/dev/null | grep -q '"UP"'; do
        kill -0 "$PID" 2>/dev/null || { tail -n 30 "$log" >&2; die "$name: the application ended before /healthz answered UP (log: $log)"; }
        (( $(echo "$(now) - $start > $STARTUP_TIMEOUT" | bc) )) && die "$name: no UP within ${STARTUP_TIMEOUT}s (log: $log)"
        sleep 0.05
    done
    up=$(echo "$(now) - $start" | bc)
    # The JVM's own processor time so far (user + system; the postmaster's is not counted).
    cpu=$(awk -v t="$TICKS" '{ printf "%.1f", ($14 + $15) / t }' "/proc/$PID/stat" 2>/dev/null || echo '?')
    spring=$(grep -Eo 'Started GatehouseApplication in [0-9.]+' "$log" | grep -Eo '[0-9.]+$' || echo '?')
    local t0; t0=$(now)
    stop
    stopped=$(echo "$(now) - $t0" | bc)
    [[ -n "${KEEP_LOGS:-}" ]] && mkdir -p "$KEEP_LOGS" && cp "$log" "$KEEP_LOGS/"
    printf '%-8s %6.2f s to UP   (JVM CPU %s s; Spring "Started in" %s s; stopped in %.1f s; load %s)\n' \
        "$name" "$up" "$cpu" "$spring" "$stopped" "$load"
    LAST=$up
}

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
verdict() { if (( $(echo "$1 <= $2" | bc) )); then echo "met"; else echo "NOT met"; fi; }

mkdir -p "$WORK/run"
echo "bench/start/jar on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); launch: $LAUNCH, GATEHOUSE_ENV=$GATEHOUSE_ENV, $("$JAVA" -version 2>&1 | head -n1)"
AOT="$ROOT/target/gatehouse-aot"
if [[ "$LAUNCH" != "jar" && "${GATEHOUSE_AOT:-on}" != "off" ]] \
    && { [[ ! -f "$AOT/gatehouse.aot" && ! -f "$AOT/gatehouse.aot.new" ]] || [[ "$JAR" -nt "$AOT/extracted" ]]; }; then
    # bin/gatehouse has no AOT cache for this jar yet: this launch extracts the jar and records
    # one, written as it stops (its "stopped in"). Reported, not counted in the medians.
    rm -rf "$GATEHOUSE_DATA_DIR"
    measure record
fi
for r in $(seq 1 "$ROUNDS"); do
    rm -rf "$GATEHOUSE_DATA_DIR"
    measure "fresh-$r"; FRESH+=("$LAST")
    for w in $(seq 1 "$WARM"); do
        measure "warm-$r.$w"; WARMS+=("$LAST")
    done
done
f=$(median "${FRESH[@]}") w=$(median "${WARMS[@]}")
printf 'fresh data folder: median %.2f s to UP over %d runs (goal %d s: %s, %.2fx the goal)\n' "$f" "${#FRESH[@]}" "$FRESH_GOAL" "$(verdict "$f" "$FRESH_GOAL")" "$(echo "$f / $FRESH_GOAL" | bc -l)"
printf 'warm data folder:  median %.2f s to UP over %d runs (goal %d s: %s, %.2fx the goal)\n' "$w" "${#WARMS[@]}" "$WARM_GOAL" "$(verdict "$w" "$WARM_GOAL")" "$(echo "$w / $WARM_GOAL" | bc -l)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
