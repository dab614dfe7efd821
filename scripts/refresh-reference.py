#!/usr/bin/env python3
"""Re-trims the reference data the tests use from ../shared/reference into testing/src/main/resources/reference.

usage: scripts/refresh-reference.py [SHARED_REFERENCE_DIR]   (default: ../shared/reference beside the repo)

API models keep only the operations listed below and the shapes they reach (inputs, outputs, errors),
without documentation. CloudFormation schemas: every type the templates use (their `Type: AWS::...`
lines), without descriptions; a type missing from SHARED_REFERENCE_DIR is taken from the cfn-lint
installed here (its version is printed: record it in PROVENANCE.md).
Add an operation here when a stand-in starts answering it, then run this script and commit the result.
"""
import json
import re
import sys
from pathlib import Path

OPERATIONS = {
    "config": ["BatchGetResourceConfig", "DescribeConfigRules", "GetComplianceDetailsByConfigRule",
               "GetComplianceDetailsByResource", "GetResourceConfigHistory", "ListDiscoveredResources",
               "PutEvaluations", "PutRemediationConfigurations", "SelectResourceConfig", "StartConfigRulesEvaluation", "TagResource"],
    "ecs": ["CreateTaskSet", "DeleteTaskSet", "DescribeClusters", "DescribeServices", "DescribeTaskDefinition",
            "DescribeTaskSets", "DescribeTasks", "ListClusters", "ListServices", "ListTasks", "ListTagsForResource", "TagResource",
            "UpdateService", "UpdateServicePrimaryTaskSet", "UpdateTaskSet"],
    # Already trimmed upstream (*.service-2.trimmed.json); every operation they carry is kept.
    "ec2": None,
    "sts": None,
    # The services that launch ECS tasks (scan reads them; their clients ship only in the CLI jar).
    # ListEventBuses is not in ../shared/reference's trimmed model: taken from the installed botocore.
    "events": ["DescribeRule", "ListEventBuses", "ListRules", "ListTargetsByRule"],
    "scheduler": None,
    "pipes": None,
    "stepfunctions": None,
    "batch": None,
}
DOC_KEYS = {"documentation", "documentationUrl"}

repo = Path(__file__).resolve().parent.parent
source = Path(sys.argv[1]) if len(sys.argv) > 1 else repo.parent / "shared" / "reference"
target = repo / "testing" / "src" / "main" / "resources" / "reference"


def strip(node, keys):
    if isinstance(node, dict):
        return {k: strip(v, keys) for k, v in node.items() if k not in keys}
    if isinstance(node, list):
        return [strip(v, keys) for v in node]
    return node


def shapes_reached(shape_name, shapes, seen):
    if shape_name in seen:
        return
    seen.add(shape_name)
    shape = shapes[shape_name]
    refs = [m["shape"] for m in shape.get("members", {}).values()]
    refs += [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
    for ref in refs:
        shapes_reached(ref, shapes, seen)


def trim_model(service, operations):
    name = f"{service}.service-2.json"
    path = source / "aws-api-models" / name
    if not path.exists():
        path = source / "aws-api-models" / f"{service}.service-2.trimmed.json"
    model = json.loads(path.read_text())
    if operations and any(op not in model["operations"] for op in operations):
        model = botocore_model(service, path)
        path = Path(f"botocore {model['_botocore']}")
    keep = operations or list(model["operations"])
    ops = {op: model["operations"][op] for op in keep}
    seen = set()
    for op in ops.values():
        for ref in [op.get("input"), op.get("output")] + op.get("errors", []):
            if ref:
                shapes_reached(ref["shape"], model["shapes"], seen)
    trimmed = {"version": model.get("version", "2.0"), "metadata": model["metadata"], "operations": ops,
               "shapes": {s: model["shapes"][s] for s in sorted(seen)}}
    out = target / "aws-api-models" / name
    out.write_text(json.dumps(strip(trimmed, DOC_KEYS), indent=1, sort_keys=False) + "\n")
    print(f"{out.relative_to(repo)}: {len(ops)} operations, {len(seen)} shapes (from {path.name})")


def botocore_model(service, path):
    """The whole model of the botocore installed here, for operations the shared trimmed model lacks."""
    import botocore
    import botocore.loaders
    model = json.loads(json.dumps(botocore.loaders.create_loader().load_service_model(service, "service-2")))
    print(f"{service}: operations missing from {path.name}, taken from botocore {botocore.__version__}")
    model["_botocore"] = botocore.__version__
    return model


def strip_schema(node, in_properties=False):
    """Drops JSON Schema annotations meant for people; keeps property names that happen to be 'description'."""
    if isinstance(node, dict):
        return {k: strip_schema(v, k in ("properties", "definitions", "patternProperties"))
                for k, v in node.items()
                if in_properties or k not in ("description", "$comment", "sourceUrl", "documentationUrl")}
    if isinstance(node, list):
        return [strip_schema(v) for v in node]
    return node


def main():
    if not source.is_dir():
        sys.exit(f"refresh-reference: {source} is not a directory")
    for sub in ("aws-api-models", "cloudformation-schemas"):
        (target / sub).mkdir(parents=True, exist_ok=True)
    for service, operations in OPERATIONS.items():
        trim_model(service, operations)
    for resource_type in sorted(template_types()):
        name = resource_type.lower().replace("::", "-") + ".json"
        shared = source / "cloudformation-schemas" / name
        schema = json.loads(shared.read_text()) if shared.exists() else from_cfn_lint(resource_type)
        out = target / "cloudformation-schemas" / name
        out.write_text(json.dumps(strip_schema(schema), indent=1) + "\n")
    print(f"{target.relative_to(repo)}: schemas copied; review PROVENANCE.md")


def template_types():
    """Every resource type the repository's templates declare."""
    templates = list(repo.glob("*.yaml")) + list((repo / "deploy").glob("*.yaml"))
    declared = re.compile(r"^\s+Type: (AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)\s*$", re.MULTILINE)
    return {t for path in templates for t in declared.findall(path.read_text())}


def from_cfn_lint(resource_type):
    from cfnlint.schema.manager import PROVIDER_SCHEMA_MANAGER
    from cfnlint.version import __version__
    print(f"{resource_type}: not in {source}, taken from cfn-lint {__version__} (us-east-1)")
    return PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", resource_type).schema


main()
