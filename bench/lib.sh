# Shared by the bench/*/run.sh scripts (sourced, not run). The caller defines die().

# The feature version of the java binary $1 (25, say), or nothing.
java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1
}

# The first JDK 25+ java among GATEHOUSE_JAVA, JAVA_HOME, Temurin 25's usual place and the PATH.
find_java() {
    local c
    for c in "${GATEHOUSE_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
             "$(command -v java 2>/dev/null || true)"; do
        [[ -n "$c" && -x "$c" ]] || continue
        local v; v=$(java_major "$c")
        if [[ "$v" =~ ^[0-9]+$ ]] && (( v >= 25 )); then echo "$c"; return 0; fi
    done
    return 1
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A free loopback port between 20000 and 59999.
free_port() {
    local p i
    for i in $(seq 1 200); do
        p=$(( 20000 + RANDOM % 40000 ))
        if port_free "$p"; then echo "$p"; return 0; fi
    done
    die "no free port found"
}

# wrk's latency (812.00us, 1.23ms, 2.01s) in milliseconds, or nan.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v; sub(/[a-z]+$/, "", n); u = v; sub(/^[0-9.]+/, "", u);
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1;
        if (f < 0) { print "nan"; exit } printf "%.3f", n * f }'
}
