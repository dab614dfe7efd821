"""Cold-start benchmark harness: the Java evaluator against the Python comparator, side by side.

Every run is a fresh process (a Lambda cold start: runtime start, class or module loading, TLS handshake,
credentials and region resolution) that handles one Config change event and puts its evaluation to the
loopback HTTPS stand-in of Config. Runs alternate Java/Python, in pairs whose order flips each time, so
noise from the shared machine hits both sides alike. Every run must put exactly the expected evaluation,
or the benchmark stops.

Run it through run.sh, which builds the artifact, makes the TLS material and starts the stand-in.
"""

import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jar", required=True, help="the Java deployment artifact")
    p.add_argument("--driver-classes", required=True, help="where ColdStartDriver.class is")
    p.add_argument("--handler", default="dev.ecspublicip.lambda.ConfigRuleHandler")
    p.add_argument("--priming", default="dev.ecspublicip.lambda.SnapStartPriming",
                   help="the org.crac resource that primes before a SnapStart snapshot")
    p.add_argument("--event", required=True)
    p.add_argument("--endpoint", required=True, help="the stand-in's https URL")
    p.add_argument("--calls", required=True, help="the stand-in's calls file")
    p.add_argument("--truststore", required=True, help="PKCS12 truststore for Java (JDK CAs + the stand-in)")
    p.add_argument("--ca-bundle", required=True, help="PEM bundle for boto3 (system CAs + the stand-in)")
    p.add_argument("--pairs", type=int, default=11)
    p.add_argument("--warm", type=int, default=50, help="invocations for the warm-latency figure")
    p.add_argument("--java", default="java")
    p.add_argument("--python", default="/usr/bin/python3")
    p.add_argument("--java-opt", action="append", default=[], help="extra JVM option (repeatable)")
    p.add_argument("--memory-mb", type=int, default=512, help="the Lambda memory size the JVM heap is sized for")
    p.add_argument("--variant", action="append", default=[], metavar="NAME=CLASSPATH[|JVM OPTIONS]",
                   help="compare these Java artifacts (and JVM options) instead: lever measurements; repeatable")
    p.add_argument("--cpus", help="run every process on these CPUs only (taskset list, e.g. 0)")
    p.add_argument("--out", required=True, help="directory for the results")
    return p.parse_args()


def lambda_heap_mb(memory_mb):
    # Lambda's Java runtimes give the heap most of the function's memory, about 85%.
    return int(memory_mb * 0.85)


