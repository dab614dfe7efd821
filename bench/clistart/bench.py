"""CLI start-up benchmark: two builds of the CLI jar, side by side, a fresh JVM per run.

Each case is one command line run as a user runs it (`java -jar JAR ...`). Runs alternate between the
baseline jar and the jar measured, in pairs whose order flips each time, so noise from the shared machine
hits both alike. Every run must exit as the case expects, and `check` must print the same result rows on both
sides, or the benchmark stops. Run it through run.sh.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

CASES = [
    # name, arguments after the jar, expected exit code, stdout must match the baseline's
    ("check one template", ["check", "test-events/check/cfn-service-public-ip-enabled.yaml"], 1, True),
    ("scan --help", ["scan", "--help"], 0, False),
]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--baseline", required=True, help="the jar to compare against (e.g. main's build)")
    p.add_argument("--jar", required=True, help="the jar measured")
    p.add_argument("--pairs", type=int, default=15)
    p.add_argument("--java", default="java")
    p.add_argument("--measured-option", action="append", default=[], metavar="OPT",
                   help="a JVM option for the measured jar only (repeatable; write --measured-option=-XX:...)")
    p.add_argument("--baseline-option", action="append", default=[], metavar="OPT",
                   help="a JVM option for the baseline jar only (repeatable)")
    p.add_argument("--cpus", help="run every process on these CPUs only (taskset list, e.g. 0)")
    p.add_argument("--out", required=True, help="directory for the results")
    return p.parse_args()


def run_once(args, jar, case, home, options=()):
    command = [args.java, *options, "-jar", jar, *case[1]]
    if args.cpus:
        command = ["taskset", "-c", args.cpus, *command]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8", "TZ": "UTC"}
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter_ns()
        process = subprocess.Popen(command, env=env, stdout=stdout, stderr=stderr)
        # wait4's rusage adds up the scheduler's exact run time, not the 10 ms ticks of os.times()
        _, status, usage = os.wait4(process.pid, 0)
        wall_ms = (time.perf_counter_ns() - start) / 1e6
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read(), stderr.read()
    cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000
    if process.returncode != case[2]:
        sys.exit("run failed (exit %d, expected %d): %s\n%s" % (
            process.returncode, case[2], " ".join(command), err.decode(errors="replace")[-2000:]))
    return wall_ms, cpu_ms, out


def verdicts(out):
    # the result rows; the closing "checked ..." count line may be worded differently between commits
    return [line for line in out.splitlines() if not line.startswith(b"checked ")]


def summary(values):
    values = sorted(values)
    return {"median": statistics.median(values), "min": values[0],
            "p90": values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]}


def main():
    args = parse_args()
    os.makedirs(args.out, exist_ok=True)
    load_before = os.getloadavg()
    sides = {"baseline": args.baseline, "measured": args.jar}
    options = {"baseline": args.baseline_option, "measured": args.measured_option}
    results = {}
    with tempfile.TemporaryDirectory() as home:  # no ~/.aws, no user settings
        for case in CASES:
            wall = {side: [] for side in sides}
            cpu = {side: [] for side in sides}
            outputs = {}
            for side in sides:  # one warm-up each: the page cache, not the JVM, is what it warms
                outputs[side] = run_once(args, sides[side], case, home, options[side])[2]
            if case[3] and verdicts(outputs["baseline"]) != verdicts(outputs["measured"]):
                sys.exit("%s: the two jars print different results" % case[0])
            for pair in range(args.pairs):
                order = list(sides) if pair % 2 == 0 else list(reversed(list(sides)))
                for side in order:
                    wall_ms, cpu_ms, _ = run_once(args, sides[side], case, home, options[side])
                    wall[side].append(wall_ms)
                    cpu[side].append(cpu_ms)
            results[case[0]] = {side: {"wall_ms": summary(wall[side]), "cpu_ms": summary(cpu[side])} for side in sides}
            base, measured = results[case[0]]["baseline"], results[case[0]]["measured"]
            results[case[0]]["ratio_wall_median"] = measured["wall_ms"]["median"] / base["wall_ms"]["median"]
            results[case[0]]["ratio_cpu_median"] = measured["cpu_ms"]["median"] / base["cpu_ms"]["median"]
    record = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "baseline": args.baseline, "measured": args.jar, "pairs": args.pairs, "cpus": args.cpus,
        "baseline_options": args.baseline_option, "measured_options": args.measured_option,
        "machine": "%s, %d CPUs, %s" % (platform.machine(), os.cpu_count(), platform.platform()),
        "java": subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0],
        "cases": results,
        "load": ["%.1f" % load_before[0], "%.1f" % os.getloadavg()[0]],
    }
    name = os.path.join(args.out, "clistart-%s.json" % time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()))
    with open(name, "w", encoding="utf-8") as f:
        json.dump(record, f, indent=2)
    # CPU time (user + system, of the process and its JVM threads) is the steadier figure on a shared
    # machine: wall time also counts waiting for a core.
    print("%-20s %-9s %10s %10s %10s %11s %10s" % (
        "case", "side", "wall med", "wall p90", "cpu med", "wall ratio", "cpu ratio"))
    for case, r in results.items():
        for side in sides:
            s = r[side]
            wall = "" if side == "baseline" else "%.3f" % r["ratio_wall_median"]
            cpu = "" if side == "baseline" else "%.3f" % r["ratio_cpu_median"]
            print("%-20s %-9s %8.0fms %8.0fms %8.0fms %11s %10s" % (
                case, side, s["wall_ms"]["median"], s["wall_ms"]["p90"], s["cpu_ms"]["median"], wall, cpu))
    print("load average before and after: %s" % record["load"])
    print("%s, %s; kept in %s" % (record["date"], record["machine"], name))


if __name__ == "__main__":
    main()
