#!/usr/bin/env bash
# Step 4: the Debian package (jpackage --type deb) from the app image of step 3:
# target/installer/packages/queryset-studio_<version>_amd64.deb. It installs to /opt/queryset-studio, adds a
# desktop entry (category Development) with the app icon, and registers .qsdesign files
# (application/x-queryset-design) to open in the app. The desktop entry is ours (installer/resources/
# queryset-studio.desktop; jpackage fills in the launcher, icon and description): jpackage 17's own has no
# "%f" in Exec, so a double-clicked design would start the app without it. Runs steps 1-3 first unless SKIP_BUILD=1 and their
# output exists. jpackage needs fakeroot and dpkg-deb/dpkg-shlibdeps (Debian: fakeroot, dpkg-dev) and
# objcopy (binutils); they are installed when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source installer/lib.sh

need_command fakeroot fakeroot
need_command dpkg-shlibdeps dpkg-dev
need_command objcopy binutils

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -x "$IMAGE_DIR/$APP_NAME/bin/$APP_NAME" ]; then
  installer/build-jar.sh
  installer/build-runtime.sh
  installer/build-app-image.sh
fi

rm -rf "$PACKAGE_DIR"
mkdir -p "$PACKAGE_DIR"
jpackage --type deb \
  --app-image "$IMAGE_DIR/$APP_NAME" \
  --name "$APP_NAME" \
  --app-version "$(app_version)" \
  --vendor "QuerySet Studio" \
  --description "Design Django-style QuerySets on a canvas; see the SQL, the Java code and the rows." \
  --icon assets/icons/queryset-studio-512.png \
  --file-associations installer/qsdesign.properties \
  --linux-package-name "$APP_NAME" \
  --linux-deb-maintainer "queryset-studio@localhost" \
  --linux-app-category devel \
  --linux-menu-group "Development" \
  --linux-shortcut \
  --resource-dir installer/resources \
  --dest "$PACKAGE_DIR" ${JPACKAGE_VERBOSE:+--verbose}
deb=$(ls "$PACKAGE_DIR"/*.deb)
echo "build-deb: $deb ($(du -m "$deb" | cut -f1) MB)"
