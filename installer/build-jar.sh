#!/usr/bin/env bash
# Step 1: the shaded jar (the app, JavaFX for Linux, the JDBC drivers) — target/queryset-studio.jar.
# Tests are skipped: they run in `mvn -B verify`, not here.
set -euo pipefail
cd "$(dirname "$0")/.."
source installer/lib.sh

mvn -B -q package -DskipTests "$@"
echo "build-jar: $JAR ($(size_mb "$JAR") MB)"
