#!/usr/bin/env bash
# Step 3: the app image (jpackage --type app-image) — a folder with a native launcher, the jlink runtime,
# the jar and the sample blog: target/installer/image/queryset-studio/.
#   bin/queryset-studio          the launcher (arguments go to the app: a .qsdesign path opens that design)
#   lib/app/queryset-studio.jar  the shaded jar
#   lib/app/sample-db/           blog.sqlite3 and blog/models.py: the app finds them beside its jar
#                                (ProjectHome's "folder of the jar"), so the installed app opens on the sample
#   lib/runtime/                 the jlink runtime from step 2
set -euo pipefail
cd "$(dirname "$0")/.."
source installer/lib.sh

[ -f "$JAR" ] || installer/build-jar.sh
[ -x "$RUNTIME_DIR/bin/java" ] || installer/build-runtime.sh

# jpackage copies everything in --input into lib/app: the jar and the sample it opens on.
rm -rf "$INPUT_DIR" "$IMAGE_DIR"
mkdir -p "$INPUT_DIR/sample-db/blog" "$IMAGE_DIR"
cp "$JAR" "$INPUT_DIR/"
cp sample-db/blog.sqlite3 "$INPUT_DIR/sample-db/"
cp sample-db/blog/models.py "$INPUT_DIR/sample-db/blog/"

jpackage --type app-image \
  --name "$APP_NAME" \
  --app-version "$(app_version)" \
  --vendor "QuerySet Studio" \
  --description "Design Django-style QuerySets on a canvas; see the SQL, the Java code and the rows." \
  --icon assets/icons/queryset-studio-512.png \
  --input "$INPUT_DIR" \
  --main-jar "$(basename "$JAR")" \
  --main-class studio.queryset.Launcher \
  --runtime-image "$RUNTIME_DIR" \
  --java-options "-Xmx1g" \
  --dest "$IMAGE_DIR"
echo "build-app-image: $IMAGE_DIR/$APP_NAME ($(size_mb "$IMAGE_DIR/$APP_NAME") MB)"
