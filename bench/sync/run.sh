#!/usr/bin/env bash
# Items per minute one company sends to a portal answering in 50 ms, and the node's peak heap:
# 10,000 payments and 10,000 purchase orders in H2, the fake portal, the node at its default
# settings, the company's cycle run again and again until every item is sent. See README.md next to
# this script.
#
# Knobs (environment): PAYMENTS (10000), ORDERS (10000), PORTAL_DELAY_MS (50), MAX_MINUTES (60),
# JAVA_OPTS (-Xmx256m: the node's JVM), WORLD_JAVA_OPTS (-Xmx1g: H2 and the fake portal),
# PORTAL_CONCURRENCY (unset: passed to the node as SYNC_PORTAL_CONCURRENCY when set),
# GATEHOUSE_JAVA (path to a JDK 25+ java), KEEP_LOGS (a directory: the node's and the world's logs
# are copied there).
set -euo pipefail

PAYMENTS=${PAYMENTS:-10000}
ORDERS=${ORDERS:-10000}
PORTAL_DELAY_MS=${PORTAL_DELAY_MS:-50}
MAX_MINUTES=${MAX_MINUTES:-60}
JAVA_OPTS=${JAVA_OPTS:--Xmx256m}
WORLD_JAVA_OPTS=${WORLD_JAVA_OPTS:--Xmx1g}
PORTAL_CONCURRENCY=${PORTAL_CONCURRENCY:-}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
# shellcheck source=../lib.sh
. "$SCRIPT_DIR/../lib.sh"
WORK="$ROOT/target/bench-sync"

die() { echo "bench/sync: $*" >&2; exit 1; }

for v in PAYMENTS ORDERS PORTAL_DELAY_MS MAX_MINUTES; do
    [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a whole number, was '${!v}'"
done
[[ -z "$PORTAL_CONCURRENCY" || "$PORTAL_CONCURRENCY" =~ ^[1-9][0-9]*$ ]] \
    || die "PORTAL_CONCURRENCY must be a positive whole number, was '$PORTAL_CONCURRENCY'"

JAVA=$(find_java) || die "no JDK 25+ found. Set GATEHOUSE_JAVA=/path/to/jdk-25/bin/java or JAVA_HOME to a JDK 25 (e.g. Temurin 25)."
JDK_HOME=$(cd "$(dirname "$JAVA")/.." && pwd)

mkdir -p "$WORK"
echo "bench/sync: compiling the tests and resolving their classpath (./mvnw test-compile) ..." >&2
# The JDK first on PATH too: the build's formatter step runs `java`, which must be that JDK's.
(cd "$ROOT" && export JAVA_HOME="$JDK_HOME" PATH="$JDK_HOME/bin:$PATH" \
    && ./mvnw -q -B -ntp test-compile -Djacoco.skip=true \
    && ./mvnw -q -B -ntp dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt") >"$WORK/build.log" 2>&1 \
    || { tail -n 30 "$WORK/build.log" >&2; die "build failed (log: $WORK/build.log)"; }

cleanup() {
    local rc=$?
    if [[ -n "${KEEP_LOGS:-}" ]]; then
        mkdir -p "$KEEP_LOGS"
        cp "$WORK"/node.log "$WORK"/world.log "$KEEP_LOGS"/ 2>/dev/null || true
        echo "bench/sync: logs kept in $KEEP_LOGS" >&2
    fi
    exit "$rc"
}
trap cleanup EXIT

# The bench's own process (the node) starts the world's (H2 and the fake portal) and ends it.
# shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM flags
"$JAVA" $JAVA_OPTS -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/classpath.txt")" \
    -Dbench.payments="$PAYMENTS" -Dbench.orders="$ORDERS" -Dbench.delayMs="$PORTAL_DELAY_MS" \
    -Dbench.maxMinutes="$MAX_MINUTES" -Dbench.concurrency="$PORTAL_CONCURRENCY" \
    -Dbench.worldOpts="$WORLD_JAVA_OPTS" -Dbench.dir="$WORK" \
    dev.gatehouse.erpsync.SyncBench
