# Shared helpers for the installer scripts (sourced, not run).

# need_command CMD DEBIAN_PACKAGE: installs the Debian package when CMD is missing (as root, or via sudo).
need_command() {
  local cmd=$1 pkg=$2
  if command -v "$cmd" >/dev/null 2>&1; then
    return 0
  fi
  echo "installer: '$cmd' is missing; installing Debian package $pkg" >&2
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    sudo=sudo
  fi
  if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >/dev/null; then
    # A fresh machine may have no package lists yet.
    $sudo apt-get update -q >/dev/null
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >/dev/null
  fi
  command -v "$cmd" >/dev/null 2>&1 || { echo "installer: $pkg did not provide '$cmd'" >&2; exit 1; }
}

# The version jpackage stamps on the package: the Maven version without -SNAPSHOT (jpackage wants digits).
app_version() {
  sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1
}

APP_NAME=queryset-studio
APP_TITLE="QuerySet Studio"
BUILD_DIR=target/installer
JAR=target/queryset-studio.jar
RUNTIME_DIR=$BUILD_DIR/runtime
INPUT_DIR=$BUILD_DIR/input
IMAGE_DIR=$BUILD_DIR/image
PACKAGE_DIR=$BUILD_DIR/packages

# Prints a folder's size in MB (for the build's summary).
size_mb() {
  du -sm "$1" | cut -f1
}
