#!/usr/bin/env bash
# CLI start-up benchmark: `check` on one bundled template and `scan --help`, each a fresh JVM, the jar
# measured against a baseline jar, side by side (alternating pairs).
#
#   bench/clistart/run.sh [--no-build] [--baseline-commit REV] [--baseline JAR] [bench.py options]
#
# The jar measured is cli/target/ecs-public-ip-rule.jar, built first unless --no-build. The baseline is
# JAR, or REV's CLI jar (built once in a scratch git worktree and kept as
# bench/results/clistart/baseline-REV.jar); the default REV is main. Results: bench/results/clistart/.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/results/clistart
build=1
rev=main
baseline=""
passthrough=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --baseline-commit) rev="$2"; shift ;;
    --baseline) baseline="$2"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; python3 bench/clistart/bench.py --help; exit 0 ;;
    *) passthrough+=("$1") ;;
  esac
  shift
done
mkdir -p "$out"
if [ -z "$baseline" ]; then
  short=$(git rev-parse --short "$rev")
  baseline="$out/baseline-$short.jar"
  if [ ! -f "$baseline" ]; then
    scratch=$(mktemp -d)
    git worktree add --detach "$scratch/src" "$short" >/dev/null
    (cd "$scratch/src" && mvn -B -q -o package -DskipTests -pl cli -am)
    cp "$scratch/src/cli/target/ecs-public-ip-rule.jar" "$baseline"
    git worktree remove --force "$scratch/src"
    rm -rf "$scratch"
  fi
fi
if [ "$build" = 1 ]; then
  mvn -B -q -o package -DskipTests -pl cli -am
fi
python3 bench/clistart/bench.py --baseline "$baseline" --jar cli/target/ecs-public-ip-rule.jar --out "$out" \
  "${passthrough[@]+"${passthrough[@]}"}"
