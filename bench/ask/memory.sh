#!/usr/bin/env bash
# Heap held by the in-memory set of live hostnames that answers `ask`: per hostname and per 100,000,
# for 100,000 and 1,000,000 hostnames (or the counts given as arguments). See README.md next to
# this script.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
# shellcheck source=../lib.sh
. "$SCRIPT_DIR/../lib.sh"
die() { echo "bench/ask/memory: $*" >&2; exit 1; }

JAVA=$(find_java) || die "no JDK 25+ found. Set GATEHOUSE_JAVA=/path/to/jdk-25/bin/java or JAVA_HOME to a JDK 25 (e.g. Temurin 25)."
JDK_HOME=$(cd "$(dirname "$JAVA")/.." && pwd)

echo "bench/ask/memory: compiling (./mvnw test-compile) ..." >&2
(cd "$ROOT" && export JAVA_HOME="$JDK_HOME" PATH="$JDK_HOME/bin:$PATH" \
    && ./mvnw -q -B -ntp test-compile -Djacoco.skip=true) >/dev/null || die "build failed"

# The serial collector and a fixed heap, so that "used after a full GC" is the live data.
"$JAVA" -XX:+UseSerialGC -Xms2g -Xmx2g -cp "$ROOT/target/test-classes:$ROOT/target/classes" \
    dev.gatehouse.domains.ask.LiveSetFootprint "$@"
echo "java: $("$JAVA" -version 2>&1 | head -n1); compressed oops on (heap < 32 GiB)"