def environment(args, home):
    """What Lambda gives a function's process, pointed at the stand-in. No profile files exist."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "LANG": "C.UTF-8",
        "TZ": "UTC",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "ASIABENCHMARKEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "benchmark/secret/key/not/real/0000000000",
        "AWS_SESSION_TOKEN": "benchmark-session-token",
        "AWS_LAMBDA_FUNCTION_NAME": "ecs-public-ip-rule-evaluator",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(args.memory_mb),
        "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        "AWS_ENDPOINT_URL_CONFIG_SERVICE": args.endpoint,
        "AWS_CA_BUNDLE": args.ca_bundle,
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return env


def pinned(args, command):
    return ["taskset", "-c", args.cpus, *command] if args.cpus else command


def variant(args, spec, extra=()):
    """A lever variant, CLASSPATH[|OPTIONS]: OPTIONS are JVM options, and env:NAME=VALUE environment changes
    (an empty VALUE removes the variable). Returns (command, environment changes)."""
    classpath, _, options = spec.partition("|")
    jvm = [o for o in options.split() if not o.startswith("env:")]
    changes = dict(o[4:].split("=", 1) for o in options.split() if o.startswith("env:"))
    return java_command(args, classpath, [*jvm, *extra]), changes


def java_command(args, jar, extra=()):
    """The Java run of the artifact (or class path) `jar`."""
    return pinned(args, [args.java,
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx%dm" % lambda_heap_mb(args.memory_mb),
            "-Djavax.net.ssl.trustStore=" + args.truststore,
            "-Djavax.net.ssl.trustStoreType=PKCS12",
            *args.java_opt, *extra,
            "-cp", jar + os.pathsep + args.driver_classes,
            "ColdStartDriver", args.handler, args.event])


def python_command(args):
    return pinned(args, [args.python, os.path.join(HERE, "invoke_python.py"), args.event])


class Calls:
    """Reads what the stand-in recorded since the last look."""

    def __init__(self, path):
        self.path = path
        self.seen = self._lines()

    def _lines(self):
        with open(self.path, encoding="utf-8") as f:
            return f.read().splitlines()

    def new(self):
        lines = self._lines()
        fresh, self.seen = lines[len(self.seen):], lines
        return [json.loads(line) for line in fresh]


def run_once(command, env, calls, expected, scratch):
    """One fresh process; returns its measurements after checking it put exactly `expected`."""
    out_path, err_path = os.path.join(scratch, "stdout"), os.path.join(scratch, "stderr")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.time_ns() // 1000
        process = subprocess.Popen(command, env={k: v for k, v in env.items() if v}, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        exited = time.time_ns() // 1000
    process.returncode = os.waitstatus_to_exitcode(status)
    with open(out_path, encoding="utf-8") as f:
        output = f.read()
    marks = dict(re.findall(r"^(\w+)=(\d+)$", output, re.M))
    if process.returncode != 0 or "done" not in marks:
        with open(err_path, encoding="utf-8", errors="replace") as f:
            sys.exit("run failed (exit %d): %s\n%s" % (process.returncode, " ".join(command), f.read()[-3000:]))
    put = calls.new()
    check_put(put, expected, command)
    result = {
        "cold_ms": (int(marks["done"]) - start) / 1000,
        "ready_ms": (int(marks["ready"]) - start) / 1000,
        "exit_ms": (exited - start) / 1000,
        "cpu_ms": (usage.ru_utime + usage.ru_stime) * 1000,
        "rss_mb": usage.ru_maxrss / 1024,
    }
    if "restored" in marks:
        result["after_restore_ms"] = (int(marks["done"]) - int(marks["restored"])) / 1000
        result["priming_ms"] = (int(marks["restored"]) - int(marks["ready"])) / 1000
    for key in ("warm_us", "modules"):
        if key in marks:
            result[key] = int(marks[key])
    return result


def check_put(put, expected, command):
    evaluations = [e for call in put for e in call["body"].get("Evaluations", [])]
    problems = [call["problem"] for call in put if call["problem"]]
    ok = not problems and len(put) >= 1 and all(
        e["ComplianceResourceId"] == expected["ComplianceResourceId"]
        and e["ComplianceType"] == expected["ComplianceType"] for e in evaluations) and evaluations
    if not ok:
        sys.exit("%s did not put the expected evaluation: %s" % (" ".join(command[:2]), json.dumps(put)[:2000]))


def artifact_size(path):
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)
    return os.path.getsize(path)


def count_classes(args, spec, env, calls, expected, scratch):
    log = os.path.join(scratch, "classes.log")
    command, changes = variant(args, spec, ["-Xlog:class+load=info:file=" + log])
    run_once(command, {**env, **changes}, calls, expected, scratch)
    with open(log, encoding="utf-8") as f:
        lines = f.read().splitlines()
    shared = sum(1 for line in lines if "shared objects file" in line)
    from_jar = sum(1 for line in lines if "source: file:" in line or "source: jar:" in line)
    return len(lines), shared, from_jar


def median(runs, key):
    return statistics.median(r[key] for r in runs)


def spread(runs, key):
    values = sorted(r[key] for r in runs)
    return values[0], values[-1]


def version_of(command):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
        return (done.stdout + done.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "?"


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = re.search(r"^model name\s*:\s*(.+)$", f.read(), re.M).group(1)
    except (OSError, AttributeError):
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            memory = ", %.0f GiB" % (int(re.search(r"^MemTotal:\s+(\d+)", f.read(), re.M).group(1)) / 1048576)
    except (OSError, AttributeError):
        pass
    return "%s, %d cores%s, %s %s" % (cpu, os.cpu_count(), memory, platform.system(), platform.release())


def alternate(commands, rounds, env, calls, expected, scratch):
    """Runs every command once per round, rotating the order each round; returns the runs per name."""
    names = list(commands)
    # A command is an argument list, or (argument list, environment changes).
    def run(name):
        command, changes = commands[name] if isinstance(commands[name], tuple) else (commands[name], {})
        return run_once(command, {**env, **changes}, calls, expected, scratch)

    for name in names:  # one unmeasured run each, so all start from a warm page cache
        run(name)
    runs = {name: [] for name in names}
    for round_ in range(rounds):
        shift = round_ % len(names)
        order = names[shift:] + names[:shift]
        if round_ % 2:
            order.reverse()
        for name in order:
            runs[name].append(run(name))
        print("round %d/%d: %s" % (round_ + 1, rounds, ", ".join(
            "%s %.0f ms" % (name, runs[name][-1]["cold_ms"]) for name in names)), file=sys.stderr)
    return runs


def header(args, jars):
    java_version = version_of([args.java, "-version"])
    python_version = version_of([args.python, "--version"])
    boto_version = version_of([args.python, "-c", "import boto3, botocore; print(boto3.__version__, botocore.__version__)"])
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return [
        "Cold-start benchmark, %s, on %s%s; load average %.1f at the end (other work on the machine)." % (
            now, machine(), ", every process pinned to CPU %s" % args.cpus if args.cpus else "",
            os.getloadavg()[0]),
        "Java: %s, %s, flags `-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx%dm%s`. "
        "Python: %s, boto3/botocore %s (Debian)." % (
            java_version, ", ".join("`%s`" % os.path.relpath(j.partition("|")[0].split(os.pathsep)[-1]) for j in jars),
            lambda_heap_mb(args.memory_mb),
            "".join(" " + o for o in args.java_opt), python_version, boto_version.replace(" ", "/")),
        "%d rounds, order rotated each round; median (min–max). Each run is a fresh process that handles one change event"
        " and puts one evaluation to a loopback HTTPS stand-in of Config." % args.pairs,
        "",
    ]


def cell(runs, key, unit="ms", fmt="%.0f"):
    low, high = spread(runs, key)
    return "%s %s (%s–%s)" % (fmt % median(runs, key), unit, fmt % low, fmt % high)


def full_table(args, env, calls, expected, scratch):
    java, python = java_command(args, args.jar), python_command(args)
    # The same artifact as Lambda initializes it for SnapStart, primed, then invoked as after a restore.
    snapstart = (java + ["--prime", args.priming], {"AWS_LAMBDA_INITIALIZATION_TYPE": "snap-start"})
    runs = alternate({"java": java, "python": python, "snapstart": snapstart}, args.pairs, env, calls, expected,
                     scratch)
    java_runs, python_runs, snapstart_runs = runs["java"], runs["python"], runs["snapstart"]
    java_warm = run_once(java + ["--warm", str(args.warm)], env, calls, expected, scratch)
    python_warm = run_once(python + ["--warm", str(args.warm)], env, calls, expected, scratch)
    classes, shared, from_jar = count_classes(args, args.jar, env, calls, expected, scratch)
    modules = python_runs[-1].get("modules", 0)
    python_artifact = os.path.getsize(os.path.join(HERE, "rule.py"))

    def row(name, key, unit="ms"):
        return "| %s | %s | %s | %.2f |" % (name, cell(java_runs, key, unit), cell(python_runs, key, unit),
                                            median(java_runs, key) / median(python_runs, key))

    return header(args, [args.jar]) + [
        "| metric | Java | Python | Java / Python |",
        "|---|---|---|---|",
        row("**cold start** (process start → evaluation put, handler returned)", "cold_ms"),
        row("time to handler-ready (process start → handler constructed / module imported)", "ready_ms"),
        row("process start → exit", "exit_ms"),
        row("CPU time, user + sys", "cpu_ms"),
        row("peak RSS", "rss_mb", "MiB"),
        "| warm invocation (median of %d in one process) | %.1f ms | %.1f ms | %.2f |" % (
            args.warm, java_warm["warm_us"] / 1000, python_warm["warm_us"] / 1000,
            java_warm["warm_us"] / python_warm["warm_us"]),
        "| SnapStart, emulated: first invocation after restore (Lambda's restore time not included) | %s | | |"
        % cell(snapstart_runs, "after_restore_ms"),
        "| SnapStart, emulated: init + priming, before the snapshot (paid once per published version) | %s | | |"
        % cell([dict(r, init_ms=r["ready_ms"] + r["priming_ms"]) for r in snapstart_runs], "init_ms"),
        "| classes / modules loaded (cold invocation) | %d classes (%d from the JDK's CDS archive, %d from"
        " the artifact) | %d modules | |" % (classes, shared, from_jar, modules),
        "| deployment artifact | %.1f MiB | %.1f KiB (rule.py; boto3 comes with the runtime) | |" % (
            os.path.getsize(args.jar) / 1048576, python_artifact / 1024),
    ], {"java": java_runs, "python": python_runs, "snapstart": snapstart_runs, "java_warm": java_warm,
        "python_warm": python_warm}


def train_class_data_sharing(args, spec, env, calls, expected, scratch):
    """For a variant run with -XX:SharedArchiveFile=F where F does not exist yet: a training run of the same
    command that writes F (an application class-data-sharing archive) at exit."""
    archive = next((o.split("=", 1)[1] for o in spec.partition("|")[2].split()
                    if o.startswith("-XX:SharedArchiveFile=")), None)
    if archive and not os.path.exists(archive):
        classpath, _, options = spec.partition("|")
        training = classpath + "|" + options.replace("-XX:SharedArchiveFile=", "-XX:ArchiveClassesAtExit=")
        command, changes = variant(args, training)
        run_once(command, {**env, **changes}, calls, expected, scratch)


def lever_table(args, env, calls, expected, scratch):
    variants = dict(v.split("=", 1) for v in args.variant)
    commands = {name: variant(args, spec) for name, spec in variants.items()}
    for name, spec in variants.items():
        train_class_data_sharing(args, spec, env, calls, expected, scratch)
    commands["python"] = python_command(args)
    runs = alternate(commands, args.pairs, env, calls, expected, scratch)
    python_cold = median(runs["python"], "cold_ms")
    lines = header(args, list(variants.values())) + [
        "| variant | cold start | Java / Python | handler-ready | CPU time | peak RSS | classes loaded | artifact |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, jar in variants.items():
        classes = count_classes(args, jar, env, calls, expected, scratch)[0]
        artifact = jar.partition("|")[0].split(os.pathsep)[-1]
        lines.append("| %s | %s | %.2f | %s | %s | %s | %d | %.1f MiB |" % (
            name, cell(runs[name], "cold_ms"), median(runs[name], "cold_ms") / python_cold,
            cell(runs[name], "ready_ms"), cell(runs[name], "cpu_ms"), cell(runs[name], "rss_mb", "MiB"),
            classes, artifact_size(artifact) / 1048576))
    lines.append("| python (comparator) | %s | 1.00 | %s | %s | %s | %d modules | |" % (
        cell(runs["python"], "cold_ms"), cell(runs["python"], "ready_ms"), cell(runs["python"], "cpu_ms"),
        cell(runs["python"], "rss_mb", "MiB"), runs["python"][-1].get("modules", 0)))
    return lines, runs


def main():
    args = parse_args()
    with open(args.event, encoding="utf-8") as f:
        event = json.load(f)
    item = json.loads(event["invokingEvent"])["configurationItem"]
    expected = {"ComplianceResourceId": item["resourceId"], "ComplianceType": "NON_COMPLIANT"}
    os.makedirs(args.out, exist_ok=True)
    home = tempfile.mkdtemp(prefix="bench-home-")
    scratch = tempfile.mkdtemp(prefix="bench-run-")
    env = environment(args, home)
    calls = Calls(args.calls)
    if args.variant:
        lines, raw = lever_table(args, env, calls, expected, scratch)
    else:
        lines, raw = full_table(args, env, calls, expected, scratch)
    table = "\n".join(lines)
    print(table)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    kind = "levers" if args.variant else "coldstart"
    with open(os.path.join(args.out, "%s-%s.md" % (kind, stamp)), "w", encoding="utf-8") as f:
        f.write(table + "\n")
    with open(os.path.join(args.out, "%s-%s.json" % (kind, stamp)), "w", encoding="utf-8") as f:
        json.dump(raw, f, indent=1)


if __name__ == "__main__":
    main()
