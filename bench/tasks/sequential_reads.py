#!/usr/bin/env python3
"""The comparator of the scan --tasks benchmark: the same reads as scan --tasks, one call after another,
with boto3's paginators, as a plain script would make them. Prints "MILLIS TASKS EXPOSED" (its own
timing of the reads, the interpreter's start excluded). Endpoints from ECS_ENDPOINT and EC2_ENDPOINT."""
import os
import time

import boto3


def main():
    ecs = boto3.client("ecs", endpoint_url=os.environ["ECS_ENDPOINT"])
    ec2 = boto3.client("ec2", endpoint_url=os.environ["EC2_ENDPOINT"])
    started = time.perf_counter()
    tasks = 0
    exposed = 0
    clusters = [arn for page in ecs.get_paginator("list_clusters").paginate() for arn in page["clusterArns"]]
    for cluster in clusters:
        arns = [arn for page in ecs.get_paginator("list_tasks").paginate(cluster=cluster) for arn in page["taskArns"]]
        services = set()
        for start in range(0, len(arns), 100):
            described = ecs.describe_tasks(cluster=cluster, tasks=arns[start:start + 100], include=["TAGS"])["tasks"]
            ids = []
            for task in described:
                tasks += 1
                if task.get("group", "").startswith("service:"):
                    services.add(task["group"][len("service:"):])
                for attachment in task.get("attachments", []):
                    for detail in attachment.get("details", []):
                        if detail["name"] == "networkInterfaceId":
                            ids.append(detail["value"])
            for page in ec2.get_paginator("describe_network_interfaces").paginate(NetworkInterfaceIds=ids):
                exposed += sum(1 for eni in page["NetworkInterfaces"] if eni.get("Association", {}).get("PublicIp"))
        names = sorted(services)
        for start in range(0, len(names), 10):
            ecs.describe_services(cluster=cluster, services=names[start:start + 10])
    millis = int((time.perf_counter() - started) * 1000)
    print(millis, tasks, exposed)


if __name__ == "__main__":
    main()
