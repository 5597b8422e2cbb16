"""The Python half of scripts/verify: assertions through the AWS API of a moto_server.

Called by scripts/verify with the .venv/tools interpreter; boto3 reads the endpoint
(AWS_ENDPOINT_URL), credentials and region from the environment that verify sets up.

  verify_stack.py deployed     --out DIR --project P --env E --source-account S --target-account T --region R
  verify_stack.py empty-bucket BUCKET
  verify_stack.py gone         --project P --env E
  verify_stack.py static-counts WORK NAME

Each command prints one line per failed assertion to stderr and exits 1 if any failed;
static-counts prints the cfn-lint and checkov counts of one config (see its docstring).

moto 5.2.1's CloudFormation drops some properties (bucket policy, public access block,
versioning, ownership controls, lifecycle, Athena resources, a state machine's `Definition`
object, logging and tracing). For those the API answer is used when moto has one, otherwise
the same assertion runs on the template, resolved with the stack's real parameters and
physical IDs. `VERIFY_VERBOSE=1` lists which assertions fell back to the template.
"""

import argparse
import json
import os
import re
import signal
import sys

import boto3
from botocore.exceptions import ClientError

REPOSITORY_TAG = "blog-code-58"
ROLE_TRUST_SERVICE = "states.amazonaws.com"
ATHENA_SYNC_TASK = "states:::athena:startQueryExecution.sync"
STATE_MACHINE_TIMEOUT_SECONDS = 600
DATA_CATALOG_NAME = "source_catalog"
SAMPLE_KEY = "data/sales.csv"

# Logical IDs a migrated stack must keep: a new ID for a stateful resource means replacement.
TARGET_LOGICAL_IDS = {
    "StepFunctionsExecutionRole5B21F5A6": "AWS::IAM::Role",
    "StepFunctionsExecutionRoleDefaultPolicyD10BF6E3": "AWS::IAM::Policy",
    "TargetDataBucket4EED9858": "AWS::S3::Bucket",
    "TargetDataBucketPolicy6F311821": "AWS::S3::BucketPolicy",
    "TargetDataBucketAutoDeleteObjectsCustomResourceDAFC05D8": "Custom::S3AutoDeleteObjects",
    "CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092": "AWS::IAM::Role",
    "CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F": "AWS::Lambda::Function",
    "TargetAthenaWorkgroup": "AWS::Athena::WorkGroup",
    "SourceDataCatalog": "AWS::Athena::DataCatalog",
    "AthenaInsertStateMachine56546CD3": "AWS::StepFunctions::StateMachine",
}
SOURCE_LOGICAL_IDS = {
    "DataBucket": "AWS::S3::Bucket",
    "DataBucketPolicy": "AWS::S3::BucketPolicy",
}
SOURCE_PARAMETERS = {"ProjectName", "EnvName", "TargetAccountId"}
# moto accepts these but creates nothing and lists no stack resource for them.
MOTO_UNSUPPORTED_TYPES = {"AWS::S3::BucketPolicy", "AWS::Athena::WorkGroup", "AWS::Athena::DataCatalog"}
REF_IS_NAME = {"AWS::Athena::WorkGroup", "AWS::Athena::DataCatalog"}

# The seed's four role statements and their exact actions (IAM actions are case-insensitive).
ROLE_STATEMENTS = {
    "AllowAthenaQueryExecution": {
        "athena:startqueryexecution", "athena:getqueryexecution", "athena:getqueryresults",
        "athena:stopqueryexecution", "athena:getdatacatalog",
    },
    "AllowTargetGlueCatalogAccess": {
        "glue:getdatabase", "glue:gettable", "glue:getpartitions", "glue:batchcreatepartition",
    },
    "AllowSourceGlueCatalogReadAccess": {"glue:getdatabase", "glue:gettable", "glue:getpartitions"},
    "AllowSourceS3BucketReadAccess": {"s3:getobject", "s3:listbucket"},
}
SOURCE_READ_ACTIONS = {"s3:getobject", "s3:listbucket"}
GLUE_POLICY_ACTIONS = {"glue:getdatabase", "glue:gettable", "glue:getpartitions"}


class Checker:
    def __init__(self):
        self.failures = []
        self.fallbacks = []

    def check(self, ok, what):
        if not ok:
            self.failures.append(what)
        return ok

    def fallback(self, what):
        self.fallbacks.append(what)

    def finish(self, label):
        for failure in self.failures:
            print(f"  {label}: FAIL {failure}", file=sys.stderr)
        if os.environ.get("VERIFY_VERBOSE") == "1" and self.fallbacks:
            print(f"  {label}: checked in the template (moto does not keep it): "
                  + ", ".join(self.fallbacks), file=sys.stderr)
        return 1 if self.failures else 0


def client(service):
    return boto3.client(service)


