#!/usr/bin/env bash
# Times the small commands (docs/benchmarks.md, "Commands that answer at once (issue 13)"): a
# one-row `load budgets`, `account PSN_NO` and the preview of an empty month, each cold (the command
# starts the embedded database itself) and warm (a `serve` of this checkout already runs it), RUNS
# times, the launchers given alternating run by run; prints every time and the medians (wall
# seconds, and user + system CPU seconds).
#
#   docs/bench-commands.sh [RUNS] [LAUNCHER...]
#
# A LAUNCHER is a command line that runs medsettle on this checkout's home, default ./medsettle;
# to compare with an older build: "java -Xmx2g -Dmedsettle.home=$PWD -jar /elsewhere/medsettle.jar".
# It loads a generated city's institutions and members once (20 members), and uses port 18731 for
# the warm runs. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
launchers=("$@")
[ ${#launchers[@]} -gt 0 ] || launchers=("./medsettle")
port=${MEDSETTLE_BENCH_PORT:-18731}
city=var/bench-commands
mkdir -p "$city"

./medsettle generate "$city" --members 20 --months 1 >/dev/null
./medsettle load institutions "$city/institutions.csv" >/dev/null
./medsettle load members "$city/members.csv" >/dev/null
printf 'year,month,control_total\n2031,1,1000.00\n' >"$city/budgets-1.csv"
member=$(sed -n 2p "$city/members.csv" | cut -d, -f1)
commands=("load budgets $city/budgets-1.csv" "account $member" "month-end --period 2031-05")

times="$city/times.txt"
: >"$times"
measure() { # state launcher-index command...
  local state=$1 index=$2; shift 2
  /usr/bin/time -f "%e %U %S" -o "$city/time.txt" ${launchers[$index]} "$@" >/dev/null 2>&1 || true
  read -r wall user sys <"$city/time.txt"
  echo "$state|$index|$*|$wall|$(echo "$user + $sys" | bc)" | tee -a "$times"
}

for state in cold warm; do
  serve=
  if [ "$state" = warm ]; then
    ./medsettle serve --port "$port" >"$city/serve.log" 2>&1 &
    serve=$!
    until grep -q '^running' "$city/serve.log"; do sleep 1; done
  fi
  for ((r = 0; r < runs; r++)); do
    for c in "${commands[@]}"; do
      for i in "${!launchers[@]}"; do
        # shellcheck disable=SC2086
        measure "$state" "$i" $c
      done
    done
  done
  if [ -n "$serve" ]; then
    kill -TERM "$serve"
    wait "$serve" || true
  fi
done

echo
echo "median wall s / CPU s (user + sys), $runs runs each; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!launchers[@]}"; do
  echo "launcher $i: ${launchers[$i]}"
  for state in cold warm; do
    for c in "${commands[@]}"; do
      median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
      wall=$(awk -F'|' -v s="$state" -v i="$i" -v c="$c" '$1 == s && $2 == i && $3 == c {print $4}' "$times" | median)
      cpu=$(awk -F'|' -v s="$state" -v i="$i" -v c="$c" '$1 == s && $2 == i && $3 == c {print $5}' "$times" | median)
      printf '  %-5s %-40s %6s %6s\n' "$state" "${c%% var/*}" "$wall" "$cpu"
    done
  done
done
