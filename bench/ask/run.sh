#!/usr/bin/env bash
# Throughput and latency of GET /internal/ask (Caddy's on-demand TLS ask) on the management port
# of one Gatehouse process seeded with 1,000,000 connections (100,000 live), against nginx
# `return 200` on the same machine as the floor, measured with wrk over loopback. See README.md next
# to this script.
# All load targets 127.0.0.1 only.
#
# Knobs (environment): DURATION (15s), WARMUP (10s), CONNECTIONS (32), THREADS (2),
# CONNECTIONS_TOTAL (1000000), LIVE (100000), TENANTS (4), UNKNOWN_SET (10000),
# STARTUP_TIMEOUT seconds (180), JAVA_OPTS (empty), GATEHOUSE_JAVA (path to a JDK 25+ java),
# PSQL (path to psql), KEEP_LOGS (a directory: service/nginx logs and raw wrk output are copied there).
set -euo pipefail

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
CONNECTIONS_TOTAL=${CONNECTIONS_TOTAL:-1000000}
LIVE=${LIVE:-100000}
TENANTS=${TENANTS:-4}
UNKNOWN_SET=${UNKNOWN_SET:-10000}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-180}
JAVA_OPTS=${JAVA_OPTS:-}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
# shellcheck source=../lib.sh
. "$SCRIPT_DIR/../lib.sh"
JAR="$ROOT/target/gatehouse.jar"
LUA="$SCRIPT_DIR/ask.lua"