def error_code(err):
    return err.response.get("Error", {}).get("Code", "")


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def lower_set(values):
    return {v.lower() for v in as_list(values) if isinstance(v, str)}


def tag_map(tags):
    """CloudFormation/IAM/S3 `[{Key, Value}]`, Step Functions `[{key, value}]` or a plain map."""
    if isinstance(tags, dict):
        return dict(tags)
    out = {}
    for tag in tags or []:
        key = tag.get("Key", tag.get("key"))
        out[key] = tag.get("Value", tag.get("value"))
    return out


# --- template resolution -------------------------------------------------------------------

class Resolver:
    """Evaluates the intrinsics synth emits, with the deployed stack's values."""

    def __init__(self, template, parameters, physical_ids, pseudo, getatt):
        self.template = template
        self.values = {}
        for name, spec in template.get("Parameters", {}).items():
            if "Default" in spec:
                self.values[name] = str(spec["Default"])
        self.values.update(parameters)
        self.values.update(pseudo)
        self.physical_ids = physical_ids
        self.getatt = getatt

    def ref(self, name):
        if name in self.values:
            return self.values[name]
        if name in self.physical_ids and self.physical_ids[name]:
            return self.physical_ids[name]
        resource = self.template.get("Resources", {}).get(name, {})
        if resource.get("Type") in REF_IS_NAME:
            # moto created nothing for it; CloudFormation's Ref would return its name.
            return self.resolve(resource.get("Properties", {}).get("Name"))
        return "<unresolved Ref " + name + ">"

    def att(self, logical, attribute):
        value = self.getatt(logical, attribute)
        return value if value is not None else f"<unresolved GetAtt {logical}.{attribute}>"

    def sub(self, text, variables):
        def replace(match):
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in variables:
                return str(self.resolve(variables[name]))
            if "." in name:
                logical, attribute = name.split(".", 1)
                return str(self.att(logical, attribute))
            return str(self.ref(name))
        return re.sub(r"\$\{([^}]+)\}", replace, text)

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
                logical, attribute = arg if isinstance(arg, list) else arg.split(".", 1)
                return self.att(logical, attribute)
            if key == "Fn::Join":
                sep, parts = arg
                return sep.join(str(p) for p in self.resolve(parts))
            if key == "Fn::Sub":
                if isinstance(arg, list):
                    return self.sub(arg[0], arg[1])
                return self.sub(arg, {})
            if key == "Fn::Select":
                index, items = arg
                return self.resolve(items)[int(self.resolve(index))]
        return {k: self.resolve(v) for k, v in value.items()}


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def resources_of_type(template, resource_type):
    return {k: v for k, v in template.get("Resources", {}).items() if v.get("Type") == resource_type}


def props(template, logical):
    return template.get("Resources", {}).get(logical, {}).get("Properties", {})


# --- checks shared by both stacks ----------------------------------------------------------

def check_stack(c, cfn, stack_name, template, expected_tags):
    try:
        stack = cfn.describe_stacks(StackName=stack_name)["Stacks"][0]
    except ClientError as err:
        c.check(False, f"stack {stack_name}: {error_code(err)}")
        return {}, {}
    c.check(stack["StackStatus"] == "CREATE_COMPLETE" or stack["StackStatus"] == "UPDATE_COMPLETE",
            f"stack {stack_name}: status {stack['StackStatus']}")
    c.check(expected_tags.items() <= tag_map(stack.get("Tags")).items(),
            f"stack {stack_name}: tags {tag_map(stack.get('Tags'))} lack {expected_tags}")
    parameters = {p["ParameterKey"]: p.get("ParameterValue", "") for p in stack.get("Parameters", [])}
    summaries = []
    for page in cfn.get_paginator("list_stack_resources").paginate(StackName=stack_name):
        summaries.extend(page["StackResourceSummaries"])
    deployed = {s["LogicalResourceId"]: s for s in summaries}
    for logical, resource in template.get("Resources", {}).items():
        summary = deployed.get(logical)
        if summary is None and resource["Type"] in MOTO_UNSUPPORTED_TYPES:
            c.fallback(f"{logical} ({resource['Type']})")
            continue
        if c.check(summary is not None, f"stack {stack_name}: {logical} was not deployed"):
            c.check(summary["ResourceStatus"] in ("CREATE_COMPLETE", "UPDATE_COMPLETE"),
                    f"stack {stack_name}: {logical} is {summary['ResourceStatus']}")
            c.check(summary["ResourceType"] == resource["Type"],
                    f"stack {stack_name}: {logical} has type {summary['ResourceType']}")
    physical = {k: v.get("PhysicalResourceId", "") for k, v in deployed.items()}
    return parameters, physical


