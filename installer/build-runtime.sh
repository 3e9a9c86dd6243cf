#!/usr/bin/env bash
# Step 2: a trimmed Java runtime (jlink) with only the JDK modules the jar uses, found by jdeps.
# JavaFX is not a JDK module here: its classes and Linux natives travel in the shaded jar and load from the
# class path (studio.queryset.Launcher does not extend Application, so no module path is needed).
set -euo pipefail
cd "$(dirname "$0")/.."
source installer/lib.sh

[ -f "$JAR" ] || installer/build-jar.sh

# What the classes reference, statically.
detected=$(jdeps --ignore-missing-deps --multi-release 17 --print-module-deps "$JAR")
# What they need only at run time, which jdeps cannot see: elliptic-curve TLS to PostgreSQL servers
# (jdk.crypto.ec), the character sets a JDBC server may speak (jdk.charsets), DNS lookups for host names
# (jdk.naming.dns).
extra=jdk.crypto.ec,jdk.charsets,jdk.naming.dns
modules="$detected,$extra"
echo "build-runtime: modules $modules"

rm -rf "$RUNTIME_DIR"
mkdir -p "$BUILD_DIR"
jlink --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$RUNTIME_DIR"
echo "$modules" > "$BUILD_DIR/modules.txt"
echo "build-runtime: $RUNTIME_DIR ($(size_mb "$RUNTIME_DIR") MB)"
