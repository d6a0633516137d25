#!/usr/bin/env bash
# The cost of ERP Access's relay: the same GET against (a) the upstream directly, (b) nginx
# proxy_pass to it and (c) Gatehouse's relay with every check, the rate limit and the audit on,
# measured with wrk over loopback, at each connection count. Prints throughput and p50/p99 of each
# and the ratios c/a and c/b. See README.md next to this script. All load targets 127.0.0.1 only.
#
# Knobs (environment): DURATION (20s), WARMUP (30s: the JIT needs it on two cores), CONNECTIONS ("32 64"), THREADS (2),
# BODY_BYTES (512: the upstream's answer), STARTUP_TIMEOUT seconds (180), JAVA_OPTS (empty),
# GATEHOUSE_JAVA (a JDK 25+ java), KEEP_LOGS (a directory: service and nginx logs, raw wrk output).
set -euo pipefail

DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-32 64}
read -r -a CONNECTION_COUNTS <<<"${CONNECTIONS//,/ }"
for c in "${CONNECTION_COUNTS[@]}"; do
    [[ "$c" =~ ^[1-9][0-9]*$ ]] || { echo "bench/gateway: CONNECTIONS must list positive integers, was '$CONNECTIONS'" >&2; exit 1; }
done
THREADS=${THREADS:-2}
BODY_BYTES=${BODY_BYTES:-512}
[[ "$BODY_BYTES" =~ ^[0-9]+$ ]] && (( BODY_BYTES <= 1048576 )) || { echo "bench/gateway: BODY_BYTES must be 0-1048576" >&2; exit 1; }
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-180}
JAVA_OPTS=${JAVA_OPTS:-}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
# shellcheck source=../lib.sh
. "$SCRIPT_DIR/../lib.sh"
JAR="$ROOT/target/gatehouse.jar"