def check_logical_ids(c, label, template, expected):
    resources = template.get("Resources", {})
    for logical, resource_type in expected.items():
        actual = resources.get(logical, {}).get("Type")
        c.check(actual == resource_type,
                f"{label}: logical ID {logical} ({resource_type}) missing or of type {actual}")


def check_template_tags(c, label, template, resolver, region, expected_tags):
    """Every resource whose CloudFormation schema has Tags must carry the project tags."""
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
    for logical, resource in template.get("Resources", {}).items():
        resource_type = resource.get("Type", "")
        if not resource_type.startswith("AWS::"):
            continue
        schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema(region, resource_type).schema
        if "Tags" not in schema.get("properties", {}):
            continue
        tags = resolver.resolve(resource.get("Properties", {}).get("Tags"))
        c.check(expected_tags.items() <= tag_map(tags).items(),
                f"{label}: {logical} ({resource_type}) tags {tag_map(tags)} lack {expected_tags}")


def check_bucket(c, s3, template, resolver, logical, bucket, region, expected_tags):
    label = f"bucket {bucket}"
    names = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
    if not c.check(bucket in names, f"{label} does not exist"):
        return
    location = s3.get_bucket_location(Bucket=bucket).get("LocationConstraint") or "us-east-1"
    c.check(location == region, f"{label}: region {location}, expected {region}")
    bucket_props = resolver.resolve(props(template, logical))

    try:
        rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
        algorithms = [r["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] for r in rules]
    except ClientError:
        algorithms = []
    c.check(algorithms == ["AES256"], f"{label}: encryption {algorithms}, expected ['AES256']")

    flags = ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")
    try:
        block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    except ClientError as err:
        if error_code(err) != "NoSuchPublicAccessBlockConfiguration":
            raise
        c.fallback(f"{bucket} public access block")
        block = bucket_props.get("PublicAccessBlockConfiguration", {})
    c.check(all(block.get(f) is True for f in flags), f"{label}: public access block {block}")

    status = s3.get_bucket_versioning(Bucket=bucket).get("Status")
    if status is None:
        c.fallback(f"{bucket} versioning")
        status = bucket_props.get("VersioningConfiguration", {}).get("Status")
    c.check(status == "Enabled", f"{label}: versioning {status}, expected Enabled")

    try:
        ownership = s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]["Rules"]
    except ClientError as err:
        if error_code(err) != "OwnershipControlsNotFoundError":
            raise
        c.fallback(f"{bucket} ownership controls")
        ownership = bucket_props.get("OwnershipControls", {}).get("Rules", [])
    c.check([r.get("ObjectOwnership") for r in ownership] == ["BucketOwnerEnforced"],
            f"{label}: ownership controls {ownership}, expected BucketOwnerEnforced")

    try:
        lifecycle = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    except ClientError as err:
        if error_code(err) != "NoSuchLifecycleConfiguration":
            raise
        c.fallback(f"{bucket} lifecycle")
        lifecycle = bucket_props.get("LifecycleConfiguration", {}).get("Rules", [])
    c.check(any(r.get("Status") == "Enabled" for r in lifecycle),
            f"{label}: no enabled lifecycle rule")
    # A versioned bucket keeps every overwritten/deleted object unless something expires them.
    c.check(any("NoncurrentVersionExpiration" in r or "NoncurrentVersionExpirationInDays" in r
                for r in lifecycle if r.get("Status") == "Enabled"),
            f"{label}: versioned, but no lifecycle rule expires noncurrent versions")

    try:
        tags = tag_map(s3.get_bucket_tagging(Bucket=bucket)["TagSet"])
    except ClientError:
        tags = {}
    c.check(expected_tags.items() <= tags.items(), f"{label}: tags {tags} lack {expected_tags}")


def bucket_policy(c, s3, template, resolver, bucket_logical, bucket):
    """The deployed bucket policy if moto kept one, else the template's, resolved."""
    try:
        return json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
    except ClientError as err:
        if error_code(err) != "NoSuchBucketPolicy":
            raise
    c.fallback(f"{bucket} bucket policy")
    for logical, resource in resources_of_type(template, "AWS::S3::BucketPolicy").items():
        if resource.get("Properties", {}).get("Bucket") == {"Ref": bucket_logical}:
            return resolver.resolve(resource["Properties"].get("PolicyDocument", {}))
    c.check(False, f"bucket {bucket}: no AWS::S3::BucketPolicy for {bucket_logical}")
    return {"Statement": []}


def check_deny_insecure_transport(c, label, policy, bucket):
    bucket_arn = f"arn:aws:s3:::{bucket}"
    for statement in as_list(policy.get("Statement")):
        condition = statement.get("Condition", {}).get("Bool", {})
        if (statement.get("Effect") == "Deny"
                and str(condition.get("aws:SecureTransport")).lower() == "false"
                and statement.get("Principal") in ("*", {"AWS": "*"})
                and "s3:*" in lower_set(statement.get("Action"))
                and {bucket_arn, bucket_arn + "/*"} <= set(as_list(statement.get("Resource")))):
            return
    c.check(False, f"{label}: no statement denies s3:* on the bucket and its objects without TLS")


# --- commands ------------------------------------------------------------------------------

def deployed(args):
    c = Checker()
    p, e, s, t, r = args.project, args.env, args.source_account, args.target_account, args.region
    expected_tags = {"Project": p, "Environment": e, "Repository": REPOSITORY_TAG}
    target_template = load_json(os.path.join(args.out, "target-stack.json"))
    source_template = load_json(os.path.join(args.out, "source-stack.json"))
    glue_policy_file = load_json(os.path.join(args.out, "glue-resource-policy.json"))
    role_name = f"{p}-{e}-sfn-execution-role"
    target_bucket, source_bucket = f"{p}-{e}-target-data", f"{p}-{e}-data"
    workgroup = f"{p}-{e}-target-workgroup"
    machine_name = f"{p}-{e}-athena-insert"
    log_group_name = f"/aws/vendedlogs/states/{machine_name}"
    expected_role_arn = f"arn:aws:iam::{t}:role/{role_name}"

    cfn, iam, s3 = client("cloudformation"), client("iam"), client("s3")
    sfn, logs, glue, athena = client("stepfunctions"), client("logs"), client("glue"), client("athena")

    check_logical_ids(c, "target template", target_template, TARGET_LOGICAL_IDS)
    check_logical_ids(c, "source template", source_template, SOURCE_LOGICAL_IDS)
    c.check(set(source_template.get("Parameters", {})) == SOURCE_PARAMETERS,
            f"source template: parameters {sorted(source_template.get('Parameters', {}))}, "
            f"expected {sorted(SOURCE_PARAMETERS)}")

    target_params, target_ids = check_stack(c, cfn, f"{p}-stack", target_template, expected_tags)
    source_params, source_ids = check_stack(c, cfn, f"{p}-s3", source_template, expected_tags)

    # IAM role: trust, inline policy, tags.
    try:
        role = iam.get_role(RoleName=role_name)["Role"]
    except ClientError as err:
        c.check(False, f"role {role_name}: {error_code(err)}")
        role = None
    if role:
        c.check(role["Arn"] == expected_role_arn, f"role ARN {role['Arn']}, expected {expected_role_arn}")
        trust = role["AssumeRolePolicyDocument"]
        trust = json.loads(trust) if isinstance(trust, str) else trust
        principals = [st.get("Principal") for st in as_list(trust.get("Statement"))]
        actions = set().union(*(lower_set(st.get("Action")) for st in as_list(trust.get("Statement"))))
        c.check(principals == [{"Service": ROLE_TRUST_SERVICE}] and actions == {"sts:assumerole"},
                f"role {role_name}: trust {trust}, expected only {ROLE_TRUST_SERVICE} sts:AssumeRole")
        tags = tag_map(iam.list_role_tags(RoleName=role_name)["Tags"])
        c.check(expected_tags.items() <= tags.items(), f"role {role_name}: tags {tags} lack {expected_tags}")
        statements = []
        for name in iam.list_role_policies(RoleName=role_name)["PolicyNames"]:
            document = iam.get_role_policy(RoleName=role_name, PolicyName=name)["PolicyDocument"]
            document = json.loads(document) if isinstance(document, str) else document
            statements.extend(as_list(document.get("Statement")))
        c.check(statements, f"role {role_name}: no inline policy")
        by_sid = {st.get("Sid"): st for st in statements if st.get("Sid")}
        for sid, wanted in ROLE_STATEMENTS.items():
            statement = by_sid.get(sid)
            if c.check(statement is not None, f"role {role_name}: no statement {sid}"):
                got = lower_set(statement.get("Action"))
                c.check(got == wanted, f"role {role_name}: {sid} actions {sorted(got)}, expected {sorted(wanted)}")
        athena_resources = as_list(by_sid.get("AllowAthenaQueryExecution", {}).get("Resource"))
        c.check(f"arn:aws:athena:{r}:{t}:workgroup/{workgroup}" in athena_resources,
                f"role {role_name}: AllowAthenaQueryExecution does not name workgroup {workgroup}")
        source_glue = as_list(by_sid.get("AllowSourceGlueCatalogReadAccess", {}).get("Resource"))
        c.check(f"arn:aws:glue:{r}:{s}:catalog" in source_glue,
                f"role {role_name}: AllowSourceGlueCatalogReadAccess does not name the source catalog")
        source_s3 = set(as_list(by_sid.get("AllowSourceS3BucketReadAccess", {}).get("Resource")))
        c.check(source_s3 == {f"arn:aws:s3:::{source_bucket}", f"arn:aws:s3:::{source_bucket}/*"},
                f"role {role_name}: AllowSourceS3BucketReadAccess resources {sorted(source_s3)}")
        c.check(any("s3:putobject" in lower_set(st.get("Action"))
                    and f"arn:aws:s3:::{target_bucket}/*" in as_list(st.get("Resource"))
                    for st in statements if st.get("Effect") == "Allow"),
                f"role {role_name}: may not write to {target_bucket}")
        c.check(not any(lower_set(st.get("Action")) & {"*", "s3:*", "glue:*", "athena:*"}
                        for st in statements if st.get("Effect") == "Allow"),
                f"role {role_name}: a statement allows a service wildcard action")

    def getatt(logical, attribute, ids):
        resource_type = (target_template if ids is target_ids else source_template) \
            .get("Resources", {}).get(logical, {}).get("Type")
        physical = ids.get(logical)
        if not physical or attribute != "Arn":
            return None
        if resource_type == "AWS::S3::Bucket":
            return f"arn:aws:s3:::{physical}"
        if resource_type == "AWS::IAM::Role":
            try:
                return iam.get_role(RoleName=physical)["Role"]["Arn"]
            except ClientError:
                return None
        if resource_type == "AWS::Logs::LogGroup":
            return f"arn:aws:logs:{r}:{t}:log-group:{physical}:*"
        if resource_type == "AWS::Lambda::Function":
            return f"arn:aws:lambda:{r}:{t}:function:{physical}"
        if resource_type == "AWS::StepFunctions::StateMachine":
            return physical
        return None

    pseudo = {"AWS::Partition": "aws", "AWS::Region": r, "AWS::URLSuffix": "amazonaws.com",
              "AWS::AccountId": t, "AWS::NoValue": None}
    target = Resolver(target_template, target_params, target_ids,
                      dict(pseudo, **{"AWS::StackName": f"{p}-stack"}),
                      lambda lid, att: getatt(lid, att, target_ids))
    # The source stack runs in the source account (moto has one account for both).
    source = Resolver(source_template, source_params, source_ids,
                      dict(pseudo, **{"AWS::StackName": f"{p}-s3", "AWS::AccountId": s}),
                      lambda lid, att: getatt(lid, att, source_ids))
    check_template_tags(c, "target template", target_template, target, r, expected_tags)
    check_template_tags(c, "source template", source_template, source, r, expected_tags)
    c.check(source_params.get("TargetAccountId") == t and source_params.get("ProjectName") == p
            and source_params.get("EnvName") == e, f"source stack parameters {source_params}")

    # Buckets.
    check_bucket(c, s3, target_template, target, "TargetDataBucket4EED9858", target_bucket, r, expected_tags)
    target_tags = tag_map(props(target_template, "TargetDataBucket4EED9858").get("Tags"))
    c.check(target_tags.get("aws-cdk:auto-delete-objects") == "true",
            f"bucket {target_bucket}: tag aws-cdk:auto-delete-objects=true missing")
    check_bucket(c, s3, source_template, source, "DataBucket", source_bucket, r, expected_tags)

    policy = bucket_policy(c, s3, target_template, target, "TargetDataBucket4EED9858", target_bucket)
    check_deny_insecure_transport(c, f"bucket policy {target_bucket}", policy, target_bucket)
    provider_role = getatt("CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092", "Arn", target_ids)
    c.check(any(st.get("Effect") == "Allow" and st.get("Principal") == {"AWS": provider_role}
                and "s3:deleteobject*" in lower_set(st.get("Action"))
                for st in as_list(policy.get("Statement"))),
            f"bucket policy {target_bucket}: does not let the auto-delete provider role delete objects")

    policy = bucket_policy(c, s3, source_template, source, "DataBucket", source_bucket)
    check_deny_insecure_transport(c, f"bucket policy {source_bucket}", policy, source_bucket)
    allows = [st for st in as_list(policy.get("Statement")) if st.get("Effect") == "Allow"]
    c.check(len(allows) == 1
            and allows[0].get("Principal") == {"AWS": expected_role_arn}
            and lower_set(allows[0].get("Action")) == SOURCE_READ_ACTIONS
            and set(as_list(allows[0].get("Resource")))
            == {f"arn:aws:s3:::{source_bucket}", f"arn:aws:s3:::{source_bucket}/*"},
            f"bucket policy {source_bucket}: must allow exactly {expected_role_arn} "
            f"s3:GetObject/s3:ListBucket on the bucket and its objects; has {allows}")
    try:
        s3.head_object(Bucket=source_bucket, Key=SAMPLE_KEY)
    except ClientError as err:
        c.check(False, f"s3://{source_bucket}/{SAMPLE_KEY}: {error_code(err)}")

    # Log group.
    groups = logs.describe_log_groups(logGroupNamePrefix=log_group_name).get("logGroups", [])
    group = next((g for g in groups if g["logGroupName"] == log_group_name), None)
    if c.check(group is not None, f"log group {log_group_name} does not exist"):
        c.check(group.get("retentionInDays") is not None, f"log group {log_group_name}: no retention")
        tags = logs.list_tags_log_group(logGroupName=log_group_name).get("tags", {})
        c.check(expected_tags.items() <= tags.items(), f"log group {log_group_name}: tags {tags} lack {expected_tags}")

    # State machine.
    machines = sfn.list_state_machines().get("stateMachines", [])
    machine = next((m for m in machines if m["name"] == machine_name), None)
    machine_props = target.resolve(props(target_template, "AthenaInsertStateMachine56546CD3"))
    if c.check(machine is not None, f"state machine {machine_name} does not exist"):
        described = sfn.describe_state_machine(stateMachineArn=machine["stateMachineArn"])
        c.check(described.get("roleArn") == expected_role_arn,
                f"state machine {machine_name}: role {described.get('roleArn')}, expected {expected_role_arn}")
        tags = tag_map(sfn.list_tags_for_resource(resourceArn=machine["stateMachineArn"]).get("tags"))
        c.check(expected_tags.items() <= tags.items(), f"state machine {machine_name}: tags {tags} lack {expected_tags}")
        definition_text = described.get("definition") or ""
        if not definition_text:
            c.fallback(f"{machine_name} definition")
            definition = machine_props.get("Definition")
            if definition is None:
                definition_text = machine_props.get("DefinitionString", "{}")
            else:
                definition_text = json.dumps(definition)
            for key, value in (machine_props.get("DefinitionSubstitutions") or {}).items():
                definition_text = definition_text.replace("${" + key + "}", str(value))
        c.check("${" not in definition_text and "<unresolved" not in definition_text,
                f"state machine {machine_name}: unresolved placeholder in definition")
        try:
            definition = json.loads(definition_text)
        except ValueError:
            definition = {}
            c.check(False, f"state machine {machine_name}: definition is not JSON")
        tasks = [st for st in definition.get("States", {}).values() if st.get("Type") == "Task"]
        athena_tasks = [st for st in tasks if str(st.get("Resource", "")).endswith(ATHENA_SYNC_TASK)]
        if c.check(len(athena_tasks) == 1, f"state machine {machine_name}: expected one {ATHENA_SYNC_TASK} task"):
            parameters = athena_tasks[0].get("Parameters", {})
            c.check(parameters.get("WorkGroup") == workgroup,
                    f"state machine {machine_name}: task workgroup {parameters.get('WorkGroup')}")
            query = parameters.get("QueryString", "")
            c.check("INSERT INTO" in query.upper() and f"{DATA_CATALOG_NAME}." in query,
                    f"state machine {machine_name}: task query does not insert from {DATA_CATALOG_NAME}")
        c.check(definition.get("TimeoutSeconds") == STATE_MACHINE_TIMEOUT_SECONDS,
                f"state machine {machine_name}: TimeoutSeconds {definition.get('TimeoutSeconds')}")

        logging = described.get("loggingConfiguration", {})
        if logging.get("level", "OFF") == "OFF":
            c.fallback(f"{machine_name} logging")
            logging = {k[0].lower() + k[1:]: v for k, v in machine_props.get("LoggingConfiguration", {}).items()}
        destinations = [d.get("CloudWatchLogsLogGroup", d.get("cloudWatchLogsLogGroup", {}))
                        .get("LogGroupArn", d.get("cloudWatchLogsLogGroup", {}).get("logGroupArn"))
                        for d in logging.get("destinations", [])]
        c.check(logging.get("level", "OFF") in ("ALL", "ERROR", "FATAL"),
                f"state machine {machine_name}: logging level {logging.get('level', 'OFF')}")
        c.check(any(str(d).startswith(f"arn:aws:logs:{r}:{t}:log-group:{log_group_name}") for d in destinations),
                f"state machine {machine_name}: logs to {destinations}, expected {log_group_name}")
        tracing = described.get("tracingConfiguration", {}).get("enabled")
        if not tracing:
            c.fallback(f"{machine_name} tracing")
            tracing = machine_props.get("TracingConfiguration", {}).get("Enabled")
        c.check(tracing is True, f"state machine {machine_name}: X-Ray tracing not enabled")

    # Athena workgroup and data catalog.
    names = [w["Name"] for w in athena.list_work_groups().get("WorkGroups", [])]
    if workgroup in names:
        config = athena.get_work_group(WorkGroup=workgroup)["WorkGroup"]["Configuration"]
    else:
        c.fallback(f"{workgroup}")
        wg = resources_of_type(target_template, "AWS::Athena::WorkGroup")
        wg_props = target.resolve(next(iter(wg.values()), {}).get("Properties", {}))
        c.check(wg_props.get("Name") == workgroup, f"workgroup: name {wg_props.get('Name')}, expected {workgroup}")
        config = wg_props.get("WorkGroupConfiguration", {})
    c.check(config.get("EnforceWorkGroupConfiguration") is True, f"workgroup {workgroup}: configuration not enforced")
    c.check(config.get("PublishCloudWatchMetricsEnabled") is True, f"workgroup {workgroup}: no CloudWatch metrics")
    c.check(config.get("EngineVersion", {}).get("SelectedEngineVersion") == "AUTO",
            f"workgroup {workgroup}: engine {config.get('EngineVersion')}")
    c.check(config.get("ManagedQueryResultsConfiguration", {}).get("Enabled") is True,
            f"workgroup {workgroup}: managed query results not enabled")

    catalogs = [d["CatalogName"] for d in athena.list_data_catalogs().get("DataCatalogsSummary", [])]
    if DATA_CATALOG_NAME in catalogs:
        catalog = athena.get_data_catalog(Name=DATA_CATALOG_NAME)["DataCatalog"]
        catalog = {"Name": catalog["Name"], "Type": catalog["Type"], "Parameters": catalog.get("Parameters", {})}
    else:
        c.fallback(DATA_CATALOG_NAME)
        catalog = target.resolve(props(target_template, "SourceDataCatalog"))
    c.check(catalog.get("Name") == DATA_CATALOG_NAME and catalog.get("Type") == "GLUE"
            and catalog.get("Parameters", {}).get("catalog-id") == s,
            f"data catalog: {catalog}, expected {DATA_CATALOG_NAME} GLUE catalog-id {s}")

    # Glue resource policy (put in the source account).
    try:
        in_json = glue.get_resource_policy().get("PolicyInJson")
    except ClientError as err:
        in_json = None
        c.check(False, f"glue get-resource-policy: {error_code(err)}")
    if c.check(in_json is not None, "glue get-resource-policy returned no policy"):
        c.check(json.loads(in_json) == glue_policy_file, "glue resource policy differs from glue-resource-policy.json")
    allows = [st for st in as_list(glue_policy_file.get("Statement")) if st.get("Effect") == "Allow"]
    c.check(allows and all(st.get("Principal") == {"AWS": expected_role_arn}
                           or st.get("Principal") == {"AWS": [expected_role_arn]} for st in allows),
            f"glue resource policy: principals must be exactly {expected_role_arn}")
    actions = set().union(*(lower_set(st.get("Action")) for st in allows)) if allows else set()
    c.check(actions == GLUE_POLICY_ACTIONS, f"glue resource policy: actions {sorted(actions)}")
    resources = set().union(*(set(as_list(st.get("Resource"))) for st in allows)) if allows else set()
    c.check(f"arn:aws:glue:{r}:{s}:catalog" in resources,
            f"glue resource policy: resources {sorted(resources)} lack arn:aws:glue:{r}:{s}:catalog")

    return c.finish("deployed")


def empty_bucket(args):
    s3 = client("s3")
    try:
        s3.head_bucket(Bucket=args.bucket)
    except ClientError as err:
        if error_code(err) in ("404", "NoSuchBucket"):
            return 0  # nothing to empty: the deploy did not get that far
        raise
    paginator = s3.get_paginator("list_object_versions")
    for page in paginator.paginate(Bucket=args.bucket):
        objects = [{"Key": v["Key"], "VersionId": v["VersionId"]}
                   for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]
        if objects:
            result = s3.delete_objects(Bucket=args.bucket, Delete={"Objects": objects, "Quiet": True})
            for error in result.get("Errors", []):
                print(f"  empty-bucket: FAIL {error}", file=sys.stderr)
                return 1
    left = s3.list_object_versions(Bucket=args.bucket)
    if left.get("Versions") or left.get("DeleteMarkers"):
        print(f"  empty-bucket: FAIL {args.bucket} still holds object versions", file=sys.stderr)
        return 1
    return 0


def gone(args):
    c = Checker()
    p, e = args.project, args.env
    cfn, iam, s3 = client("cloudformation"), client("iam"), client("s3")
    sfn, logs, lam = client("stepfunctions"), client("logs"), client("lambda")
    stacks = []
    for page in cfn.get_paginator("list_stacks").paginate():
        stacks.extend(page["StackSummaries"])
    for stack in stacks:
        c.check(stack["StackStatus"] == "DELETE_COMPLETE", f"stack {stack['StackName']} is {stack['StackStatus']}")
    names = {stack["StackName"] for stack in stacks}
    c.check({f"{p}-stack", f"{p}-s3"} <= names, f"stacks {sorted(names)}: deleted stacks not listed")
    buckets = [b["Name"] for b in s3.list_buckets().get("Buckets", [])]
    c.check(not buckets, f"buckets left: {buckets}")
    try:
        iam.get_role(RoleName=f"{p}-{e}-sfn-execution-role")
        c.check(False, f"role {p}-{e}-sfn-execution-role left")
    except ClientError as err:
        c.check(error_code(err) == "NoSuchEntity", f"get-role: {error_code(err)}")
    roles = [role["RoleName"] for role in iam.list_roles()["Roles"]]
    c.check(not roles, f"roles left: {roles}")
    machines = [m["name"] for m in sfn.list_state_machines().get("stateMachines", [])]
    c.check(not machines, f"state machines left: {machines}")
    groups = [g["logGroupName"] for g in logs.describe_log_groups().get("logGroups", [])]
    # Lambda creates /aws/lambda/<function> itself when the function runs (moto: when the
    # custom resource tries to invoke it), so no stack owns it and deleting the stack leaves it.
    lambda_groups = [g for g in groups if g.startswith("/aws/lambda/")]
    c.check(not (set(groups) - set(lambda_groups)), f"log groups left: {sorted(set(groups) - set(lambda_groups))}")
    if lambda_groups:
        print(f"  delete: note: {len(lambda_groups)} log group(s) /aws/lambda/<function> outlive the stack "
              "(created by Lambda, not by the stack)", file=sys.stderr)
    functions = [f["FunctionName"] for f in lam.list_functions().get("Functions", [])]
    c.check(not functions, f"Lambda functions left: {functions}")
    return c.finish("delete")


def static_counts(args):
    """Splits the one cfn-lint and one checkov run over every config into per-config counts.

    Prints "LINT CHECKOV" for config NAME; the findings themselves go to stderr. A finding
    that names no config's folder (a tool crash, say) counts against every config.
    """
    work, name = args.work.rstrip(os.sep), args.name
    folder = os.path.join(work, name) + os.sep

    with open(os.path.join(work, "lint.txt"), encoding="utf-8", errors="replace") as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    lint = [line for line in lines if line.startswith(folder) or not line.startswith(work + os.sep)]
    if lint:
        print("  cfn-lint:", file=sys.stderr)
        for line in lint:
            print("    " + line.replace(work + os.sep, ""), file=sys.stderr)

    failed = []
    try:
        with open(os.path.join(work, "checkov.json"), encoding="utf-8") as f:
            data = json.load(f)
        reports = data if isinstance(data, list) else [data]
    except ValueError:
        reports = []
        failed.append("checkov wrote no JSON")
    total = listed = parsing_errors = 0
    for report in reports:
        summary = report.get("summary", report)
        total += summary.get("failed", 0)
        parsing_errors += summary.get("parsing_errors", 0)
        for check in report.get("results", {}).get("failed_checks", []):
            listed += 1
            path = check.get("file_abs_path") or check.get("file_path", "")
            if path.startswith(folder):
                failed.append(f"{check['check_id']} {check['resource']} ({name}/{os.path.basename(path)}): "
                              f"{check['check_name']}")
    if total != listed:
        failed.append(f"checkov summary.failed={total} but {listed} failed checks listed")
    if parsing_errors:
        # --quiet lists no parsing errors in the JSON; checkov logs each one with its path.
        with open(os.path.join(work, "checkov.err"), encoding="utf-8", errors="replace") as f:
            unparsed = sorted({m.group(1) for m in re.finditer(r"error parsing (\S+?):", f.read())})
        failed.extend(f"checkov could not parse {path.replace(work + os.sep, '')}"
                      for path in unparsed if path.startswith(folder))
        if len(unparsed) < parsing_errors:
            failed.append(f"checkov: {parsing_errors} parsing errors")
    if failed:
        print("  checkov failed checks:", file=sys.stderr)
        for line in failed:
            print("    " + line, file=sys.stderr)
    print(len(lint), len(failed))
    return 0


def main():
    # Die of Ctrl-C (no traceback, no exit 1) so that scripts/verify's INT trap runs.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    d = commands.add_parser("deployed")
    for name in ("out", "project", "env", "source-account", "target-account", "region"):
        d.add_argument("--" + name, required=True)
    b = commands.add_parser("empty-bucket")
    b.add_argument("bucket")
    g = commands.add_parser("gone")
    g.add_argument("--project", required=True)
    g.add_argument("--env", required=True)
    st = commands.add_parser("static-counts")
    st.add_argument("work")
    st.add_argument("name")
    args = parser.parse_args()
    command = {"deployed": deployed, "empty-bucket": empty_bucket, "gone": gone,
               "static-counts": static_counts}[args.command]
    try:
        return command(args)
    except Exception as err:  # report, do not crash: verify goes on with the next step
        print(f"  {args.command}: FAIL {type(err).__name__}: {err}".splitlines()[0], file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
