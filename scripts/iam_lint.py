#!/usr/bin/env python3
"""Lints every IAM policy synth renders with parliament (community auditors on).

Policies: role inline policies, AWS::IAM::Policy, AWS::IAM::ManagedPolicy,
AWS::S3::BucketPolicy, AWS::SNS::TopicPolicy and AWS::KMS::Key (its key policy) documents in
each stack template, and the Glue resource policy files.
Trust policies are left out: parliament reads them as identity policies and calls them
MALFORMED (no Resource); the Swift tests check them instead.

Intrinsics are resolved to concrete ARNs first (parliament matches actions to resource ARNs),
with the account each stack deploys to. The source stack serves every source account, so it
is linted once per account that a Glue policy file names.

The findings allowed are logs:PutResourcePolicy, which Step Functions' logging needs on
"*" (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html), and parliament's
RESOURCE_MISMATCH on states:DescribeExecution of a Distributed Map's child executions (its
data knows the action only on express executions).

Usage: iam_lint.py OUT_DIR TARGET_ACCOUNT REGION
       iam_lint.py --template FILE ACCOUNT REGION   (one stack of any app, e.g. scripts/verify-apps)
Prints one line per finding, then `iam-lint: N policies, M findings (K allowed)`; exits 1 on
any finding that is not allowed.
"""
import glob
import json
import os
import re
import sys

from parliament import analyze_policy_string

from verify_stack import Resolver, partition_of

ALLOWED = {("PERMISSIONS_MANAGEMENT_ACTIONS", ("logs:putresourcepolicy",)),  # parliament lower-cases actions
           # A Distributed Map's child executions (execution:<name>/<map run>:<id>): parliament 1.6.4
           # knows DescribeExecution only on express executions and flags even AWS's own example,
           # execution:<name>:* (https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html).
           ("RESOURCE_MISMATCH", ("states:describeexecution",))}
# Only for the key policy statement that gives the account root kms:* on the key, as AWS's
# default key policy does, so that IAM policies decide who manages the key; without it the key
# cannot be managed at all (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
# parliament reads it as an identity policy with kms:* on "*", hence these two findings.
ROOT_KEY_STATEMENT = "EnableIAMUserPermissions"
ROOT_KEY_STATEMENT_ALLOWED = {("RESOURCE_STAR", ()),
                              ("PERMISSIONS_MANAGEMENT_ACTIONS",
                               ("kms:creategrant", "kms:createkey", "kms:putkeypolicy", "kms:retiregrant", "kms:revokegrant"))}


POLICY_PROPERTIES = {
    "AWS::IAM::Policy": ["PolicyDocument"],
    "AWS::IAM::ManagedPolicy": ["PolicyDocument"],
    "AWS::S3::BucketPolicy": ["PolicyDocument"],
    "AWS::SNS::TopicPolicy": ["PolicyDocument"],
    "AWS::KMS::Key": ["KeyPolicy"],
}


# Physical names CloudFormation gives these types: the name property the template sets.
NAME_PROPERTIES = {"AWS::S3::Bucket": "BucketName", "AWS::IAM::Role": "RoleName", "AWS::Logs::LogGroup": "LogGroupName",
                   "AWS::SNS::Topic": "TopicName"}


def static_resolver(template, account, region):
    """verify_stack's Resolver, with the ARNs CloudFormation would give each resource in `account`."""
    partition = partition_of(region)
    pseudo = {"AWS::Partition": partition, "AWS::Region": region, "AWS::URLSuffix": "amazonaws.com",
              "AWS::AccountId": account, "AWS::NoValue": None}
    names = Resolver(template, {}, {}, pseudo, lambda *_: None)
    ids = {}
    for logical, resource in template.get("Resources", {}).items():
        name = NAME_PROPERTIES.get(resource.get("Type"))
        properties = resource.get("Properties", {})
        ids[logical] = names.resolve(properties[name]) if name in properties else logical
        if resource.get("Type") == "AWS::SNS::Topic":
            # Ref of a topic is its ARN.
            ids[logical] = f"arn:{partition}:sns:{region}:{account}:{ids[logical]}"

    def getatt(logical, attribute):
        kind = template.get("Resources", {}).get(logical, {}).get("Type")
        arns = {
            "AWS::S3::Bucket": f"arn:{partition}:s3:::{ids.get(logical)}",
            "AWS::IAM::Role": f"arn:{partition}:iam::{account}:role/{ids.get(logical)}",
            "AWS::Logs::LogGroup": f"arn:{partition}:logs:{region}:{account}:log-group:{ids.get(logical)}:*",
            "AWS::Lambda::Function": f"arn:{partition}:lambda:{region}:{account}:function:{ids.get(logical)}",
        }
        if attribute != "Arn" or kind not in arns:
            raise ValueError(f"cannot resolve Fn::GetAtt {logical}.{attribute} ({kind})")
        return arns[kind]

    return Resolver(template, {}, ids, pseudo, getatt)


