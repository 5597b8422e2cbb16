#!/usr/bin/env python3
"""Lints every IAM policy synth renders with parliament (community auditors on).

Policies: role inline policies, AWS::IAM::Policy, AWS::IAM::ManagedPolicy and
AWS::S3::BucketPolicy documents in each stack template, and the Glue resource policy files.
Trust policies are left out: parliament reads them as identity policies and calls them
MALFORMED (no Resource); the Swift tests check them instead.

Intrinsics are resolved to concrete ARNs first (parliament matches actions to resource ARNs),
with the account each stack deploys to. The source stack serves every source account, so it
is linted once per account that a Glue policy file names.

The one finding allowed is logs:PutResourcePolicy, which Step Functions' logging needs on
"*" (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html).

Usage: iam_lint.py OUT_DIR TARGET_ACCOUNT REGION
Prints one line per finding, then `iam-lint: N policies, M findings (K allowed)`; exits 1 on
any finding that is not allowed.
"""
import glob
import json
import os
import re
import sys

from parliament import analyze_policy_string

ALLOWED = {("PERMISSIONS_MANAGEMENT_ACTIONS", ("logs:putresourcepolicy",))}  # parliament lower-cases actions

POLICY_PROPERTIES = {
    "AWS::IAM::Policy": ["PolicyDocument"],
    "AWS::IAM::ManagedPolicy": ["PolicyDocument"],
    "AWS::S3::BucketPolicy": ["PolicyDocument"],
}


def partition_of(region):
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


class StaticResolver:
    """Evaluates the intrinsics synth emits, as CloudFormation would in `account`."""

    def __init__(self, template, account, region):
        self.template = template
        self.resources = template.get("Resources", {})
        self.pseudo = {"AWS::AccountId": account, "AWS::Region": region,
                       "AWS::Partition": partition_of(region), "AWS::URLSuffix": "amazonaws.com"}
        self.parameters = {name: str(spec.get("Default", f"<{name}>"))
                           for name, spec in template.get("Parameters", {}).items()}

    def properties(self, logical):
        return self.resources.get(logical, {}).get("Properties", {})

    def ref(self, name):
        if name in self.pseudo:
            return self.pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        kind = self.resources.get(name, {}).get("Type", "")
        props = self.properties(name)
        if kind == "AWS::S3::Bucket":
            return self.resolve(props.get("BucketName", name.lower()))
        if kind == "AWS::IAM::Role":
            return self.resolve(props.get("RoleName", name))
        if kind == "AWS::Athena::WorkGroup":
            return self.resolve(props["Name"])
        if kind == "AWS::IAM::ManagedPolicy":
            return f"arn:{self.pseudo['AWS::Partition']}:iam::{self.pseudo['AWS::AccountId']}:policy/{name}"
        return name

    def getatt(self, logical, attribute):
        kind = self.resources.get(logical, {}).get("Type", "")
        p, r, a = self.pseudo["AWS::Partition"], self.pseudo["AWS::Region"], self.pseudo["AWS::AccountId"]
        props = self.properties(logical)
        if attribute == "Arn":
            if kind == "AWS::S3::Bucket":
                return f"arn:{p}:s3:::{self.ref(logical)}"
            if kind == "AWS::IAM::Role":
                return f"arn:{p}:iam::{a}:role/{self.ref(logical)}"
            if kind == "AWS::Logs::LogGroup":
                return f"arn:{p}:logs:{r}:{a}:log-group:{self.resolve(props.get('LogGroupName', logical))}:*"
            if kind == "AWS::Lambda::Function":
                return f"arn:{p}:lambda:{r}:{a}:function:{logical}"
        raise ValueError(f"cannot resolve Fn::GetAtt {logical}.{attribute} ({kind})")

    def sub(self, text, variables):
        def replace(match):
            name = match.group(1)
            if name in variables:
                return str(self.resolve(variables[name]))
            if "." in name:
                return str(self.getatt(*name.split(".", 1)))
            return str(self.ref(name))
        return re.sub(r"\$\{([^}!]+)\}", replace, text)

    def resolve(self, value):
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (key, arg), = value.items()
            if key == "Ref":
                return self.ref(arg)
            if key == "Fn::GetAtt":
                return self.getatt(*arg)
            if key == "Fn::Join":
                return arg[0].join(str(part) for part in self.resolve(arg[1]))
            if key == "Fn::Sub":
                return self.sub(arg[0], arg[1]) if isinstance(arg, list) else self.sub(arg, {})
            if key == "Fn::FindInMap":
                name, first, second = (str(self.resolve(part)) for part in arg)
                return self.template["Mappings"][name][first][second]
            if key == "Fn::Select":
                return self.resolve(arg[1])[int(self.resolve(arg[0]))]
        return {k: self.resolve(v) for k, v in value.items()}


def template_policies(path, account, region):
    """(label, document) for every identity and resource policy in a template."""
    with open(path, encoding="utf-8") as f:
        template = json.load(f)
    resolver = StaticResolver(template, account, region)
    name = os.path.basename(path)
    for logical, resource in template.get("Resources", {}).items():
        kind = resource.get("Type")
        props = resource.get("Properties", {})
        for key in POLICY_PROPERTIES.get(kind, []):
            yield f"{name} ({account}) {logical}.{key}", resolver.resolve(props[key])
        if kind == "AWS::IAM::Role":
            for index, policy in enumerate(props.get("Policies", [])):
                yield f"{name} ({account}) {logical}.Policies[{index}]", resolver.resolve(policy["PolicyDocument"])


def actions_of(finding):
    """The actions a finding names (parliament puts them in its location), lower-cased."""
    location = finding.location if isinstance(finding.location, dict) else {}
    return tuple(sorted(str(action).lower() for action in location.get("actions", [])))


def lint(label, document):
    policy = analyze_policy_string(json.dumps(document), include_community_auditors=True)
    return [(label, finding.issue, actions_of(finding), finding) for finding in policy.findings]


def main():
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

    findings = [f for label, document in policies for f in lint(label, document)]
    allowed = 0
    for label, issue, actions, finding in findings:
        if (issue, actions) in ALLOWED:
            allowed += 1
            print(f"iam-lint: allowed: {label}: {issue} {', '.join(actions)}")
        else:
            print(f"iam-lint: {label}: {finding}")
    print(f"iam-lint: {len(policies)} policies, {len(findings)} findings ({allowed} allowed)")
    return 0 if len(findings) == allowed else 1


if __name__ == "__main__":
    sys.exit(main())
