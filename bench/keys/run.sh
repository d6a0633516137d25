#!/usr/bin/env bash
# Throughput and latency of an authenticated GET /v1/whoami against an unauthenticated
# GET /healthz on the same Gatehouse process, measured with wrk over loopback.
# See README.md next to this script. All load targets 127.0.0.1 only.
#
# Knobs (environment): DURATION (20s), WARMUP (10s), CONNECTIONS ("32 64": every count is measured
# in the same run, on the same services), THREADS (2),
# STARTUP_TIMEOUT seconds (180), JAVA_OPTS (empty), GATEHOUSE_JAVA (path to a JDK 25+ java),
# KEEP_LOGS (a directory: service logs and raw wrk output are copied there before clean-up).
set -euo pipefail

DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-32 64}
read -r -a CONNECTION_COUNTS <<<"${CONNECTIONS//,/ }"
for c in "${CONNECTION_COUNTS[@]}"; do
    [[ "$c" =~ ^[1-9][0-9]*$ ]] || { echo "bench/keys: CONNECTIONS must list positive integers, was '$CONNECTIONS'" >&2; exit 1; }
done
THREADS=${THREADS:-2}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-180}
JAVA_OPTS=${JAVA_OPTS:-}
# Bench settings. The per-key limit is raised to the maximum WebSettings accepts (1,000,000 per
# minute, about 16.7k requests/s) so the limiter is exercised but does not refuse requests.
BENCH_KEY_PER_MINUTE=${BENCH_KEY_PER_MINUTE:-1000000}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
# shellcheck source=../lib.sh
. "$SCRIPT_DIR/../lib.sh"
JAR="$ROOT/target/gatehouse.jar"

