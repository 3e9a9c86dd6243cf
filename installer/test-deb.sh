#!/usr/bin/env bash
# End-to-end check of the Debian package on this machine (slow, needs root; not part of `mvn verify`):
# builds the .deb (SKIP_BUILD=1 reuses target/installer/), installs it with dpkg -i, checks the desktop entry
# and the .qsdesign association, starts the installed app on a design file under Xvfb, waits for its window
# (and reports the start-up time to a visible window), runs the query with Ctrl+Enter, takes a screenshot,
# checks the app is still alive, then removes the package. Exit 0 only when every check passed.
#   DISPLAY_NUM=95        the X display to use (an Xvfb is started there unless one already answers)
#   SCREENSHOT=path.png   where the screenshot goes (default target/installer/installed-deb.png)
#   RUN_WAIT=10           seconds the query gets to run before the screenshot (the first run loads SQLite)
set -uo pipefail
cd "$(dirname "$0")/.."
source installer/lib.sh

DISPLAY_NUM=${DISPLAY_NUM:-95}
SCREENSHOT=${SCREENSHOT:-$BUILD_DIR/installed-deb.png}
INSTALLED=/opt/$APP_NAME/bin/$APP_NAME
failures=0
check() { # check DESCRIPTION COMMAND...: runs the command, reports, counts failures
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then
    echo "test-deb: ok    $what"
  else
    echo "test-deb: FAIL  $what"
    failures=$((failures + 1))
  fi
}

[ "$(id -u)" = 0 ] || { echo "test-deb: run as root (it installs and removes a package)" >&2; exit 1; }
need_command xdotool xdotool
need_command xwininfo x11-utils
need_command Xvfb xvfb
need_command import imagemagick

if [ "${SKIP_BUILD:-0}" != 1 ] || ! ls "$PACKAGE_DIR"/*.deb >/dev/null 2>&1; then
  installer/build-deb.sh || { echo "test-deb: the package did not build" >&2; exit 1; }
fi
deb=$(ls "$PACKAGE_DIR"/*.deb | head -1)
echo "test-deb: package $deb ($(du -m "$deb" | cut -f1) MB)"

# ---- install
if dpkg -s "$APP_NAME" >/dev/null 2>&1; then
  dpkg -P "$APP_NAME" >/dev/null 2>&1
fi
# dpkg -i does not fetch dependencies (xdg-utils, X libraries); apt-get -f install brings them and finishes.
if ! dpkg -i "$deb" >/tmp/test-deb-dpkg.log 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get -f install -y -q >>/tmp/test-deb-dpkg.log 2>&1
fi
check "package installed" sh -c "dpkg -s $APP_NAME | grep -q 'Status: install ok installed'"
check "launcher at $INSTALLED" test -x "$INSTALLED"
check "sample blog beside the jar" test -f "/opt/$APP_NAME/lib/app/sample-db/blog.sqlite3"
desktop=$(ls /usr/share/applications/*"$APP_NAME"*.desktop 2>/dev/null | head -1)
check "desktop entry installed" test -n "$desktop"
check "desktop entry: name, category, %f, MIME type" sh -c "grep -q '^Name=QuerySet Studio' '$desktop' \
  && grep -q '^Categories=Development;' '$desktop' && grep -q '^Exec=$INSTALLED %f' '$desktop' \
  && grep -q '^MimeType=application/x-queryset-design;' '$desktop'"
check "MIME type application/x-queryset-design registered for *.qsdesign" \
  grep -rqs 'application/x-queryset-design' /usr/share/mime/packages/
check "MIME database maps *.qsdesign (globs2)" grep -qs 'application/x-queryset-design:\*\.qsdesign' \
  /usr/share/mime/globs2
check "icon for the MIME type" sh -c "ls /usr/share/icons/hicolor/128x128/mimetypes/application-x-queryset-design.png"

# ---- start it on a design, the way a double-click does, from a folder without the project's sample
work=$(mktemp -d)
design=$work/popular-posts.qsdesign
cat > "$design" <<'JSON'
{
  "format": "queryset-studio-design",
  "version": 1,
  "name": "popular posts",
  "django": "Post.objects.select_related(\"author\").filter(view_count__gt=100).order_by(\"-view_count\")[:20]",
  "positions": {},
  "params": {}
}
JSON
xvfb_pid=""
if ! DISPLAY=:$DISPLAY_NUM xdotool getdisplaygeometry >/dev/null 2>&1; then
  Xvfb ":$DISPLAY_NUM" -screen 0 1440x900x24 >/dev/null 2>&1 &
  xvfb_pid=$!
  sleep 2
fi
export DISPLAY=:$DISPLAY_NUM
start=$(date +%s%N)
(cd "$work" && XDG_CONFIG_HOME=$work/config exec "$INSTALLED" "$design" >"$work/app.log" 2>&1) &
app_pid=$!
window=""
for _ in $(seq 1 600); do # up to 60 s
  window=$(xdotool search --onlyvisible --name 'QuerySet Studio' 2>/dev/null | head -1)
  [ -n "$window" ] && break
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -n "$window" ]; then
  startup_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "test-deb: window mapped ${startup_ms} ms after launch"
  echo "$startup_ms" > "$BUILD_DIR/startup-ms.txt"
fi
check "window appeared" test -n "$window"
# the design opens once the window shows: the title names its file
for _ in $(seq 1 100); do
  xdotool getwindowname "$window" 2>/dev/null | grep -q 'popular-posts.qsdesign' && break
  sleep 0.1
done
check "the .qsdesign argument opened (title: $(xdotool getwindowname "$window" 2>/dev/null))" \
  sh -c "xdotool getwindowname '$window' | grep -q 'popular-posts.qsdesign'"
check "window is big enough to be the main window" sh -c \
  "xwininfo -id '$window' | awk '/Width:/{w=\$2} /Height:/{h=\$2} END{exit !(w>=900 && h>=600)}'"

# run the query as a user would (Ctrl+Enter), let the rows arrive, then look
xdotool windowactivate --sync "$window" >/dev/null 2>&1 || xdotool windowfocus "$window" >/dev/null 2>&1
sleep 1
xdotool key --window "$window" ctrl+Return
sleep "${RUN_WAIT:-10}"
import -window root "$SCREENSHOT"
check "screenshot $SCREENSHOT" test -s "$SCREENSHOT"
check "app still running" kill -0 "$app_pid"
check "no exception in the app's output" sh -c "! grep -q 'Exception' '$work/app.log'"

# ---- clean up: the app, the X server we started, the package
kill "$app_pid" 2>/dev/null
wait "$app_pid" 2>/dev/null
[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
dpkg -r "$APP_NAME" >>/tmp/test-deb-dpkg.log 2>&1
check "package removed (dpkg -r)" sh -c "! dpkg -s $APP_NAME 2>/dev/null | grep -q 'Status: install ok installed'"
check "/opt/$APP_NAME gone" test ! -e "/opt/$APP_NAME"
dpkg -P "$APP_NAME" >>/tmp/test-deb-dpkg.log 2>&1
check "desktop entry removed" sh -c "! ls /usr/share/applications/*$APP_NAME*.desktop"
check "MIME type removed" sh -c "! grep -rqs 'application/x-queryset-design' /usr/share/mime/packages/"
rm -rf "$work"

if [ "$failures" = 0 ]; then
  echo "test-deb: PASSED"
  exit 0
fi
echo "test-deb: $failures check(s) FAILED (dpkg's output: /tmp/test-deb-dpkg.log)"
exit 1
