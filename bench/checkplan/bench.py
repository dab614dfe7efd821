"""check on a large Terraform plan, against Python's json.load of the same file, side by side.

Generates a plan of N resource changes (default 100,000) as `terraform show -json` writes it (one line,
before/after values, after_unknown, sensitivity, planned_values and configuration beside
resource_changes): a quarter ECS services and task sets, the rest other types with values of a similar
size. Then alternates `python3 -c 'json.load(...)'` and `java -jar JAR check --format json PLAN` on it, in
pairs whose order flips each time, and reports the median wall and CPU times, their ratios, and the JVM's peak heap
after each GC (from -Xlog:gc) against the file's size. check runs with -Xmx set to --heap-factor times
the file size, so a peak above that bound fails the run rather than passing unnoticed. Run it through
run.sh.
"""

import argparse
import datetime
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jar", required=True, help="the CLI jar measured")
    p.add_argument("--resources", type=int, default=100_000)
    p.add_argument("--pairs", type=int, default=5)
    p.add_argument("--heap-factor", type=float, default=3.0, help="check's -Xmx as a multiple of the file size")
    p.add_argument("--java", default="java")
    p.add_argument("--out", required=True, help="directory for the plan and the results")
    return p.parse_args()


def planned(i):
    kind = i % 8
    cluster = "arn:aws:ecs:eu-west-1:111122223333:cluster/c%d" % (i % 50)
    tags = {"team": "t%d" % (i % 40), "cost-centre": "cc-%04d" % (i % 900), "managed-by": "terraform"}
    if kind == 0:
        type_ = "aws_ecs_service"
        after = {"name": "svc-%d" % i, "cluster": cluster, "desired_count": 2, "launch_type": "FARGATE",
                 "task_definition": "arn:aws:ecs:eu-west-1:111122223333:task-definition/app-%d:3" % i,
                 "deployment_maximum_percent": 200, "deployment_minimum_healthy_percent": 100,
                 "enable_ecs_managed_tags": True, "propagate_tags": "SERVICE", "scheduling_strategy": "REPLICA",
                 "network_configuration": [{"assign_public_ip": i % 16 == 0,
                                            "subnets": ["subnet-%08x" % i, "subnet-%08x" % (i + 1)],
                                            "security_groups": ["sg-%08x" % i]}],
                 "load_balancer": [{"container_name": "app", "container_port": 8080,
                                    "target_group_arn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:"
                                                        "targetgroup/tg-%d/%016x" % (i, i), "elb_name": ""}],
                 "tags": tags, "tags_all": tags}
        unknown = {"id": True, "network_configuration": [{"subnets": [False, False]}]}
    elif kind == 1:
        type_ = "aws_ecs_task_set"
        after = {"service": "svc-%d" % (i - 1), "cluster": cluster, "external_id": "blue-%d" % i,
                 "task_definition": "arn:aws:ecs:eu-west-1:111122223333:task-definition/app-%d:4" % i,
                 "launch_type": "FARGATE",
                 "network_configuration": [{"assign_public_ip": False, "subnets": ["subnet-%08x" % i],
                                            "security_groups": ["sg-%08x" % i]}],
                 "scale": [{"unit": "PERCENT", "value": 100}], "tags": tags, "tags_all": tags}
        unknown = {"id": True, "arn": True}
    else:
        type_ = ["aws_security_group", "aws_iam_role", "aws_lb_target_group", "aws_cloudwatch_log_group",
                 "aws_s3_bucket", "aws_sqs_queue"][kind - 2]
        after = {"name": "r-%d" % i, "description": "resource %d of the benchmark plan" % i,
                 "arn": "arn:aws:service:eu-west-1:111122223333:thing/r-%d" % i,
                 "policy": json.dumps({"Version": "2012-10-17", "Statement": [
                     {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b-%d/*" % i}]}),
                 "ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"]}],
                 "tags": tags, "tags_all": tags}
        unknown = {"id": True, "arn": True}
    address = "module.m%d.%s.r%d" % (i % 100, type_, i)
    return {"address": address, "module_address": "module.m%d" % (i % 100), "mode": "managed",
            "type": type_, "name": "r%d" % i, "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["create"], "before": None, "after": after, "after_unknown": unknown,
                       "before_sensitive": False, "after_sensitive": {"tags": {}, "tags_all": {}}}}, after


def generate(path, count):
    with open(path, "w") as f:
        f.write('{"format_version":"1.2","terraform_version":"1.9.8","variables":{},"planned_values":'
                '{"root_module":{"resources":[')
        changes = []
        for i in range(count):
            change, after = planned(i)
            changes.append(change)
            f.write(("," if i else "") + json.dumps({"address": change["address"], "mode": "managed",
                                                    "type": change["type"], "name": change["name"],
                                                    "values": after, "sensitive_values": {}},
                                                   separators=(",", ":")))
        f.write(']}},"resource_changes":[')
        for i, change in enumerate(changes):
            f.write(("," if i else "") + json.dumps(change, separators=(",", ":")))
        f.write('],"configuration":{"root_module":{}},"timestamp":"2026-12-02T00:00:00Z","applyable":true,'
                '"complete":true,"errored":false}\n')


def timed(command, expected):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter_ns()
    process = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = (time.perf_counter_ns() - start) / 1e9
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if process.returncode != expected:
        sys.exit("run failed (exit %d, expected %d): %s\n%s" % (
            process.returncode, expected, " ".join(command), process.stderr.decode(errors="replace")[-2000:]))
    return wall, cpu


def peak_heap_mib(log):
    peak = 0
    for line in open(log):
        for before in re.findall(r"(\d+)M->\d+M", line):
            peak = max(peak, int(before))
    return peak


def main():
    args = parse_args()
    os.makedirs(args.out, exist_ok=True)
    plan = os.path.join(args.out, "plan-%d.json" % args.resources)
    if not os.path.exists(plan):
        generate(plan, args.resources)
    size = os.path.getsize(plan)
    heap_mib = int(size * args.heap_factor / (1024 * 1024))
    gc_log = os.path.join(tempfile.mkdtemp(), "gc.log")
    python = [sys.executable, "-c", "import json,sys; json.load(open(sys.argv[1]))", plan]
    java = [args.java, "-Xmx%dm" % heap_mib, "-Xlog:gc:file=%s" % gc_log, "-jar", args.jar, "check", "--format",
            "json", plan]
    times = {"python": [], "check": []}
    cpu = {"python": [], "check": []}
    peaks = []
    for pair in range(args.pairs):
        order = ["python", "check"] if pair % 2 == 0 else ["check", "python"]
        for side in order:
            wall, used = timed(python, 0) if side == "python" else timed(java, 1)
            times[side].append(wall)
            cpu[side].append(used)
            if side == "check":
                peaks.append(peak_heap_mib(gc_log))
    median = {side: statistics.median(values) for side, values in times.items()}
    median_cpu = {side: statistics.median(values) for side, values in cpu.items()}
    result = {
        "date": datetime.date.today().isoformat(),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip(),
        "machine": "%s, %d CPUs, %s" % (platform.machine(), os.cpu_count(), platform.python_version()),
        "java": subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0],
        "resources": args.resources,
        "file_mib": round(size / (1024 * 1024), 1),
        "xmx_mib": heap_mib,
        "median_s": {side: round(value, 2) for side, value in median.items()},
        "all_s": {side: [round(v, 2) for v in values] for side, values in times.items()},
        "check_over_python": round(median["check"] / median["python"], 2),
        "median_cpu_s": {side: round(value, 2) for side, value in median_cpu.items()},
        "check_over_python_cpu": round(median_cpu["check"] / median_cpu["python"], 2),
        "load_average": [round(v, 1) for v in os.getloadavg()],
        "peak_heap_mib": max(peaks),
        "peak_heap_over_file": round(max(peaks) * 1024 * 1024 / size, 2),
    }
    with open(os.path.join(args.out, "result-%s.json" % result["date"]), "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
