#!/usr/bin/env bash
# Start-up time of the app image (or of LAUNCHER=/opt/queryset-studio/bin/queryset-studio): milliseconds from
# launch until the main window is mapped (xdotool), RUNS times (default 3), on display DISPLAY_NUM (default 95,
# an Xvfb is started there unless one answers). Each run gets a fresh settings folder. Prints one line a run.
set -uo pipefail
cd "$(dirname "$0")/.."
source installer/lib.sh

LAUNCHER=$(realpath -m "${LAUNCHER:-$IMAGE_DIR/$APP_NAME/bin/$APP_NAME}")
DISPLAY_NUM=${DISPLAY_NUM:-95}
[ -x "$LAUNCHER" ] || { echo "measure-startup: no launcher at $LAUNCHER (run installer/build-app-image.sh)" >&2; exit 1; }
need_command xdotool xdotool
need_command Xvfb xvfb

xvfb_pid=""
if ! DISPLAY=:$DISPLAY_NUM xdotool getdisplaygeometry >/dev/null 2>&1; then
  Xvfb ":$DISPLAY_NUM" -screen 0 1440x900x24 >/dev/null 2>&1 &
  xvfb_pid=$!
  sleep 2
fi
export DISPLAY=:$DISPLAY_NUM
for run in $(seq 1 "${RUNS:-3}"); do
  work=$(mktemp -d)
  start=$(date +%s%N)
  (cd "$work" && XDG_CONFIG_HOME=$work/config exec "$LAUNCHER" >/dev/null 2>&1) &
  pid=$!
  window=""
  for _ in $(seq 1 1200); do
    window=$(xdotool search --onlyvisible --name 'QuerySet Studio' 2>/dev/null | head -1)
    [ -n "$window" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if [ -n "$window" ]; then
    echo "measure-startup: run $run: window mapped after $(( ($(date +%s%N) - start) / 1000000 )) ms (load $(cut -d' ' -f1 /proc/loadavg))"
  else
    echo "measure-startup: run $run: no window within 60 s"
  fi
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rm -rf "$work"
done
[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
exit 0