def template_policies(path, account, region):
    """(label, document) for every identity and resource policy in a template."""
    with open(path, encoding="utf-8") as f:
        template = json.load(f)
    resolver = static_resolver(template, account, region)
    name = os.path.basename(path)
    for logical, resource in template.get("Resources", {}).items():
        kind = resource.get("Type")
        props = resource.get("Properties", {})
        for key in POLICY_PROPERTIES.get(kind, []):
            label = f"{name} ({account}) {logical}.{key}"
            document = resolved(label, resolver.resolve(props[key]))
            if kind == "AWS::KMS::Key":
                yield from key_policy_statements(label, document, partition_of(region), region, account, logical)
            else:
                yield label, document
        if kind == "AWS::IAM::Role":
            for index, policy in enumerate(props.get("Policies", [])):
                label = f"{name} ({account}) {logical}.Policies[{index}]"
                yield label, resolved(label, resolver.resolve(policy["PolicyDocument"]))


def key_policy_statements(label, document, partition, region, account, logical):
    """Each statement of a key policy as a document of its own, labelled with its Sid. A key
    policy's `"Resource": "*"` means the key itself (the only value KMS accepts there:
    https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html); parliament
    reads documents as identity policies, so it gets the key's ARN instead, except in the root's
    kms:* statement, where no one ARN fits every action."""
    key_arn = f"arn:{partition}:kms:{region}:{account}:key/{logical}"
    statements = document.get("Statement", [])
    for index, statement in enumerate(statements if isinstance(statements, list) else [statements]):
        if statement.get("Resource") == "*" and statement.get("Sid") != ROOT_KEY_STATEMENT:
            statement = dict(statement, Resource=key_arn)
        yield f"{label}[{statement.get('Sid', index)}]", {"Version": document.get("Version"), "Statement": [statement]}


def resolved(label, document):
    """The document, or an error when an intrinsic was left unresolved (the lint would be meaningless)."""
    if "<unresolved" in json.dumps(document):
        raise ValueError(f"{label}: intrinsics left unresolved: {json.dumps(document)[:300]}")
    return document


def actions_of(finding):
    """The actions a finding names (parliament puts them in its location), lower-cased."""
    detail = getattr(finding, "detail", None)
    if isinstance(detail, list):
        # RESOURCE_MISMATCH names them in its detail: [{"action": …, "required_format": …}, …]
        return tuple(sorted(str(entry.get("action", "")).lower() for entry in detail if isinstance(entry, dict)))
    location = finding.location if isinstance(finding.location, dict) else {}
    return tuple(sorted(str(action).lower() for action in location.get("actions", [])))


def lint(label, document):
    policy = analyze_policy_string(json.dumps(document), include_community_auditors=True)
    return [(label, finding.issue, actions_of(finding), finding) for finding in policy.findings]


def main():
    if sys.argv[1] == "--template":
        path, account, region = sys.argv[2:5]
        return report(list(template_policies(path, account, region)))
    out, target_account, region = sys.argv[1:4]
    policies = []
    source_accounts = []
    for path in sorted(glob.glob(os.path.join(out, "glue-resource-policy*.json"))):
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        policies.append((os.path.basename(path), document))
        match = re.search(r":glue:[^:]+:(\d{12}):catalog", json.dumps(document))
        if match:
            source_accounts.append(match.group(1))
    policies += template_policies(os.path.join(out, "target-stack.json"), target_account, region)
    for account in source_accounts:
        policies += template_policies(os.path.join(out, "source-stack.json"), account, region)
        catalog_stack = os.path.join(out, f"source-catalog-stack-{account}.json")
        if os.path.exists(catalog_stack):
            policies += template_policies(catalog_stack, account, region)
    return report(policies)


def report(policies):
    """Lints every (label, document), prints the findings and the summary line; 0 when every
    finding is allowed."""
    findings = [f for label, document in policies for f in lint(label, document)]
    allowed = 0
    for label, issue, actions, finding in findings:
        if (issue, actions) in ALLOWED or (label.endswith(f".KeyPolicy[{ROOT_KEY_STATEMENT}]")
                                           and (issue, actions) in ROOT_KEY_STATEMENT_ALLOWED):
            allowed += 1
            print(f"iam-lint: allowed: {label}: {issue} {', '.join(actions)}")
        else:
            print(f"iam-lint: {label}: {finding}")
    print(f"iam-lint: {len(policies)} policies, {len(findings)} findings ({allowed} allowed)")
    return 0 if len(findings) == allowed else 1


if __name__ == "__main__":
    sys.exit(main())
