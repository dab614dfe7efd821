#!/usr/bin/env bash
# check on a generated 100,000-resource Terraform plan against Python's json.load of the same file.
#
#   bench/checkplan/run.sh [--no-build] [bench.py options, e.g. --resources 20000 --pairs 3]
#
# The jar measured is cli/target/ecs-public-ip-rule.jar, built first unless --no-build. The plan and the
# results go to bench/results/checkplan/ (the plan is generated once and kept).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/results/checkplan
build=1
passthrough=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; python3 bench/checkplan/bench.py --help; exit 0 ;;
    *) passthrough+=("$1") ;;
  esac
  shift
done
if [ "$build" = 1 ]; then
  mvn -B -q -o package -DskipTests -pl cli -am
fi
python3 bench/checkplan/bench.py --jar cli/target/ecs-public-ip-rule.jar --out "$out" "${passthrough[@]}"
