#!/usr/bin/env bash
# run-isolated.sh LIMIT_S EXIT_FILE COMMAND...
# Runs COMMAND in a session of its own, kills it after LIMIT_S seconds, then kills
# whatever it left running (servers, browsers, executors a test forgot): what is
# still in its session, and what carries its run id in the environment (children
# started with `detached: true` have sessions of their own). Writes COMMAND's exit
# status (124 on time-out) to EXIT_FILE.
set -uo pipefail
limit_s="$1"
exit_file="$2"
shift 2

run_id="$(basename "$exit_file")-$$-$RANDOM"
RPA_TEST_RUN_ID="$run_id" setsid "$@" &
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

# Processes of this run: its session, and any process whose environment names the run id.
run_processes() {
  {
    pgrep -s "$session"
    grep -lsz "^RPA_TEST_RUN_ID=$run_id\$" /proc/[0-9]*/environ | cut -d/ -f3
  } | grep -vx "$$" | sort -un | paste -sd, -
}

leftovers=$(run_processes)
if [ -n "$leftovers" ]; then
  echo "left running by '$*' (killed):" >&2
  ps -o pid=,args= -p "$leftovers" >&2
  kill -KILL ${leftovers//,/ } 2>/dev/null
  touch "$exit_file.leftovers"
fi
echo "$status" >"$exit_file"
exit "$status"
