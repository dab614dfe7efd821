"""The comparator: a minimal Config rule in Python 3 + boto3, written the way such rules usually are.

It does the same work as the Java evaluator for a change event: decode the event, judge the service or
task set's AssignPublicIp (with the same exemption parameters), and put one evaluation to Config.
It skips the Java side's strict input checking, which only makes the comparator faster.
"""

import json
import os

import boto3

# Newer boto3 reads AWS_ENDPOINT_URL_CONFIG_SERVICE itself; Debian's 1.26 does not, so pass it on.
CONFIG = boto3.client("config", endpoint_url=os.environ.get("AWS_ENDPOINT_URL_CONFIG_SERVICE"))

RULE_TYPES = ("AWS::ECS::Service", "AWS::ECS::TaskSet")
GONE = ("ResourceDeleted", "ResourceDeletedNotRecorded", "ResourceNotRecorded")


def member(obj, name):
    """A property of a recorded configuration, matched without regard to case."""
    for key, value in (obj or {}).items():
        if key.lower() == name.lower():
            return value
    return None


def judge(item, parameters):
    if item["resourceType"] not in RULE_TYPES or item.get("configurationItemStatus") in GONE:
        return "NOT_APPLICABLE", "Not an ECS service or task set in scope."
    network = member(member(item.get("configuration"), "networkConfiguration"), "awsvpcConfiguration")
    if network is None:
        return "NOT_APPLICABLE", "No awsvpc network configuration."
    value = (member(network, "assignPublicIp") or "DISABLED").upper()
    if value == "DISABLED":
        return "COMPLIANT", "AssignPublicIp is DISABLED."
    arn = item.get("ARN") or ""
    exempt = [a.strip() for a in (parameters.get("exemptEcsServiceArns") or "").split(",") if a.strip()]
    tag_key = parameters.get("exemptionTagKey")
    if any(arn == a or arn.startswith(a.replace(":service/", ":task-set/") + "/") for a in exempt):
        return "COMPLIANT", "Exempt: listed. AssignPublicIp is %s." % value
    if tag_key and tag_key in (item.get("tags") or {}):
        return "COMPLIANT", "Exempt: tagged %s. AssignPublicIp is %s." % (tag_key, value)
    name = item.get("resourceName") or item["resourceId"]
    return "NON_COMPLIANT", ("AssignPublicIp is %s on ECS service '%s': its tasks get public IP addresses."
                             % (value, name))[:256]


def lambda_handler(event, context):
    invoking = json.loads(event["invokingEvent"])
    parameters = json.loads(event.get("ruleParameters") or "{}")
    item = invoking["configurationItem"]
    compliance, annotation = judge(item, parameters)
    if event.get("eventLeftScope"):
        compliance, annotation = "NOT_APPLICABLE", "The resource is no longer in this rule's scope."
    evaluation = {
        "ComplianceResourceType": item["resourceType"],
        "ComplianceResourceId": item["resourceId"],
        "ComplianceType": compliance,
        "Annotation": annotation,
        "OrderingTimestamp": item["configurationItemCaptureTime"],
    }
    response = CONFIG.put_evaluations(Evaluations=[evaluation], ResultToken=event["resultToken"])
    if response.get("FailedEvaluations"):
        raise RuntimeError("Config rejected evaluations: %s" % response["FailedEvaluations"])
    print("Put evaluation " + json.dumps(evaluation))
    return {"evaluations": [evaluation]}