die() { echo "bench/keys: $*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------------
command -v wrk >/dev/null 2>&1 || die "wrk not found. Install it, e.g. 'apt-get update && apt-get install -y wrk' (Debian/Ubuntu) or 'brew install wrk'."
command -v curl >/dev/null 2>&1 || die "curl not found (apt-get install -y curl)."

JAVA=$(find_java) || die "no JDK 25+ found. Set GATEHOUSE_JAVA=/path/to/jdk-25/bin/java or JAVA_HOME to a JDK 25 (e.g. Temurin 25)."
JDK_HOME=$(cd "$(dirname "$JAVA")/.." && pwd)

if [[ ! -f "$JAR" ]]; then
    echo "bench/keys: $JAR missing, building it (./mvnw -q package -DskipTests) ..."
    (cd "$ROOT" && JAVA_HOME="$JDK_HOME" PATH="$JDK_HOME/bin:$PATH" ./mvnw -q package -DskipTests) || die "build failed"
    [[ -f "$JAR" ]] || die "build did not produce $JAR"
fi

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# --- lifecycle ---------------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-bench-keys.XXXXXX")
PID=""
RUN_DIR=""

stop_service() {
    if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then
        kill -TERM "$PID" 2>/dev/null || true
        local i
        for i in $(seq 1 30); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
        kill -0 "$PID" 2>/dev/null && kill -KILL "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
    fi
    PID=""
    # The embedded PostgreSQL normally stops with the JVM; if the JVM had to be killed, stop the
    # postmaster of *our* data directory only (its pid is in postmaster.pid).
    if [[ -n "$RUN_DIR" ]]; then
        local pm
        for pm in $(find "$RUN_DIR" -name postmaster.pid 2>/dev/null); do
            local ppid; ppid=$(head -n1 "$pm" 2>/dev/null || true)
            if [[ "$ppid" =~ ^[0-9]+$ ]] && kill -0 "$ppid" 2>/dev/null; then
                kill -TERM "$ppid" 2>/dev/null || true
                sleep 2
                kill -0 "$ppid" 2>/dev/null && kill -KILL "$ppid" 2>/dev/null || true
            fi
        done
    fi
}
cleanup() {
    local rc=$?
    stop_service
    if (( rc != 0 )) && [[ -n "$RUN_DIR" && -f "$RUN_DIR/service.log" ]]; then
        echo "--- last 20 service log lines ($RUN_DIR/service.log) ---" >&2
        tail -n 20 "$RUN_DIR/service.log" | cut -c1-400 >&2 || true
    fi
    if [[ -n "${KEEP_LOGS:-}" ]]; then
        mkdir -p "$KEEP_LOGS"
        cp "$WORK"/*.wrk "$KEEP_LOGS"/ 2>/dev/null || true
        local d
        for d in "$WORK"/*/; do
            [[ -f "$d/service.log" ]] && cp "$d/service.log" "$KEEP_LOGS/$(basename "$d").service.log"
        done
        echo "bench/keys: logs kept in $KEEP_LOGS" >&2
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM


# start_service NAME BACKEND: fresh data dir, free ports; sets PORT, MGMT, KEY, RUN_DIR, PID.
start_service() {
    local name=$1 backend=$2
    RUN_DIR="$WORK/$name"; mkdir -p "$RUN_DIR"
    PORT=$(free_port); MGMT=$(free_port)
    while [[ "$MGMT" == "$PORT" ]]; do MGMT=$(free_port); done
    echo "bench/keys: starting service [$name] RATE_LIMIT_BACKEND=$backend port=$PORT management=$MGMT data=$RUN_DIR/data" >&2
    (
        cd "$RUN_DIR"
        # shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM flags
        GATEHOUSE_DATA_DIR="$RUN_DIR/data" SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$PORT" \
        MANAGEMENT_ADDRESS=127.0.0.1 MANAGEMENT_PORT="$MGMT" PUBLIC_URL="http://127.0.0.1:$PORT" \
        RATE_LIMIT_BACKEND="$backend" RATE_LIMIT_KEY_PER_MINUTE="$BENCH_KEY_PER_MINUTE" \
            exec "$JAVA" $JAVA_OPTS -jar "$JAR"
    ) >"$RUN_DIR/service.log" 2>&1 &
    PID=$!
    local t0=$SECONDS
    KEY=""
    while (( SECONDS - t0 < STARTUP_TIMEOUT )); do
        kill -0 "$PID" 2>/dev/null || die "service [$name] exited during startup (see log below)"
        KEY=$(sed -n 's/^Tenant admin key: *//p' "$RUN_DIR/service.log" | head -n1 | tr -d '[:space:]')
        if [[ -n "$KEY" ]] && curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$MGMT/healthz" 2>/dev/null; then
            break
        fi
        sleep 1
    done
    [[ -n "$KEY" ]] || die "service [$name] did not print 'Tenant admin key:' within ${STARTUP_TIMEOUT}s"
    curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$MGMT/healthz" \
        || die "service [$name] /healthz not healthy within ${STARTUP_TIMEOUT}s"
    # Prove the ports are ours (another process could have grabbed a port between check and bind).
    local code
    code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 5 -H "Authorization: Bearer $KEY" \
        "http://127.0.0.1:$PORT/v1/whoami") || true
    [[ "$code" == 200 ]] || die "service [$name] GET /v1/whoami with the admin key answered $code, expected 200"
    if command -v ss >/dev/null 2>&1; then
        ss -ltnpH "sport = :$MGMT" 2>/dev/null | grep -q "pid=$PID," \
            || die "management port $MGMT is not owned by our service (pid $PID)"
    fi
    echo "bench/keys: service [$name] up after $(( SECONDS - t0 ))s" >&2
}

# --- wrk ---------------------------------------------------------------------------------------

# run_wrk SLUG LABEL CONNECTIONS URL [AUTH]: runs wrk once, stores results in R_<field>; raw output
# in $WORK/SLUG.wrk
run_wrk() {
    local label=$2 conns=$3 url=$4 auth=${5:-} out="$WORK/$1.wrk"
    local -a hdr=()
    [[ -n "$auth" ]] && hdr=(-H "Authorization: Bearer $auth")
    wrk -t"$THREADS" -c"$conns" -d"$DURATION" --timeout 5s --latency "${hdr[@]}" "$url" >"$out" 2>&1 \
        || { cat "$out" >&2; die "wrk failed for $label"; }
    R_RPS=$(awk '/^Requests\/sec:/ {print $2}' "$out")
    R_P50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
    R_P99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
    R_REQ=$(awk '/requests in/ {print $1}' "$out")
    R_NON2XX=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out"); R_NON2XX=${R_NON2XX:-0}
    R_SOCKERR=$(sed -n 's/^ *Socket errors: *//p' "$out"); R_SOCKERR=${R_SOCKERR:-none}
    [[ -n "$R_RPS" && "$R_P50" != nan && "$R_P99" != nan ]] || { cat "$out" >&2; die "could not parse wrk output for $label"; }
    if (( R_NON2XX != 0 )); then
        cat "$out" >&2
        local probe
        probe=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 5 "${hdr[@]}" "$url" || true)
        die "$label: $R_NON2XX non-2xx responses (a probe now answers HTTP $probe; 401 = key rejected, 429 = rate limited)"
    fi
    [[ "$R_SOCKERR" == none ]] || echo "bench/keys: WARNING $label socket errors: $R_SOCKERR" >&2
    ROWS+=("$(printf '%-32s %5s %10s %10s %10s %10s %8s' "$label" "$conns" "$R_RPS" "$R_P50" "$R_P99" "$R_REQ" "$R_NON2XX")")
}