die() { echo "bench/gateway: $*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------------
command -v wrk >/dev/null 2>&1 || die "wrk not found (apt-get update && apt-get install -y wrk, or brew install wrk)."
command -v curl >/dev/null 2>&1 || die "curl not found (apt-get install -y curl)."
command -v jq >/dev/null 2>&1 || die "jq not found (apt-get install -y jq, or brew install jq)."
NGINX=$(command -v nginx 2>/dev/null || ls /usr/sbin/nginx 2>/dev/null || true)
[[ -n "$NGINX" && -x "$NGINX" ]] || die "nginx not found (apt-get install -y nginx-light, or brew install nginx)."

JAVA=$(find_java) || die "no JDK 25+ found. Set GATEHOUSE_JAVA=/path/to/jdk-25/bin/java or JAVA_HOME."
JDK_HOME=$(cd "$(dirname "$JAVA")/.." && pwd)
if [[ ! -f "$JAR" ]]; then
    echo "bench/gateway: $JAR missing, building it (./mvnw -q package -DskipTests) ..." >&2
    (cd "$ROOT" && JAVA_HOME="$JDK_HOME" PATH="$JDK_HOME/bin:$PATH" ./mvnw -q package -DskipTests) || die "build failed"
fi

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-bench-gateway.XXXXXX")
PID=""
NGINX_UP=""


cleanup() {
    local rc=$?
    if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then
        kill -TERM "$PID" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
        kill -KILL "$PID" 2>/dev/null || true
    fi
    [[ -n "$NGINX_UP" ]] && "$NGINX" -p "$WORK/nginx" -c nginx.conf -s stop 2>/dev/null || true
    if (( rc != 0 )) && [[ -f "$WORK/service.log" ]]; then
        echo "--- last 20 service log lines ---" >&2
        tail -n 20 "$WORK/service.log" | cut -c1-400 >&2 || true
    fi
    if [[ -n "${KEEP_LOGS:-}" ]]; then
        mkdir -p "$KEEP_LOGS"
        cp "$WORK"/*.wrk "$WORK"/service.log "$WORK"/nginx/*.log "$KEEP_LOGS"/ 2>/dev/null || true
        echo "bench/gateway: logs kept in $KEEP_LOGS" >&2
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- (a) the upstream and (b) nginx in front of it: one nginx, two servers ------------------------
UPSTREAM_PORT=$(free_port); PROXY_PORT=$(free_port)
while [[ "$PROXY_PORT" == "$UPSTREAM_PORT" ]]; do PROXY_PORT=$(free_port); done
mkdir -p "$WORK/nginx/logs"
BODY=$(head -c "$BODY_BYTES" /dev/zero | tr '\0' 'x')
USER_LINE=""; (( EUID == 0 )) && USER_LINE="user root;"
cat >"$WORK/nginx/nginx.conf" <<CONF
$USER_LINE
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    keepalive_requests 1000000;
    upstream erp { server 127.0.0.1:$UPSTREAM_PORT; keepalive 128; }
    server {
        listen 127.0.0.1:$UPSTREAM_PORT;
        location / { default_type application/json; return 200 '{"id":42,"name":"$BODY"}'; }
    }
    server {
        listen 127.0.0.1:$PROXY_PORT;
        location / {
            proxy_pass http://erp;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For \$remote_addr;
        }
    }
}
CONF
"$NGINX" -p "$WORK/nginx" -c nginx.conf || die "nginx did not start (see $WORK/nginx/error.log)"
NGINX_UP=yes

# --- (c) Gatehouse, configured through its API ----------------------------------------------------
PORT=$(free_port); MGMT=$(free_port)
while [[ "$MGMT" == "$PORT" ]]; do MGMT=$(free_port); done
echo "bench/gateway: starting Gatehouse on $PORT (management $MGMT); upstream $UPSTREAM_PORT, nginx $PROXY_PORT" >&2
(
    cd "$WORK"
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM flags
    GATEHOUSE_DATA_DIR="$WORK/data" SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$PORT" \
    MANAGEMENT_ADDRESS=127.0.0.1 MANAGEMENT_PORT="$MGMT" PUBLIC_URL="http://127.0.0.1:$PORT" \
        exec "$JAVA" $JAVA_OPTS -jar "$JAR"
) >"$WORK/service.log" 2>&1 &
PID=$!
KEY=""
t0=$SECONDS
while (( SECONDS - t0 < STARTUP_TIMEOUT )); do
    kill -0 "$PID" 2>/dev/null || die "Gatehouse exited during startup"
    KEY=$(sed -n 's/^Tenant admin key: *//p' "$WORK/service.log" | head -n1 | tr -d '[:space:]')
    [[ -n "$KEY" ]] && curl -fsS -o /dev/null "http://127.0.0.1:$MGMT/healthz" 2>/dev/null && break
    sleep 1
done
[[ -n "$KEY" ]] || die "Gatehouse did not print 'Tenant admin key:' within ${STARTUP_TIMEOUT}s"

API="http://127.0.0.1:$PORT"
api() { # api METHOD PATH BODY -> body; fails on a non-2xx answer
    local out code data=()
    [[ -n "${3:-}" ]] && data=(--data "$3")
    out=$(curl -sS -w '\n%{http_code}' -X "$1" -H "Authorization: Bearer $KEY" \
        -H 'Content-Type: application/json' "${data[@]}" "$API$2") || die "$1 $2 failed"
    code=${out##*$'\n'}; out=${out%$'\n'*}
    [[ "$code" == 2* ]] || die "$1 $2 answered $code: $out"
    printf '%s' "$out"
}
api PUT /v1/gateway/upstream "{\"base_url\":\"http://127.0.0.1:$UPSTREAM_PORT\",\"auth\":{\"type\":\"none\"}}" >/dev/null
api POST /v1/gateway/endpoints '{"method":"GET","path_template":"/customers/{id}"}' >/dev/null
ACCOUNT=$(api POST /v1/gateway/accounts '{"name":"Bench partner"}' | jq -r .id)
ACTOR=$(api POST "/v1/gateway/accounts/$ACCOUNT/actors" '{"name":"wrk"}' | jq -r .id)
ISSUED=$(api POST "/v1/gateway/actors/$ACTOR/credentials" '{"rate_limit_per_minute":1000000}')
CLIENT_ID=$(jq -r .client_id <<<"$ISSUED"); PASSWORD=$(jq -r .api_password <<<"$ISSUED")
X_API_KEY=$(jq -r .x_api_key <<<"$ISSUED")
api POST /v1/gateway/policies "{\"name\":\"Bench\",\"account_id\":\"$ACCOUNT\",\"rules\":[{\"method\":\"GET\",\"path\":\"/customers/*\"}],\"schedule_exempt\":true}" >/dev/null
TOKEN=$(curl -fsS -X POST -u "$CLIENT_ID:$PASSWORD" -H "x-api-key: $X_API_KEY" "$API/gateway/v1/token" | jq -r .access_token)
[[ "$TOKEN" == gwt_* ]] || die "the token exchange gave no token"
unset PASSWORD ISSUED

A_URL="http://127.0.0.1:$UPSTREAM_PORT/customers/42"
B_URL="http://127.0.0.1:$PROXY_PORT/customers/42"
C_URL="$API/gateway/v1/erp/customers/42"
for u in "$A_URL" "$B_URL"; do
    curl -fsS "$u" | grep -q '"id":42' || die "$u did not answer the upstream's body"
done
curl -fsS -H "Authorization: Bearer $TOKEN" -H "x-api-key: $X_API_KEY" "$C_URL" | grep -q '"id":42' \
    || die "the relay did not answer the upstream's body"

# --- wrk -------------------------------------------------------------------------------------------
run_wrk() { # run_wrk SLUG LABEL CONNECTIONS URL [relay]
    local out="$WORK/$1.wrk" hdr=()
    [[ "${5:-}" == relay ]] && hdr=(-H "Authorization: Bearer $TOKEN" -H "x-api-key: $X_API_KEY")
    wrk -t"$THREADS" -c"$3" -d"$DURATION" --timeout 5s --latency "${hdr[@]}" "$4" >"$out" 2>&1 \
        || { cat "$out" >&2; die "wrk failed for $2"; }
    R_RPS=$(awk '/^Requests\/sec:/ {print $2}' "$out")
    R_P50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
    R_P99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
    R_NON2XX=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out"); R_NON2XX=${R_NON2XX:-0}
    [[ -n "$R_RPS" && "$R_P50" != nan && "$R_P99" != nan ]] || { cat "$out" >&2; die "could not parse wrk output for $2"; }
    (( R_NON2XX == 0 )) || { cat "$out" >&2; die "$2: $R_NON2XX non-2xx answers"; }
    ROWS+=("$(printf '%-28s %5s %10s %9s %9s' "$2" "$3" "$R_RPS" "$R_P50" "$R_P99")")
}
warm() {
    local most hdr=()
    most=$(printf '%s\n' "${CONNECTION_COUNTS[@]}" | sort -n | tail -n1)
    [[ "${2:-}" == relay ]] && hdr=(-H "Authorization: Bearer $TOKEN" -H "x-api-key: $X_API_KEY")
    wrk -t"$THREADS" -c"$most" -d"$WARMUP" --timeout 5s "${hdr[@]}" "$1" >/dev/null 2>&1 || die "warm-up failed for $1"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.3f", a - b }'; }

ROWS=()
declare -A A_RPS A_P99 B_RPS B_P99 C_RPS C_P99
warm "$A_URL"; warm "$B_URL"; warm "$C_URL" relay
for c in "${CONNECTION_COUNTS[@]}"; do
    run_wrk "a-c$c" "(a) upstream directly" "$c" "$A_URL";       A_RPS[$c]=$R_RPS A_P99[$c]=$R_P99
    run_wrk "b-c$c" "(b) nginx proxy_pass" "$c" "$B_URL";        B_RPS[$c]=$R_RPS B_P99[$c]=$R_P99
    run_wrk "c-c$c" "(c) Gatehouse relay" "$c" "$C_URL" relay;   C_RPS[$c]=$R_RPS C_P99[$c]=$R_P99
done
RELAYED=$(curl -fsS "http://127.0.0.1:$MGMT/metrics" | awk '/^gatehouse_gateway_relays_total\{.*outcome="allowed"/ {s += $NF} END {printf "%d", s}')

echo
echo "bench/gateway: wrk -t$THREADS -c{${CONNECTION_COUNTS[*]}} -d$DURATION --latency over 127.0.0.1 (warm-up $WARMUP each);"
echo "  $(nproc 2>/dev/null || echo '?') CPUs shared by wrk, nginx, the JVM and embedded PostgreSQL; java: $("$JAVA" -version 2>&1 | head -n1)"
echo "  upstream answer: $(( BODY_BYTES + 20 )) bytes of JSON; relay: every check, rate limit (1,000,000/min), audit by group commit"
echo "  load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'); relays audited as allowed (metrics): $RELAYED"
echo
printf '%-28s %5s %10s %9s %9s\n' "case" "conns" "req/s" "p50 ms" "p99 ms"
printf '%s\n' "${ROWS[@]}"
echo
printf '%-6s %14s %14s %22s %22s\n' "conns" "c/a req/s" "c/b req/s" "p99 c-a (ms)" "p99 c-b (ms)"
for c in "${CONNECTION_COUNTS[@]}"; do
    printf '%-6s %14s %14s %22s %22s\n' "$c" "$(ratio "${C_RPS[$c]}" "${A_RPS[$c]}")" "$(ratio "${C_RPS[$c]}" "${B_RPS[$c]}")" \
        "$(minus "${C_P99[$c]}" "${A_P99[$c]}")" "$(minus "${C_P99[$c]}" "${B_P99[$c]}")"
done
echo
echo "goal (spec 20-gateway): c/b throughput >= 0.50 and p99 c-b <= +2 ms at 64 connections"
