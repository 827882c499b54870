#!/usr/bin/env bash
# run-isolated.sh LIMIT_S EXIT_FILE COMMAND...
# Runs COMMAND in a session of its own, kills it after LIMIT_S seconds, then kills
# whatever it left running in that session (servers, browsers, executors a test
# forgot), and writes COMMAND's exit status (124 on time-out) to EXIT_FILE.
set -uo pipefail
limit_s="$1"
exit_file="$2"
shift 2

setsid "$@" &
session=$!
sleep "$limit_s" &
sleeper=$!

wait -n -p finished "$session" "$sleeper"
status=$?
if [ "$finished" = "$sleeper" ]; then
  echo "watchdog: '$*' still running after ${limit_s}s: killed" >&2
  pkill -KILL -s "$session"
  wait "$session" 2>/dev/null
  status=124
else
  kill "$sleeper" 2>/dev/null
  wait "$sleeper" 2>/dev/null
fi

leftovers=$(pgrep -s "$session" | paste -sd, -)
if [ -n "$leftovers" ]; then
  echo "left running by '$*' (killed):" >&2
  ps -o pid=,args= -p "$leftovers" >&2
  pkill -KILL -s "$session"
  touch "$exit_file.leftovers"
fi
echo "$status" >"$exit_file"
exit "$status"