warm() { # warm URL [AUTH], with the largest connection count
    local -a hdr=()
    [[ -n "${2:-}" ]] && hdr=(-H "Authorization: Bearer $2")
    local most; most=$(printf '%s\n' "${CONNECTION_COUNTS[@]}" | sort -n | tail -n1)
    wrk -t"$THREADS" -c"$most" -d"$WARMUP" --timeout 5s "${hdr[@]}" "$1" >/dev/null 2>&1 || die "warm-up wrk failed for $1"
}

level_count() { grep -c "\"level\":\"$1\"" "$RUN_DIR/service.log" || true; }
# log_counts NAME: ERROR/WARN lines up to the end of the load, then stops the service and counts those at shutdown.
log_counts() {
    local e w
    e=$(level_count ERROR); w=$(level_count WARN)
    stop_service
    LOGS+=("$(printf '%-10s before shutdown: %s ERROR, %s WARN; during shutdown: %s ERROR, %s WARN' "$1" "$e" "$w" \
        "$(( $(level_count ERROR) - e ))" "$(( $(level_count WARN) - w ))")")
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
# at_least VALUE MIN -> "ok" or "MISSED"
at_least() { awk -v v="$1" -v m="$2" 'BEGIN { print (v != "n/a" && v + 0 >= m + 0) ? "ok" : "MISSED" }'; }

ROWS=()
LOGS=()
declare -A H_RPS H_P50 H_P99 PG_RPS PG_P50 PG_P99 MEM_RPS MEM_P50 MEM_P99

# 1) default backend (postgres): healthz baseline and whoami, at every connection count
start_service postgres postgres
warm "http://127.0.0.1:$MGMT/healthz"
warm "http://127.0.0.1:$PORT/v1/whoami" "$KEY"
for c in "${CONNECTION_COUNTS[@]}"; do
    run_wrk "healthz-c$c" "healthz (management port)" "$c" "http://127.0.0.1:$MGMT/healthz"
    H_RPS[$c]=$R_RPS H_P50[$c]=$R_P50 H_P99[$c]=$R_P99
    run_wrk "whoami-postgres-c$c" "whoami (rate limit: postgres)" "$c" "http://127.0.0.1:$PORT/v1/whoami" "$KEY"
    PG_RPS[$c]=$R_RPS PG_P50[$c]=$R_P50 PG_P99[$c]=$R_P99
done
log_counts postgres

# 2) same service, in-memory rate-limit buckets: the cost of the shared PostgreSQL bucket
start_service memory memory
warm "http://127.0.0.1:$MGMT/healthz" # not measured here: the same warm-up as the first service
warm "http://127.0.0.1:$PORT/v1/whoami" "$KEY"
for c in "${CONNECTION_COUNTS[@]}"; do
    run_wrk "whoami-memory-c$c" "whoami (rate limit: memory)" "$c" "http://127.0.0.1:$PORT/v1/whoami" "$KEY"
    MEM_RPS[$c]=$R_RPS MEM_P50[$c]=$R_P50 MEM_P99[$c]=$R_P99
done
log_counts memory

# --- report ------------------------------------------------------------------------------------
echo
echo "bench/keys: wrk -t$THREADS -c{${CONNECTION_COUNTS[*]}} -d$DURATION --latency over 127.0.0.1 (warm-up $WARMUP per URL);"
echo "  $(nproc 2>/dev/null || echo '?') CPUs shared by wrk, the JVM and embedded PostgreSQL; java: $("$JAVA" -version 2>&1 | head -n1)"
echo "  RATE_LIMIT_KEY_PER_MINUTE=$BENCH_KEY_PER_MINUTE (bench setting); fresh embedded PostgreSQL per configuration"
echo "  load average before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo
printf '%-32s %5s %10s %10s %10s %10s %8s\n' "case" "conns" "req/s" "p50 ms" "p99 ms" "requests" "non-2xx"
printf '%s\n' "${ROWS[@]}"
echo
printf '%-44s %5s %12s %10s %10s\n' "ratio" "conns" "throughput" "p50" "p99"
for c in "${CONNECTION_COUNTS[@]}"; do
    printf '%-44s %5s %12s %10s %10s\n' "whoami (postgres) / healthz" "$c" "$(ratio "${PG_RPS[$c]}" "${H_RPS[$c]}")" "$(ratio "${PG_P50[$c]}" "${H_P50[$c]}")" "$(ratio "${PG_P99[$c]}" "${H_P99[$c]}")"
    printf '%-44s %5s %12s %10s %10s\n' "whoami (memory) / healthz" "$c" "$(ratio "${MEM_RPS[$c]}" "${H_RPS[$c]}")" "$(ratio "${MEM_P50[$c]}" "${H_P50[$c]}")" "$(ratio "${MEM_P99[$c]}" "${H_P99[$c]}")"
    printf '%-44s %5s %12s %10s %10s\n' "whoami (postgres) / whoami (memory)" "$c" "$(ratio "${PG_RPS[$c]}" "${MEM_RPS[$c]}")" "$(ratio "${PG_P50[$c]}" "${MEM_P50[$c]}")" "$(ratio "${PG_P99[$c]}" "${MEM_P99[$c]}")"
done
echo
echo "targets (issue 8, section 4): whoami postgres/memory throughput >= 0.8, postgres/healthz >= 0.6, p99 postgres <= 1.5 x memory"
for c in "${CONNECTION_COUNTS[@]}"; do
    pm=$(ratio "${PG_RPS[$c]}" "${MEM_RPS[$c]}"); ph=$(ratio "${PG_RPS[$c]}" "${H_RPS[$c]}"); p99=$(ratio "${PG_P99[$c]}" "${MEM_P99[$c]}")
    printf '  %3s connections: postgres/memory %s (%s), postgres/healthz %s (%s), p99 postgres/memory %s (%s)\n' "$c" \
        "$pm" "$(at_least "$pm" 0.8)" "$ph" "$(at_least "$ph" 0.6)" "$p99" "$(at_least 1.5 "$p99")"
done
echo
echo "service log (JSON lines; KEEP_LOGS=dir keeps them):"
printf '  %s\n' "${LOGS[@]}"