die() { echo "bench/ask: $*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------------
command -v wrk >/dev/null 2>&1 || die "wrk not found. Install it, e.g. 'apt-get update && apt-get install -y wrk' (Debian/Ubuntu) or 'brew install wrk'."
command -v curl >/dev/null 2>&1 || die "curl not found (apt-get install -y curl)."
NGINX=$(command -v nginx 2>/dev/null || ls /usr/sbin/nginx 2>/dev/null || true)
[[ -n "$NGINX" && -x "$NGINX" ]] || die "nginx not found (apt-get install -y nginx-light, or brew install nginx)."
find_psql() {
    local c
    for c in "${PSQL:-}" "$(command -v psql 2>/dev/null || true)" /usr/lib/postgresql/*/bin/psql; do
        [[ -n "$c" && -x "$c" ]] && { echo "$c"; return 0; }
    done
    return 1
}
PSQL_BIN=$(find_psql) || die "psql not found (apt-get install -y postgresql-client), or set PSQL=/path/to/psql."

JAVA=$(find_java) || die "no JDK 25+ found. Set GATEHOUSE_JAVA=/path/to/jdk-25/bin/java or JAVA_HOME to a JDK 25 (e.g. Temurin 25)."
JDK_HOME=$(cd "$(dirname "$JAVA")/.." && pwd)

# Build when the jar is missing or older than any main source (the endpoint must be in it).
if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -type f -print -quit)" ]]; then
    echo "bench/ask: $JAR missing or stale, building it (./mvnw -q package -DskipTests) ..." >&2
    (cd "$ROOT" && JAVA_HOME="$JDK_HOME" PATH="$JDK_HOME/bin:$PATH" ./mvnw -q -o package -DskipTests 2>/dev/null \
        || JAVA_HOME="$JDK_HOME" PATH="$JDK_HOME/bin:$PATH" ./mvnw -q package -DskipTests) || die "build failed"
    [[ -f "$JAR" ]] || die "build did not produce $JAR"
fi

# --- lifecycle ---------------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-bench-ask.XXXXXX")
PID=""
NGINX_PID=""
RUN_DIR="$WORK/service"

stop_nginx() {
    if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
        kill -QUIT "$NGINX_PID" 2>/dev/null || true
        local i
        for i in $(seq 1 20); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.25; done
        kill -0 "$NGINX_PID" 2>/dev/null && kill -KILL "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
    fi
    NGINX_PID=""
}
stop_service() {
    if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then
        kill -TERM "$PID" 2>/dev/null || true
        local i
        for i in $(seq 1 30); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
        kill -0 "$PID" 2>/dev/null && kill -KILL "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
    fi
    PID=""
    # If the JVM had to be killed, stop the postmaster of *our* data directory only.
    local pm
    for pm in $(find "$RUN_DIR" -name postmaster.pid 2>/dev/null); do
        local ppid; ppid=$(head -n1 "$pm" 2>/dev/null || true)
        if [[ "$ppid" =~ ^[0-9]+$ ]] && kill -0 "$ppid" 2>/dev/null; then
            kill -TERM "$ppid" 2>/dev/null || true
            sleep 2
            kill -0 "$ppid" 2>/dev/null && kill -KILL "$ppid" 2>/dev/null || true
        fi
    done
}
cleanup() {
    local rc=$?
    stop_nginx
    stop_service
    if (( rc != 0 )) && [[ -f "$RUN_DIR/service.log" ]]; then
        echo "--- last 20 service log lines ($RUN_DIR/service.log) ---" >&2
        tail -n 20 "$RUN_DIR/service.log" | cut -c1-400 >&2 || true
    fi
    if [[ -n "${KEEP_LOGS:-}" ]]; then
        mkdir -p "$KEEP_LOGS"
        cp "$WORK"/*.wrk "$KEEP_LOGS"/ 2>/dev/null || true
        cp "$RUN_DIR/service.log" "$KEEP_LOGS"/ 2>/dev/null || true
        cp "$WORK/nginx/error.log" "$KEEP_LOGS/nginx-error.log" 2>/dev/null || true
        echo "bench/ask: logs kept in $KEEP_LOGS" >&2
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM


start_service() {
    mkdir -p "$RUN_DIR"
    PORT=$(free_port); MGMT=$(free_port)
    while [[ "$MGMT" == "$PORT" ]]; do MGMT=$(free_port); done
    echo "bench/ask: starting service port=$PORT management=$MGMT data=$RUN_DIR/data" >&2
    (
        cd "$RUN_DIR"
        # shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM flags
        GATEHOUSE_DATA_DIR="$RUN_DIR/data" SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$PORT" \
        MANAGEMENT_ADDRESS=127.0.0.1 MANAGEMENT_PORT="$MGMT" PUBLIC_URL="http://127.0.0.1:$PORT" \
            exec "$JAVA" $JAVA_OPTS -jar "$JAR"
    ) >"$RUN_DIR/service.log" 2>&1 &
    PID=$!
    local t0=$SECONDS
    while (( SECONDS - t0 < STARTUP_TIMEOUT )); do
        kill -0 "$PID" 2>/dev/null || die "service exited during startup (see log below)"
        curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$MGMT/healthz" 2>/dev/null && break
        sleep 1
    done
    curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$MGMT/healthz" \
        || die "service /healthz not healthy within ${STARTUP_TIMEOUT}s"
    if command -v ss >/dev/null 2>&1; then
        ss -ltnpH "sport = :$MGMT" 2>/dev/null | grep -q "pid=$PID," \
            || die "management port $MGMT is not owned by our service (pid $PID)"
    fi
    echo "bench/ask: service up after $(( SECONDS - t0 ))s" >&2
}

# --- seed --------------------------------------------------------------------------------------
# Straight into the embedded PostgreSQL as its owner (port from postmaster.pid): TENANTS tenants,
# one application each, CONNECTIONS_TOTAL connections of which LIVE are live (live-<k>.bench.example),
# the rest pending or removed (conn-<i>.bench.example).
seed() {
    local pidfile="$RUN_DIR/data/postgres/postmaster.pid" pgport t0=$SECONDS
    [[ -f "$pidfile" ]] || die "no $pidfile: is the service on its embedded PostgreSQL?"
    pgport=$(sed -n 4p "$pidfile" | tr -d '[:space:]')
    [[ "$pgport" =~ ^[0-9]+$ ]] || die "cannot read the PostgreSQL port from $pidfile"
    (( LIVE <= CONNECTIONS_TOTAL )) || die "LIVE ($LIVE) > CONNECTIONS_TOTAL ($CONNECTIONS_TOTAL)"
    # The embedded server takes no connection without the superuser's password (ADR 13).
    [[ -r "$RUN_DIR/data/postgres.password" ]] || die "no $RUN_DIR/data/postgres.password"
    PGPASSWORD=$(cat "$RUN_DIR/data/postgres.password"); export PGPASSWORD
    "$PSQL_BIN" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pgport" -U postgres -d gatehouse \
        -v tenants="$TENANTS" -v total="$CONNECTIONS_TOTAL" -v live="$LIVE" >"$WORK/seed.log" 2>&1 <<'SQL' \
        || { cat "$WORK/seed.log" >&2; die "seeding failed"; }
begin;
insert into tenants (public_id, name, slug, status, plan, created_at, updated_at)
select 'ten_bench' || lpad(g::text, 21, '0'), 'Bench ' || g, 'bench-' || g, 'active', 'business', now(), now()
  from generate_series(1, :tenants) g;
insert into domain_applications (public_id, tenant_id, name, target_cname, origin, webhook_secret, created_at, updated_at)
select 'app_bench' || lpad(g::text, 21, '0'), t.id, 'Bench app ' || g, 'edge.bench.example',
       'https://origin-' || g || '.bench.example', 'x', now(), now()
  from generate_series(1, :tenants) g join tenants t on t.slug = 'bench-' || g;
create temporary table bench_apps as
select row_number() over (order by id) - 1 as n, id, tenant_id from domain_applications where public_id like 'app_bench%';
insert into domain_connections (public_id, tenant_id, application_id, hostname, status, challenge,
                                created_at, updated_at, deadline_at, live_at)
select 'conn_bench' || lpad(i::text, 20, '0'), a.tenant_id, a.id,
       case when i < :live then 'live-' || i else 'conn-' || i end || '.bench.example',
       case when i < :live then 'live' when i % 2 = 0 then 'pending' else 'removed' end,
       md5(i::text), now(), now(), now() + interval '3 days', case when i < :live then now() end
  from generate_series(0, :total - 1) i join bench_apps a on a.n = i % :tenants;
commit;
analyze tenants; analyze domain_applications; analyze domain_connections;
SQL
    local rows
    rows=$("$PSQL_BIN" -X -At -h 127.0.0.1 -p "$pgport" -U postgres -d gatehouse \
        -c "select count(*) || ' connections, ' || count(*) filter (where status = 'live') || ' live' from domain_connections")
    # The query of LiveConnections, explained as requests run it.
    PLAN=$("$PSQL_BIN" -X -At -h 127.0.0.1 -p "$pgport" -U postgres -d gatehouse -c "set role gatehouse_app; set gatehouse.system = 'on';
        explain select a.origin from domain_connections c
          join domain_applications a on a.id = c.application_id and a.tenant_id = c.tenant_id
          join tenants t on t.id = c.tenant_id
         where c.hostname = 'live-7.bench.example' and c.status = 'live'
           and a.status = 'active' and a.deleted_at is null and t.status = 'active'" | grep -o 'Index Scan using [a-z_]* on [a-z_]*' | paste -sd';')
    echo "bench/ask: seeded $rows in $(( SECONDS - t0 ))s; lookup plan as the app role: ${PLAN:-?}" >&2
    [[ "$PLAN" == *domain_connections_claimed* ]] \
        || echo "bench/ask: WARNING the lookup does not use domain_connections_claimed" >&2
}

# Heap in use after a full GC, from the JDK's jcmd (empty when jcmd is missing).
jcmd_heap() {
    local jcmd="$JDK_HOME/bin/jcmd"
    [[ -x "$jcmd" ]] || { echo "n/a (no jcmd)"; return 0; }
    "$jcmd" "$PID" GC.run >/dev/null 2>&1 || true
    "$jcmd" "$PID" GC.heap_info 2>/dev/null | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i+1); exit } }'
}

# --- nginx floor -------------------------------------------------------------------------------
start_nginx() {
    local dir="$WORK/nginx"
    mkdir -p "$dir/tmp"
    NGINX_PORT=$(free_port)
    cat >"$dir/nginx.conf" <<CONF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            default_type application/json;
            return 200 '{"allow":true,"origin":"https://origin-1.bench.example"}';
        }
    }
}
CONF
    "$NGINX" -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' >"$dir/stdout.log" 2>&1 &
    NGINX_PID=$!
    local i
    for i in $(seq 1 40); do
        curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$NGINX_PORT/" 2>/dev/null && return 0
        kill -0 "$NGINX_PID" 2>/dev/null || { cat "$dir/stdout.log" "$dir/error.log" >&2 2>/dev/null; die "nginx exited"; }
        sleep 0.25
    done
    die "nginx did not answer on port $NGINX_PORT"
}

# --- wrk ---------------------------------------------------------------------------------------

# run_wrk SLUG LABEL EXPECT URL [LUA ARGS...]: EXPECT is 2xx (every answer 2xx) or 404 (every answer
# non-2xx); stores R_RPS/R_P50/R_P99; raw output in $WORK/SLUG.wrk
run_wrk() {
    local slug=$1 label=$2 expect=$3 url=$4; shift 4
    local out="$WORK/$slug.wrk"
    local -a script=()
    (( $# > 0 )) && script=(-s "$LUA")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 5s --latency "${script[@]}" "$url" ${1:+--} "$@" \
        >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed for $label"; }
    R_RPS=$(awk '/^Requests\/sec:/ {print $2}' "$out")
    R_P50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
    R_P99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
    R_REQ=$(awk '/requests in/ {print $1}' "$out")
    R_NON2XX=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out"); R_NON2XX=${R_NON2XX:-0}
    R_SOCKERR=$(sed -n 's/^ *Socket errors: *//p' "$out"); R_SOCKERR=${R_SOCKERR:-none}
    [[ -n "$R_RPS" && "$R_P50" != nan && "$R_P99" != nan ]] || { cat "$out" >&2; die "could not parse wrk output for $label"; }
    if [[ "$expect" == 2xx ]] && (( R_NON2XX != 0 )); then
        cat "$out" >&2; die "$label: $R_NON2XX non-2xx answers where every host is live"
    fi
    # wrk also counts requests cut off at the end of the run, so allow a handful of missing denials.
    if [[ "$expect" == 404 ]] && (( R_NON2XX < R_REQ - CONNECTIONS )); then
        cat "$out" >&2; die "$label: only $R_NON2XX of $R_REQ answers were denials"
    fi
    [[ "$R_SOCKERR" == none ]] || echo "bench/ask: WARNING $label socket errors: $R_SOCKERR" >&2
    ROWS+=("$(printf '%-40s %10s %9s %9s %10s %9s' "$label" "$R_RPS" "$R_P50" "$R_P99" "$R_REQ" "$R_NON2XX")")
}

warm() { # warm URL [LUA ARGS...]
    local url=$1; shift
    local -a script=()
    (( $# > 0 )) && script=(-s "$LUA")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 5s "${script[@]}" "$url" ${1:+--} "$@" >/dev/null 2>&1 \
        || die "warm-up wrk failed for $url"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }

expect_answer() { # expect_answer DOMAIN STATUS BODY
    local got
    got=$(curl -sS --max-time 5 -w ' %{http_code}' "$ASK?domain=$1") || die "ask for $1 failed"
    [[ "$got" == "$3 $2" ]] || die "ask for $1 answered '$got', expected '$3 $2'"
}

ROWS=()
RATIOS=()
add_ratio() { # add_ratio LABEL FLOOR: this run (R_*) against the nginx run stored as FLOOR_RPS/_P50/_P99
    local rps="${2}_RPS" p50="${2}_P50" p99="${2}_P99"
    local tput lat verdict
    tput=$(ratio "$R_RPS" "${!rps}"); lat=$(ratio "$R_P99" "${!p99}")
    verdict=$(awk -v t="$tput" -v l="$lat" 'BEGIN { print (t >= 0.5 && l <= 2.0) ? "met" : "MISSED" }')
    RATIOS+=("$(printf '%-40s %12s %10s %10s %8s' "$1" "$tput" "$(ratio "$R_P50" "${!p50}")" "$lat" "$verdict")")
}

start_service
seed
# The set of live hostnames is read when a node starts (and kept exact by the changes the product
# announces); rows written behind its back by psql are only seen by a node started after them.
stop_service
start_service
LOADED=$(grep -o 'ask: [0-9]* live hostnames loaded in [0-9]* ms' "$RUN_DIR/service.log" | tail -n1 || true)
for i in $(seq 1 60); do
    [[ -n "$LOADED" ]] && break
    sleep 0.5
    LOADED=$(grep -o 'ask: [0-9]* live hostnames loaded in [0-9]* ms' "$RUN_DIR/service.log" | tail -n1 || true)
done
[[ -n "$LOADED" ]] || die "the service did not report loading its live hostnames"
IN_MEMORY=$(curl -fsS --max-time 5 "http://127.0.0.1:$MGMT/metrics" | awk '/^gatehouse_domains_ask_live[{ ]/ {print $NF}')
echo "bench/ask: restarted; $LOADED; gatehouse_domains_ask_live=$IN_MEMORY" >&2
[[ "${IN_MEMORY%.0}" == "$LIVE" ]] || die "the node holds ${IN_MEMORY:-?} live hostnames, expected $LIVE"
HEAP=$(jcmd_heap)
ASK="http://127.0.0.1:$MGMT/internal/ask"
expect_answer live-7.bench.example 200 '{"allow":true,"origin":"https://origin-4.bench.example"}'
expect_answer conn-8.bench.example 404 '{"allow":false,"origin":null}'
expect_answer unknown-1.bench.example 404 '{"allow":false,"origin":null}'
start_nginx

LIVE_ARGS=(rotate "$LIVE" live- .bench.example)
UNKNOWN_ARGS=(rotate "$UNKNOWN_SET" unknown- .bench.example)
SCAN_ARGS=(unique 0 scan- .bench.example)
SCANNER_ARGS=(scanner 0 - -)

warm "http://127.0.0.1:$NGINX_PORT/"
warm "$ASK?domain=live-1.bench.example"
warm "$ASK" "${LIVE_ARGS[@]}"
warm "$ASK" "${UNKNOWN_ARGS[@]}"

# Two floors: one URL, and URLs made by the same wrk Lua script as the rotating cases (the script
# costs wrk CPU on a small machine, so rotating cases are compared with the rotating floor).
run_wrk nginx "nginx return 200 (floor)" 2xx "http://127.0.0.1:$NGINX_PORT/internal/ask?domain=live-1.bench.example"
NG_RPS=$R_RPS NG_P50=$R_P50 NG_P99=$R_P99
run_wrk nginx-lua "nginx return 200, Lua URLs (floor)" 2xx "http://127.0.0.1:$NGINX_PORT/internal/ask" "${LIVE_ARGS[@]}"
NGL_RPS=$R_RPS NGL_P50=$R_P50 NGL_P99=$R_P99
run_wrk nginx-scanner "nginx return 200, scanner URLs (floor)" 2xx "http://127.0.0.1:$NGINX_PORT/internal/ask" "${SCANNER_ARGS[@]}"
NGS_RPS=$R_RPS NGS_P50=$R_P50 NGS_P99=$R_P99
run_wrk hot-live "ask: one live host" 2xx "$ASK?domain=live-1.bench.example"
add_ratio "one live host / nginx" NG
run_wrk hot-unknown "ask: one unknown host" 404 "$ASK?domain=unknown-1.bench.example"
add_ratio "one unknown host / nginx" NG
run_wrk rotate-live "ask: $LIVE live hosts, random" 2xx "$ASK" "${LIVE_ARGS[@]}"
add_ratio "$LIVE live hosts / nginx Lua" NGL
run_wrk rotate-unknown "ask: $UNKNOWN_SET unknown hosts, random" 404 "$ASK" "${UNKNOWN_ARGS[@]}"
add_ratio "$UNKNOWN_SET unknown hosts / nginx Lua" NGL
run_wrk scan "ask: never-repeated names" 404 "$ASK" "${SCAN_ARGS[@]}"
add_ratio "never-repeated names / nginx Lua" NGL
run_wrk scanner "ask: scanner (random SNI, never repeated)" 404 "$ASK" "${SCANNER_ARGS[@]}"
add_ratio "scanner / nginx scanner" NGS

METRICS=$(curl -fsS --max-time 5 "http://127.0.0.1:$MGMT/metrics" | grep '^gatehouse_domains_ask_total' \
    | sed -E 's/.*result="([a-z]+)".* ([0-9.E+]+)$/\1=\2/' | paste -sd' ')
DB_LOOKUPS=$(curl -fsS --max-time 5 "http://127.0.0.1:$MGMT/metrics" \
    | awk '/^gatehouse_domains_ask_database_lookups_total/ {print $NF}')
ERRORS=$(grep -c '"level":"ERROR"' "$RUN_DIR/service.log" || true)
WARNS=$(grep -c '"level":"WARN"' "$RUN_DIR/service.log" || true)

# --- report ------------------------------------------------------------------------------------
echo
echo "bench/ask: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency over 127.0.0.1 (warm-up $WARMUP per URL set);"
echo "  $(nproc 2>/dev/null || echo '?') CPUs shared by wrk, nginx, the JVM and embedded PostgreSQL; java: $("$JAVA" -version 2>&1 | head -n1)"
echo "  seeded: $CONNECTIONS_TOTAL connections ($LIVE live, the rest pending/removed) over $TENANTS tenants; $("$NGINX" -v 2>&1)"
echo "  database lookup plan, used only while a node distrusts its set (app role, row-level security on): ${PLAN:-?}"
echo
printf '%-40s %10s %9s %9s %10s %9s\n' "case" "req/s" "p50 ms" "p99 ms" "requests" "non-2xx"
printf '%s\n' "${ROWS[@]}"
echo
printf '%-40s %12s %10s %10s %8s\n' "ask / floor" "throughput" "p50" "p99" "goal"
printf '%s\n' "${RATIOS[@]}"
echo
echo "gatehouse_domains_ask_total: $METRICS"
echo "asks answered from the database: ${DB_LOOKUPS:-?} (0 expected: every answer above came from memory)"
echo "live hostnames in memory: ${IN_MEMORY:-?}; $LOADED; heap after a full GC with them loaded: $HEAP"
echo "goal: every case >= 0.50x its floor's throughput and p99 <= 2.00x its floor's p99"
echo "service log: $ERRORS ERROR, $WARNS WARN lines up to the end of the load"
