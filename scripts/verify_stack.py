"""The Python half of scripts/verify: assertions through the AWS API of a moto_server.

Called by scripts/verify with the .venv/tools interpreter; boto3 reads the endpoint
(AWS_ENDPOINT_URL) and region from the environment that verify sets up. Each account is a
named profile in AWS_SHARED_CREDENTIALS_FILE (written by `profiles`): `target` for the
target account, `source-<account>` for each source account.

  verify_stack.py profiles      --target-account T --source-accounts S[,S...]
  verify_stack.py deployed      --out DIR --project P --env E --source-accounts S[,S...] --target-account T
                                --region R [--config FILE] [--synth-log FILE]
  verify_stack.py empty-bucket  --profile NAME --stack STACK
  verify_stack.py release-managed-policies --profile NAME --stack STACK
  verify_stack.py delete-glue-policy --profile NAME
  verify_stack.py gone          --project P --env E --source-accounts S[,S...] --target-account T [--catalog]
  verify_stack.py static-counts WORK NAME

`--config` names a config with `context.sources` (a pipeline); without it the config is the
seed's single query (target/insert-query.sql). `--source-accounts` lists the source accounts
the source stack was deployed as; a pipeline's other accounts are checked in the files only.

Each command prints one line per failed assertion to stderr and exits 1 if any failed;
static-counts prints the cfn-lint and checkov counts of one config (see its docstring).

moto 5.2.1's CloudFormation drops some properties (bucket policy, public access block,
versioning, ownership controls, lifecycle, Athena and Glue resources, a state machine's
`Definition` object, logging and tracing). For those the API answer is used when moto has
one, otherwise the same assertion runs on the template, resolved with the stack's real
parameters and physical IDs. `VERIFY_VERBOSE=1` lists which assertions fell back to the template.
"""

import argparse
import collections
import json
import os
import re
import signal
import sys

import boto3
from botocore.exceptions import ClientError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPOSITORY_TAG = "blog-code-58"
ROLE_TRUST_SERVICE = "states.amazonaws.com"
ATHENA_SYNC_TASK = "states:::athena:startQueryExecution.sync"
# A Parquet table in the Glue catalog (https://docs.aws.amazon.com/athena/latest/ug/parquet-serde.html).
PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"
STATE_MACHINE_TIMEOUT_SECONDS = 600
DATA_CATALOG_NAME = "source_catalog"
TARGET_DATABASE = "cm_kasama_cross_account_target_db"
DEFAULT_MAX_CONCURRENCY = 5
SAMPLE_KEY = "data/sales.csv"
TARGET_PROFILE = "target"
STATE_MACHINE_LOGICAL_ID = "AthenaInsertStateMachine56546CD3"

# Quotas the rendered output must respect.
IAM_ROLE_INLINE_CHARS = 10240       # all inline policies of a role together, whitespace not counted
IAM_MANAGED_POLICY_CHARS = 6144     # one managed policy, whitespace not counted
IAM_MANAGED_POLICIES_PER_ROLE = 10  # default quota
CFN_INLINE_TEMPLATE_BYTES = 51200   # larger templates must be deployed through S3
CFN_S3_TEMPLATE_BYTES = 1000000
CFN_RESOURCES = 500
SFN_DEFINITION_BYTES = 1048576
SFN_PAYLOAD_BYTES = 262144          # input or output of one state
GLUE_POLICY_BYTES = 10240           # a Glue Data Catalog resource policy

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
    STATE_MACHINE_LOGICAL_ID: "AWS::StepFunctions::StateMachine",
}
# With several sources there is one data catalog per source account (checked by name instead).
PIPELINE_TARGET_LOGICAL_IDS = {k: v for k, v in TARGET_LOGICAL_IDS.items() if k != "SourceDataCatalog"}
SOURCE_LOGICAL_IDS = {
    "DataBucket": "AWS::S3::Bucket",
    "DataBucketPolicy": "AWS::S3::BucketPolicy",
}
SOURCE_PARAMETERS = {"ProjectName", "EnvName", "TargetAccountId"}
# moto accepts these but creates nothing and lists no (or a nameless) stack resource for them.
MOTO_UNSUPPORTED_TYPES = {"AWS::S3::BucketPolicy", "AWS::Athena::WorkGroup", "AWS::Athena::DataCatalog",
                          "AWS::Glue::Database", "AWS::Glue::Table", "AWS::Scheduler::Schedule",
                          "AWS::SNS::TopicPolicy", "AWS::SNS::Subscription"}
REF_IS_NAME = {"AWS::Athena::WorkGroup", "AWS::Athena::DataCatalog"}

# The seed's four role statements and their exact actions (IAM actions are case-insensitive).
# A statement split to fit IAM's quotas keeps its Sid with a `Part<N>` suffix.
ROLE_STATEMENTS = {
    "AllowAthenaQueryExecution": {
        "athena:startqueryexecution", "athena:getqueryexecution", "athena:getqueryresults",
        "athena:stopqueryexecution",
    },
    "AllowAthenaDataCatalogAccess": {"athena:getdatacatalog"},
    "AllowTargetGlueCatalogAccess": {
        "glue:getdatabase", "glue:gettable", "glue:getpartitions", "glue:batchcreatepartition",
    },
    "AllowSourceGlueCatalogReadAccess": {"glue:getdatabase", "glue:gettable", "glue:getpartitions"},
    "AllowSourceS3BucketReadAccess": {"s3:getobject"},
    # Added for real AWS: Athena reads the account's default database, and Lake Formation's
    # GetDataAccess (no resource-level permissions) wherever a location is registered with it.
    "AllowAthenaDefaultDatabase": {"glue:getdatabase"},
    "AllowLakeFormationDataAccess": {"lakeformation:getdataaccess"},
}
# Listing a source bucket is a statement of its own per source, kept to the tables' folders.
SOURCE_LIST_SID = "AllowSourceS3BucketList"
SEED_DATA_PREFIX = "data/"
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


_sessions = {}


def session(profile):
    """A boto3 session for one account's profile (an explicit profile wins over env credentials)."""
    if profile not in _sessions:
        _sessions[profile] = boto3.Session(profile_name=profile)
    return _sessions[profile]


def source_profile(account):
    return f"source-{account}"


def accounts(text):
    return [a for a in (text or "").split(",") if a]


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


def partition_of(region):
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def policy_size(document):
    """Characters IAM counts against its policy size quotas: the JSON without any whitespace."""
    return len(re.sub(r"\s", "", json.dumps(document, separators=(",", ":"), ensure_ascii=False)))


def parse_document(document):
    return json.loads(document) if isinstance(document, str) else document


def summarize(items, limit=5):
    items = sorted(items)
    more = f", … ({len(items)} in all)" if len(items) > limit else ""
    return "[" + ", ".join(str(i) for i in items[:limit]) + more + "]"


# --- what the config asks for ----------------------------------------------------------------

class TableShape:
    """How one table is stored (issue 11), from its config: the source's folder and partition
    keys, the target's columns, format and codec, and the copy mode."""

    def __init__(self, prefix, target_columns, file_format="textfile", compression=None, partition_keys=(), mode="append"):
        self.prefix = prefix
        self.target_columns = target_columns
        self.file_format = file_format
        self.compression = compression
        self.partition_keys = list(partition_keys)
        self.mode = mode

    @property
    def ctas_properties(self):
        """The replace mode's CTAS WITH properties after external_location, as Athena documents
        them (https://docs.aws.amazon.com/athena/latest/ug/create-table-as.html)."""
        if self.file_format == "parquet":
            properties = f"format = 'PARQUET', write_compression = '{self.compression}'"
        else:
            properties = "format = 'TEXTFILE', field_delimiter = ','"
        if self.partition_keys:
            keys = ", ".join(f"'{k['name']}'" for k in self.partition_keys)
            properties += f", partitioned_by = ARRAY[{keys}]"
        return properties


def table_shape(database, table, pipeline_mode):
    """A config table's TableShape, with synth's documented defaults."""
    parquet = table.get("format") == "parquet"
    return TableShape(
        prefix=table.get("dataPrefix") or f"{database}/{table['name']}/",
        target_columns=table.get("targetColumns") or table.get("columns", []),
        file_format="parquet" if parquet else "textfile",
        compression=(table.get("compression") or "snappy").upper() if parquet else None,
        partition_keys=table.get("partitionKeys", []),
        mode=table.get("copyMode") or pipeline_mode)


class Source:
    def __init__(self, account, catalog, bucket, databases, prefixes, shapes=None):
        self.account = account
        self.catalog = catalog
        self.bucket = bucket
        # [(database, [(table, targetTable, columns)])]
        self.databases = databases
        # The folders of the tables' files in the bucket, each ending in "/".
        self.prefixes = prefixes
        # {(database, table): TableShape}; a table missing here is the seed's text table.
        self.shapes = shapes or {}

    def shape(self, database, table, columns):
        return self.shapes.get((database, table)) or TableShape(f"{database}/{table}/", columns)

    def key_patterns(self, coarse):
        """What the target role may read: each table folder, or each top folder when coarse."""
        patterns = []
        for prefix in self.prefixes:
            folder = prefix.split("/", 1)[0] + "/" if coarse else prefix
            if folder + "*" not in patterns:
                patterns.append(folder + "*")
        return patterns

    @property
    def tables(self):
        return [(db, table) for db, tables in self.databases for table, _, _ in tables]


class Plan:
    """What synth must render, computed here from the config (not from synth's output)."""

    def __init__(self, pipeline, target_database, max_concurrency, catalog_as_code, sources):
        self.pipeline = pipeline
        self.target_database = target_database
        self.max_concurrency = max_concurrency
        self.catalog_as_code = catalog_as_code
        self.sources = sources

    def source(self, account):
        return next((s for s in self.sources if s.account == account), None)

    @property
    def entries(self):
        """(source, database, table, targetTable, columns) for every table, in config order."""
        return [(s, db, table, target, columns)
                for s in self.sources for db, tables in s.databases for table, target, columns in tables]

    @property
    def jobs(self):
        """The Map's items: {"target": db.table, "source": catalog.db.table}, as (target, source)."""
        return [(f"{self.target_database}.{target}", f"{s.catalog}.{db}.{table}")
                for s, db, table, target, _ in self.entries]

    @property
    def target_tables(self):
        return [target for _, _, _, target, _ in self.entries]

    @property
    def has_columns(self):
        return self.pipeline and all(columns for *_, columns in self.entries)


def stack_names(project, env):
    """The target and source stack names: the seed's for dev, the environment's own otherwise."""
    prefix = project if env == "dev" else f"{project}-{env}"
    return f"{prefix}-stack", f"{prefix}-s3"


def seed_plan(project, env, source_account):
    """The seed's one source and the tables target/insert-query.sql reads and writes."""
    with open(os.path.join(ROOT, "target", "insert-query.sql"), encoding="utf-8") as f:
        query = f.read()
    reads = re.findall(r"\$\{SOURCE_CATALOG\}\.(\w+)\.(\w+)", query)
    writes = re.findall(r"INSERT\s+INTO\s+\$\{TARGET_DATABASE\}\.(\w+)", query, re.IGNORECASE)
    databases = {}
    for (db, table), target in zip(reads, writes):
        databases.setdefault(db, []).append((table, target, []))
    source = Source(source_account, DATA_CATALOG_NAME, f"{project}-{env}-data", list(databases.items()), [SEED_DATA_PREFIX])
    return Plan(False, TARGET_DATABASE, DEFAULT_MAX_CONCURRENCY, False, [source])


def pipeline_plan(path, project, env):
    """`context.sources` with synth's documented defaults filled in."""
    context = load_json(path)["context"]
    items = context["sources"]
    count = len(items)
    sources = []
    for item in items:
        account = item["accountId"]
        catalog = item.get("catalogName") or (DATA_CATALOG_NAME if count == 1 else f"source_{account}")
        bucket = item.get("bucket") or (f"{project}-{env}-data" if count == 1 else f"{project}-{env}-data-{account}")
        databases = [(db["name"], [(t["name"], t.get("targetTable") or f"{t['name']}_copy", t.get("columns", []))
                                   for t in db["tables"]])
                     for db in item["databases"]]
        prefixes = []
        shapes = {}
        for db in item["databases"]:
            for t in db["tables"]:
                shapes[(db["name"], t["name"])] = table_shape(db["name"], t, context.get("copyMode", "append"))
                prefix = shapes[(db["name"], t["name"])].prefix
                if prefix not in prefixes:
                    prefixes.append(prefix)
        sources.append(Source(account, catalog, bucket, databases, prefixes, shapes))
    return Plan(True, context.get("targetDatabase", TARGET_DATABASE),
                context.get("maxConcurrency", DEFAULT_MAX_CONCURRENCY),
                context.get("catalogAsCode", False), sources)


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
        if resource.get("Type") == "AWS::Glue::Database":
            return self.resolve(resource.get("Properties", {}).get("DatabaseInput", {}).get("Name"))
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
            if key == "Fn::FindInMap":
                name, first, second = (str(self.resolve(a)) for a in arg[:3])
                found = self.template.get("Mappings", {}).get(name, {}).get(first, {}).get(second)
                return found if found is not None else f"<unresolved FindInMap {name}.{first}.{second}>"
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


# --- checks for what the multi-source feature adds -------------------------------------------

def glue_hierarchy(partition, region, account, tables):
    """The catalog and databases, then each table's ARN or each database's `table/<db>/*`."""
    prefix = f"arn:{partition}:glue:{region}:{account}:"
    databases = {db for db, _ in tables}
    base = {prefix + "catalog"} | {prefix + f"database/{db}" for db in databases}
    exact = {prefix + f"table/{db}/{table}" for db, table in tables}
    wildcard = {prefix + f"table/{db}/*" for db in databases}
    return base, exact, wildcard


def check_hierarchy(c, label, resources, parts):
    """`resources` must be exactly the parts' ARNs, every table named or every database's tables."""
    base = set().union(*(b for b, _, _ in parts))
    exact = set().union(*(x for _, x, _ in parts))
    wildcard = set().union(*(w for _, _, w in parts))
    resources = set(resources)
    if resources == base | exact or resources == base | wildcard:
        return
    missing = (base | exact) - resources if not (resources & wildcard) else (base | wildcard) - resources
    extra = resources - base - exact - wildcard
    c.check(False, f"{label}: resources differ from the catalog, databases and tables copied: "
                   f"missing {summarize(missing)}, unexpected {summarize(extra)}")


def role_documents(iam, role_name):
    """The role's inline policies and attached managed policies: [(name, document)] each."""
    inline = []
    for name in iam.list_role_policies(RoleName=role_name)["PolicyNames"]:
        document = iam.get_role_policy(RoleName=role_name, PolicyName=name)["PolicyDocument"]
        inline.append((name, parse_document(document)))
    managed = []
    for attached in iam.list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]:
        arn = attached["PolicyArn"]
        version = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
        document = iam.get_policy_version(PolicyArn=arn, VersionId=version)["PolicyVersion"]["Document"]
        managed.append((attached["PolicyName"], parse_document(document)))
    return inline, managed


def check_role(c, iam, role_name, expected_role_arn, plan, t, r, workgroup, target_bucket, expected_tags,
               target_template, machine_name):
    """Trust, tags, IAM's size quotas, and the seed's four statements (split or not) naming
    exactly the catalogs, databases, tables and buckets of every source."""
    try:
        role = iam.get_role(RoleName=role_name)["Role"]
    except ClientError as err:
        c.check(False, f"role {role_name}: {error_code(err)}")
        return
    c.check(role["Arn"] == expected_role_arn, f"role ARN {role['Arn']}, expected {expected_role_arn}")
    trust = parse_document(role["AssumeRolePolicyDocument"])
    principals = [st.get("Principal") for st in as_list(trust.get("Statement"))]
    actions = set().union(*(lower_set(st.get("Action")) for st in as_list(trust.get("Statement"))))
    c.check(principals == [{"Service": ROLE_TRUST_SERVICE}] and actions == {"sts:assumerole"},
            f"role {role_name}: trust {trust}, expected only {ROLE_TRUST_SERVICE} sts:AssumeRole")
    # Confused deputy: only on behalf of this account's state machine.
    state_machine = f"arn:{partition_of(r)}:states:{r}:{t}:stateMachine:{machine_name}"
    for statement in as_list(trust.get("Statement")):
        condition = statement.get("Condition", {})
        c.check(condition.get("StringEquals", {}).get("aws:SourceAccount") == t
                and condition.get("ArnLike", {}).get("aws:SourceArn") == state_machine,
                f"role {role_name}: trust conditions {condition}, expected aws:SourceAccount {t} and aws:SourceArn {state_machine}")
    tags = tag_map(iam.list_role_tags(RoleName=role_name)["Tags"])
    c.check(expected_tags.items() <= tags.items(), f"role {role_name}: tags {tags} lack {expected_tags}")

    inline, managed = role_documents(iam, role_name)
    c.check(inline, f"role {role_name}: no inline policy")
    inline_size = sum(policy_size(document) for _, document in inline)
    c.check(inline_size <= IAM_ROLE_INLINE_CHARS,
            f"role {role_name}: inline policies total {inline_size} characters without whitespace; "
            f"IAM allows {IAM_ROLE_INLINE_CHARS} per role")
    for name, document in managed:
        size = policy_size(document)
        c.check(size <= IAM_MANAGED_POLICY_CHARS,
                f"role {role_name}: managed policy {name} is {size} characters without whitespace; "
                f"IAM allows {IAM_MANAGED_POLICY_CHARS}")
    c.check(len(managed) <= IAM_MANAGED_POLICIES_PER_ROLE,
            f"role {role_name}: {len(managed)} managed policies attached; IAM allows {IAM_MANAGED_POLICIES_PER_ROLE}")
    declared = resources_of_type(target_template, "AWS::IAM::ManagedPolicy")
    c.check(len(managed) == len(declared),
            f"role {role_name}: {len(managed)} managed policies attached, the template declares {len(declared)}")
    role_logical = next(iter(k for k, v in resources_of_type(target_template, "AWS::IAM::Role").items()
                             if v.get("Properties", {}).get("RoleName") == role_name), None)
    for logical, resource in declared.items():
        # A Ref (not a name) makes CloudFormation create the policy after the role and
        # delete it (detaching it) before the role.
        c.check(resource.get("Properties", {}).get("Roles") == [{"Ref": role_logical}],
                f"target template: {logical} must attach to exactly [{{'Ref': '{role_logical}'}}]")

    statements = [st for _, document in inline + managed for st in as_list(document.get("Statement"))]
    groups = collections.defaultdict(list)
    for statement in statements:
        if statement.get("Sid"):
            groups[re.sub(r"Part\d+$", "", statement["Sid"])].append(statement)
    for sid, wanted in ROLE_STATEMENTS.items():
        if c.check(groups.get(sid), f"role {role_name}: no statement {sid}"):
            for statement in groups[sid]:
                got = lower_set(statement.get("Action"))
                c.check(statement.get("Effect") == "Allow" and got == wanted,
                        f"role {role_name}: {statement.get('Sid')} {statement.get('Effect')} {sorted(got)}, "
                        f"expected Allow {sorted(wanted)}")

    def resources(sid):
        return {res for st in groups.get(sid, []) for res in as_list(st.get("Resource"))}

    partition = partition_of(r)
    athena_arn = f"arn:{partition}:athena:{r}:{t}:"
    got = resources("AllowAthenaQueryExecution")
    c.check(got == {athena_arn + f"workgroup/{workgroup}"}, f"role {role_name}: AllowAthenaQueryExecution resources {summarize(got)}")
    catalogs = {athena_arn + "datacatalog/AwsDataCatalog"} | {athena_arn + f"datacatalog/{s.catalog}" for s in plan.sources}
    got = resources("AllowAthenaDataCatalogAccess")
    c.check(got == catalogs, f"role {role_name}: AllowAthenaDataCatalogAccess resources: missing "
                             f"{summarize(catalogs - got)}, unexpected {summarize(got - catalogs)}")
    check_hierarchy(c, f"role {role_name}: AllowTargetGlueCatalogAccess", resources("AllowTargetGlueCatalogAccess"),
                    [glue_hierarchy(partition, r, t, [(plan.target_database, table) for table in plan.target_tables])])
    check_hierarchy(c, f"role {role_name}: AllowSourceGlueCatalogReadAccess", resources("AllowSourceGlueCatalogReadAccess"),
                    [glue_hierarchy(partition, r, s.account, s.tables) for s in plan.sources])
    # Objects only in the tables' folders (per top folder when scoped per database), and each
    # bucket listed only there.
    got = resources("AllowSourceS3BucketReadAccess")
    fine, coarse = ({f"arn:{partition}:s3:::{s.bucket}/{pattern}" for s in plan.sources for pattern in s.key_patterns(level)}
                    for level in (False, True))
    c.check(got in (fine, coarse), f"role {role_name}: AllowSourceS3BucketReadAccess resources: missing "
                                   f"{summarize(fine - got)}, unexpected {summarize(got - fine - coarse)}")
    # One listing statement per source bucket below its own folders, or (scoped per database)
    # one for every bucket below all their top folders.
    listings = [st for st in statements if re.sub(r"Part\d+$", "", st.get("Sid", "")).startswith(SOURCE_LIST_SID)]
    buckets = {f"arn:{partition}:s3:::{s.bucket}": s for s in plan.sources}
    listed = {res for st in listings for res in as_list(st.get("Resource"))}
    c.check(listed == set(buckets), f"role {role_name}: {SOURCE_LIST_SID} lists {summarize(listed)}, expected {summarize(set(buckets))}")
    coarse_all = {pattern for s in plan.sources for pattern in s.key_patterns(True)}
    for st in listings:
        prefixes = set(as_list(st.get("Condition", {}).get("StringLike", {}).get("s3:prefix")))
        mine = [buckets[res] for res in as_list(st.get("Resource")) if res in buckets]
        allowed = ([set(mine[0].key_patterns(False)), set(mine[0].key_patterns(True))] if len(mine) == 1 else []) + [coarse_all]
        c.check(lower_set(st.get("Action")) == {"s3:listbucket"} and prefixes in allowed,
                f"role {role_name}: {st.get('Sid')} {st}, expected s3:ListBucket below the tables' folders")
    c.check(any("s3:putobject" in lower_set(st.get("Action"))
                and f"arn:{partition}:s3:::{target_bucket}/*" in as_list(st.get("Resource"))
                for st in statements if st.get("Effect") == "Allow"),
            f"role {role_name}: may not write to {target_bucket}")
    c.check(not any(lower_set(st.get("Action")) & {"*", "s3:*", "glue:*", "athena:*"}
                    for st in statements if st.get("Effect") == "Allow"),
            f"role {role_name}: a statement allows a service wildcard action")


def check_transitions(c, label, graph):
    states = graph.get("States", {})
    c.check(graph.get("StartAt") in states, f"{label}: StartAt {graph.get('StartAt')} is not a state")
    for name, state in states.items():
        targets = [state.get("Next"), state.get("Default")] + [ch.get("Next") for ch in state.get("Choices", [])]
        for target in targets:
            c.check(target is None or target in states, f"{label}: {name} goes to unknown state {target}")


def check_copy_map(c, label, definition, plan, workgroup):
    """A Pass state lists every table once, a Map copies each with one Athena task."""
    states = definition.get("States", {})
    check_transitions(c, label, definition)
    types = {state.get("Type") for state in states.values()}
    c.check({"Pass", "Map", "Choice", "Fail", "Succeed"} <= types, f"{label}: state types {sorted(types)}")
    maps = {name: state for name, state in states.items() if state.get("Type") == "Map"}
    if not c.check(len(maps) == 1, f"{label}: expected one Map state, found {sorted(maps)}"):
        return
    (map_name, state), = maps.items()
    c.check(state.get("MaxConcurrency") == plan.max_concurrency,
            f"{label}: {map_name} MaxConcurrency {state.get('MaxConcurrency')}, expected {plan.max_concurrency}")
    items_path = state.get("ItemsPath")
    feeders = [s for s in states.values()
               if s.get("Type") == "Pass" and s.get("Next") == map_name and s.get("ResultPath") == items_path]
    if not c.check(len(feeders) == 1 and isinstance(feeders[0].get("Result"), list),
                   f"{label}: no Pass state puts the list of tables at {items_path} before {map_name}"):
        return
    items = feeders[0]["Result"]
    size = len(json.dumps(items, separators=(",", ":")).encode())
    c.check(size <= SFN_PAYLOAD_BYTES,
            f"{label}: the list of tables is {size} bytes; a state's output may be {SFN_PAYLOAD_BYTES}")
    got = collections.Counter((i.get("target"), i.get("source")) if isinstance(i, dict) else (str(i), None)
                              for i in items)
    want = collections.Counter(plan.jobs)
    repeated = [item for item, count in got.items() if count > 1]
    c.check(got == want and not repeated,
            f"{label}: {map_name} has {len(items)} items for {len(plan.jobs)} tables: missing "
            f"{summarize((want - got).keys())}, unexpected {summarize((got - want).keys())}, repeated {summarize(repeated)}")
    processor = state.get("ItemProcessor") or state.get("Iterator") or {}
    check_transitions(c, f"{label} {map_name}", processor)
    tasks = {name: s for name, s in processor.get("States", {}).items()
             if s.get("Type") == "Task" and str(s.get("Resource", "")).endswith(ATHENA_SYNC_TASK)}
    # JSONPath tasks carry Parameters; the partition pages' JSONata tasks carry Arguments.
    inserts = [s for s in tasks.values() if "INSERT INTO" in str(s.get("Parameters", {}).get("QueryString.$", "")).upper()]
    c.check(all((s.get("Parameters") or s.get("Arguments") or {}).get("WorkGroup") == workgroup for s in tasks.values()),
            f"{label}: {map_name}'s Athena tasks run outside workgroup {workgroup}")
    if c.check(len(inserts) == 1, f"{label}: {map_name} should run one {ATHENA_SYNC_TASK} INSERT task per table"):
        query = str(inserts[0].get("Parameters", {}).get("QueryString.$", ""))
        c.check("$.target" in query and "$.source" in query,
                f"{label}: task query {query!r} does not insert each item's source into its target")
    # A partitioned table staged by CTAS (replace or partitions mode) carries its CTAS properties
    # in its job ("ctas"); an unpartitioned replaced one in the CTAS template or "ctasProperties".
    staged = {(f"{plan.target_database}.{target}"): s.shape(db, table, columns).ctas_properties
              for s, db, table, target, columns in plan.entries
              if s.shape(db, table, columns).partition_keys and s.shape(db, table, columns).mode in ("replace", "partitions")}
    for item in items:
        if isinstance(item, dict) and item.get("target") in staged:
            c.check(item.get("ctas") == staged[item["target"]],
                    f"{label}: the partition CTAS of {item['target']} writes {item.get('ctas')!r}, expected {staged[item['target']]!r}")
    replaced = {(f"{plan.target_database}.{target}"): s.shape(db, table, columns).ctas_properties
                for s, db, table, target, columns in plan.entries
                if s.shape(db, table, columns).mode == "replace" and not s.shape(db, table, columns).partition_keys}
    ctas = [s for s in tasks.values() if "CREATE TABLE" in str(s.get("Parameters", {}).get("QueryString.$", "")).upper()]
    if replaced and c.check(len(ctas) == 1, f"{label}: {map_name} should run one CTAS task for the replaced tables"):
        query = str(ctas[0]["Parameters"]["QueryString.$"]).replace("\\'", "'")
        for item in items:
            want = replaced.get(item.get("target")) if isinstance(item, dict) else None
            if want is not None:
                got = item.get("ctasProperties") if "$.ctasProperties" in query else (want if want in query else None)
                c.check(got == want, f"{label}: the CTAS of {item.get('target')} writes {got!r}, expected {want!r}")
    c.check(isinstance(definition.get("TimeoutSeconds"), int) and definition["TimeoutSeconds"] >= STATE_MACHINE_TIMEOUT_SECONDS,
            f"{label}: TimeoutSeconds {definition.get('TimeoutSeconds')}")


def check_overlap_guard(c, label, definition):
    """A pipeline starts by listing its RUNNING executions and fails with AnotherRunInProgress
    when another one runs, before any copy state."""
    states = definition.get("States", {})
    first = states.get(definition.get("StartAt"), {})
    c.check(first.get("Resource") == "arn:aws:states:::aws-sdk:sfn:listExecutions"
            or str(first.get("Resource", "")).endswith(":states:::aws-sdk:sfn:listExecutions"),
            f"{label}: first state {definition.get('StartAt')} does not list the running executions")
    c.check(first.get("Parameters") == {"StateMachineArn.$": "$$.StateMachine.Id", "StatusFilter": "RUNNING"},
            f"{label}: {definition.get('StartAt')} parameters {first.get('Parameters')}")
    fails = [st for st in states.values() if st.get("Type") == "Fail" and st.get("Error") == "AnotherRunInProgress"]
    c.check(len(fails) == 1, f"{label}: no AnotherRunInProgress Fail state")


def check_schedules(c, iam, template, resolver, ids, partition, t, r, machine_name):
    """Each AWS::Scheduler::Schedule (moto keeps none, so from the template): it starts this state
    machine with FlexibleTimeWindow OFF, as a deployed role that only scheduler.amazonaws.com may
    assume, for this account's default schedule group, and that may only start this state machine."""
    machine_arn = f"arn:{partition}:states:{r}:{t}:stateMachine:{machine_name}"
    for logical, resource in resources_of_type(template, "AWS::Scheduler::Schedule").items():
        properties = resource.get("Properties", {})
        label = f"schedule {logical}"
        expression = properties.get("ScheduleExpression", "")
        c.check(re.fullmatch(r"(rate|cron)\(.+\)", expression) is not None, f"{label}: expression {expression!r}")
        c.check(properties.get("FlexibleTimeWindow") == {"Mode": "OFF"}, f"{label}: {properties.get('FlexibleTimeWindow')}")
        target = properties.get("Target", {})
        c.check(resolver.resolve(target.get("Arn")) == machine_arn, f"{label}: target {target.get('Arn')}, expected {machine_arn}")
        role_ref = target.get("RoleArn", {}).get("Fn::GetAtt", [None])[0] if isinstance(target.get("RoleArn"), dict) else None
        role_name = ids.get(role_ref)
        if not c.check(role_name is not None, f"{label}: role {target.get('RoleArn')} is not a role of the stack"):
            continue
        try:
            role = iam.get_role(RoleName=role_name)["Role"]
        except ClientError as err:
            c.check(False, f"{label}: role {role_name}: {error_code(err)}")
            continue
        trust = parse_document(role["AssumeRolePolicyDocument"])
        statements = as_list(trust.get("Statement"))
        c.check([st.get("Principal") for st in statements] == [{"Service": "scheduler.amazonaws.com"}],
                f"{label}: role trust {trust}")
        group_arn = f"arn:{partition}:scheduler:{r}:{t}:schedule-group/default"
        for statement in statements:
            condition = statement.get("Condition", {})
            c.check(condition.get("StringEquals", {}).get("aws:SourceAccount") == t, f"{label}: trust without aws:SourceAccount {t}")
            c.check(condition.get("ArnLike", {}).get("aws:SourceArn") == group_arn, f"{label}: trust without aws:SourceArn {group_arn}")
        allowed = []
        for name in iam.list_role_policies(RoleName=role_name)["PolicyNames"]:
            document = parse_document(iam.get_role_policy(RoleName=role_name, PolicyName=name)["PolicyDocument"])
            allowed += [(sorted(lower_set(st.get("Action"))), as_list(st.get("Resource"))) for st in as_list(document.get("Statement"))]
        c.check(allowed == [(["states:startexecution"], [machine_arn])],
                f"{label}: role {role_name} allows {allowed}, expected only states:StartExecution on {machine_arn}")


ALERT_STATUSES = ["FAILED", "TIMED_OUT", "ABORTED"]
EVENTS_SERVICE = "events.amazonaws.com"


def check_alerts(c, template, resolver, partition, t, r, p, e, machine_name, alarm_email, alarm_topic_arn):
    """alarmEmail / alarmTopicArn (from the template, since moto enforces none of the policies):
    one rule matching this state machine's executions that end FAILED, TIMED_OUT or ABORTED,
    sending a readable message to each topic; with alarmEmail, a topic encrypted with the
    stack's own rotated key (not alias/aws/sns, which EventBridge cannot use), a topic policy and
    a key policy that let only events.amazonaws.com in, for this rule's ARN, and an email
    subscription."""
    rules = resources_of_type(template, "AWS::Events::Rule")
    if not alarm_email and not alarm_topic_arn:
        c.check(not rules, f"alerts: rules {sorted(rules)} without alarmEmail or alarmTopicArn")
        return
    if not c.check(len(rules) == 1, f"alerts: {len(rules)} EventBridge rules, expected 1"):
        return
    (rule_logical, rule), = rules.items()
    properties = resolver.resolve(rule.get("Properties", {}))
    rule_arn = f"arn:{partition}:events:{r}:{t}:rule/{properties.get('Name')}"
    machine_arn = f"arn:{partition}:states:{r}:{t}:stateMachine:{machine_name}"
    c.check(properties.get("Name") == f"{p}-{e}-run-alerts", f"alerts: rule name {properties.get('Name')}")
    c.check(properties.get("State") == "ENABLED", f"alerts: rule state {properties.get('State')}")
    c.check(properties.get("EventPattern") == {
        "source": ["aws.states"], "detail-type": ["Step Functions Execution Status Change"],
        "detail": {"status": ALERT_STATUSES, "stateMachineArn": [machine_arn]}},
        f"alerts: rule pattern {properties.get('EventPattern')}")
    topics = resources_of_type(template, "AWS::SNS::Topic")
    own_arns = {resolver.ref(logical): logical for logical in topics}
    expected_targets = set(own_arns if alarm_email else []) | ({alarm_topic_arn} if alarm_topic_arn else set())
    targets = properties.get("Targets", [])
    c.check({target.get("Arn") for target in targets} == expected_targets,
            f"alerts: rule targets {[target.get('Arn') for target in targets]}, expected {sorted(expected_targets)}")
    for target in targets:
        transformer = target.get("InputTransformer", {})
        paths, text = transformer.get("InputPathsMap", {}), transformer.get("InputTemplate", "")
        c.check(paths.get("executionArn") == "$.detail.executionArn" and paths.get("status") == "$.detail.status"
                and paths.get("execution") == "$.detail.name" and paths.get("region") == "$.region",
                f"alerts: target {target.get('Id')} input paths {paths}")
        placeholders = set(re.findall(r"<([A-Za-z0-9_-]+)>", text))
        c.check(placeholders <= set(paths), f"alerts: target {target.get('Id')} uses {sorted(placeholders - set(paths))} undefined")
        lines = text.split("\n")
        c.check(all(line.startswith('"') and line.endswith('"') for line in lines) and machine_name in text
                and "https://<region>.console.aws.amazon.com/states/home?region=<region>#/v2/executions/details/<executionArn>" in text,
                f"alerts: target {target.get('Id')} message {text!r}")
    if not alarm_email:
        c.check(not topics, f"alerts: topics {sorted(topics)} without alarmEmail")
        return
    only_this_rule = {"ArnEquals": {"aws:SourceArn": rule_arn}}
    if not c.check(len(topics) == 1, f"alerts: {len(topics)} topics, expected 1"):
        return
    (topic_logical, topic), = topics.items()
    topic_arn = resolver.ref(topic_logical)
    key_ref = topic.get("Properties", {}).get("KmsMasterKeyId")
    key_logical = key_ref.get("Fn::GetAtt", [None])[0] if isinstance(key_ref, dict) else None
    key = template.get("Resources", {}).get(key_logical or "", {})
    if c.check(key.get("Type") == "AWS::KMS::Key", f"alerts: topic key {key_ref} is not the stack's own KMS key (alias/aws/sns cannot take EventBridge events)"):
        key_props = resolver.resolve(key.get("Properties", {}))
        c.check(key_props.get("EnableKeyRotation") is True, "alerts: key rotation is off")
        c.check(7 <= int(key_props.get("PendingWindowInDays", 0)) <= 30, f"alerts: key deletion window {key_props.get('PendingWindowInDays')}")
        statements = as_list(key_props.get("KeyPolicy", {}).get("Statement"))
        root = [st for st in statements if st.get("Principal") == {"AWS": f"arn:{partition}:iam::{t}:root"}]
        events = [st for st in statements if st.get("Principal") == {"Service": EVENTS_SERVICE}]
        c.check(len(root) == 1 and len(events) == 1 and len(statements) == 2, f"alerts: key policy statements {statements}")
        c.check(all(lower_set(st.get("Action")) == {"kms:decrypt", "kms:generatedatakey"} and st.get("Condition") == only_this_rule
                    for st in events), f"alerts: key policy lets EventBridge {events}, expected Decrypt and GenerateDataKey for {rule_arn}")
    policies = [resolver.resolve(pol.get("Properties", {})) for pol in resources_of_type(template, "AWS::SNS::TopicPolicy").values()]
    if c.check(len(policies) == 1 and policies[0].get("Topics") == [topic_arn], f"alerts: topic policies {policies}"):
        statements = as_list(policies[0].get("PolicyDocument", {}).get("Statement"))
        c.check(len(statements) == 1 and all(st.get("Principal") == {"Service": EVENTS_SERVICE} and st.get("Effect") == "Allow"
                                             and lower_set(st.get("Action")) == {"sns:publish"} and st.get("Resource") == topic_arn
                                             and st.get("Condition") == only_this_rule for st in statements),
                f"alerts: topic policy {statements}, expected only sns:Publish by {EVENTS_SERVICE} for {rule_arn}")
    subscriptions = [resolver.resolve(sub.get("Properties", {})) for sub in resources_of_type(template, "AWS::SNS::Subscription").values()]
    c.check(subscriptions == [{"Endpoint": alarm_email, "Protocol": "email", "TopicArn": topic_arn}],
            f"alerts: subscriptions {subscriptions}, expected email to {alarm_email}")


def check_data_catalogs(c, athena, template, resolver, plan):
    """One GLUE data catalog per source, named as configured, on the source's account."""
    declared = {}
    for resource in resources_of_type(template, "AWS::Athena::DataCatalog").values():
        properties = resolver.resolve(resource.get("Properties", {}))
        declared[properties.get("Name")] = properties
    wanted = {s.catalog for s in plan.sources}
    c.check(set(declared) == wanted, f"data catalogs {summarize(declared)}, expected {summarize(wanted)}")
    listed = {d["CatalogName"] for d in athena.list_data_catalogs().get("DataCatalogsSummary", [])}
    fell_back = 0
    for source in plan.sources:
        if source.catalog in listed:
            catalog = athena.get_data_catalog(Name=source.catalog)["DataCatalog"]
        else:
            fell_back += 1
            catalog = declared.get(source.catalog, {})
        c.check(catalog.get("Name") == source.catalog and catalog.get("Type") == "GLUE"
                and catalog.get("Parameters", {}).get("catalog-id") == source.account,
                f"data catalog: {catalog}, expected {source.catalog} GLUE catalog-id {source.account}")
    if fell_back:
        c.fallback(f"{fell_back} data catalog(s)")


def check_glue_table(c, label, properties, account, columns, location, header_rows, shape):
    table = properties.get("TableInput", {})
    descriptor = table.get("StorageDescriptor", {})
    c.check(str(properties.get("CatalogId")) == account, f"{label}: CatalogId {properties.get('CatalogId')}, expected {account}")
    c.check(table.get("TableType") == "EXTERNAL_TABLE", f"{label}: TableType {table.get('TableType')}")
    got = [(col.get("Name"), col.get("Type"), col.get("Comment")) for col in descriptor.get("Columns", [])]
    want = [(col["name"], col["type"], col.get("comment")) for col in columns]
    c.check(got == want, f"{label}: columns {got}, expected {want}")
    c.check(descriptor.get("Location") == location, f"{label}: location {descriptor.get('Location')}, expected {location}")
    serde = descriptor.get("SerdeInfo", {})
    parameters = table.get("Parameters", {})
    if shape.file_format == "parquet":
        c.check(serde.get("SerializationLibrary") == PARQUET_SERDE
                and descriptor.get("InputFormat") == PARQUET_INPUT and descriptor.get("OutputFormat") == PARQUET_OUTPUT,
                f"{label}: not a Parquet table")
        # The table property takes Parquet's codec names (no compression is UNCOMPRESSED); the CTAS's
        # write_compression takes Athena's (NONE).
        codec = "UNCOMPRESSED" if shape.compression == "NONE" else shape.compression
        c.check(parameters.get("classification") == "parquet" and parameters.get("parquet.compression") == codec,
                f"{label}: parameters {parameters}, expected classification parquet, parquet.compression {codec}")
    else:
        c.check(serde.get("SerializationLibrary", "").endswith("LazySimpleSerDe")
                and serde.get("Parameters", {}).get("field.delim") == ",", f"{label}: not a comma-separated text table")
    got_keys = [(col.get("Name"), col.get("Type"), col.get("Comment")) for col in table.get("PartitionKeys", [])]
    want_keys = [(col["name"], col["type"], col.get("comment")) for col in shape.partition_keys]
    c.check(got_keys == want_keys, f"{label}: partition keys {got_keys}, expected {want_keys}")
    if header_rows is not None:
        c.check(table.get("Parameters", {}).get("skip.header.line.count") == str(header_rows),
                f"{label}: skip.header.line.count {table.get('Parameters', {}).get('skip.header.line.count')}")


def source_shape(shape):
    """A source table is the config's CSV files, whatever the target's format."""
    return TableShape(shape.prefix, shape.target_columns, partition_keys=shape.partition_keys, mode=shape.mode)


def check_glue_catalog(c, label, template, account, database_location, tables):
    """Catalog as code: the template declares exactly `tables`
    {(database, table): (columns, location, header rows, TableShape)}."""
    resolver = Resolver(template, {}, {}, {"AWS::AccountId": account, "AWS::Partition": "aws"}, lambda *_: None)
    databases = {}
    for resource in resources_of_type(template, "AWS::Glue::Database").values():
        properties = resolver.resolve(resource.get("Properties", {}))
        databases[properties.get("DatabaseInput", {}).get("Name")] = properties
    wanted = {db for db, _ in tables}
    c.check(set(databases) == wanted, f"{label}: Glue databases {summarize(databases)}, expected {summarize(wanted)}")
    for name, properties in databases.items():
        c.check(str(properties.get("CatalogId")) == account, f"{label}: database {name} CatalogId {properties.get('CatalogId')}")
        location = properties.get("DatabaseInput", {}).get("LocationUri")
        c.check(location == database_location(name), f"{label}: database {name} location {location}")
    declared = {}
    for resource in resources_of_type(template, "AWS::Glue::Table").values():
        properties = resolver.resolve(resource.get("Properties", {}))
        declared[(properties.get("DatabaseName"), properties.get("TableInput", {}).get("Name"))] = properties
    c.check(set(declared) == set(tables), f"{label}: Glue tables missing {summarize(set(tables) - set(declared))}, "
                                          f"unexpected {summarize(set(declared) - set(tables))}")
    for key, properties in declared.items():
        if key in tables:
            columns, location, header_rows, shape = tables[key]
            check_glue_table(c, f"{label}: table {key[0]}.{key[1]}", properties, account, columns, location, header_rows, shape)


def check_glue_policy_file(c, path, source, role_arn, region):
    """The Glue resource policy names exactly the target role and the catalog, databases and
    tables copied from this account."""
    name = os.path.basename(path)
    if not c.check(os.path.exists(path), f"{name} was not written"):
        return None
    document = load_json(path)
    size = len(json.dumps(document, separators=(",", ":")).encode())
    c.check(size <= GLUE_POLICY_BYTES, f"{name}: {size} bytes; Glue allows a resource policy of {GLUE_POLICY_BYTES}")
    allows = [st for st in as_list(document.get("Statement")) if st.get("Effect") == "Allow"]
    # The account as principal, the role by condition: a role named as principal is stored by
    # its unique id and loses access when re-created.
    account_root = role_arn.split(":role/")[0] + ":root"
    c.check(allows and all(st.get("Principal") in ({"AWS": account_root}, {"AWS": [account_root]})
                           and st.get("Condition") == {"ArnEquals": {"aws:PrincipalArn": role_arn}} for st in allows),
            f"{name}: must allow exactly {account_root} with aws:PrincipalArn {role_arn}")
    actions = set().union(*(lower_set(st.get("Action")) for st in allows)) if allows else set()
    c.check(actions == GLUE_POLICY_ACTIONS, f"{name}: actions {sorted(actions)}")
    resources = {res for st in allows for res in as_list(st.get("Resource"))}
    base, exact, _ = glue_hierarchy(partition_of(region), region, source.account, source.tables)
    c.check(resources == base | exact, f"{name}: resources missing {summarize((base | exact) - resources)}, "
                                       f"unexpected {summarize(resources - base - exact)}")
    return document


def check_template_quotas(c, out, synth_log):
    """Every template fits CloudFormation's quotas; one over the inline limit got synth's S3 warning."""
    log = None
    if synth_log:
        with open(synth_log, encoding="utf-8", errors="replace") as f:
            log = f.read()
    for name in sorted(os.listdir(out)):
        if not (name.endswith(".json") and "stack" in name):
            continue
        size = os.path.getsize(os.path.join(out, name))
        resources = load_json(os.path.join(out, name)).get("Resources", {})
        c.check(size <= CFN_S3_TEMPLATE_BYTES, f"{name}: {size} bytes; CloudFormation accepts {CFN_S3_TEMPLATE_BYTES}")
        c.check(len(resources) <= CFN_RESOURCES, f"{name}: {len(resources)} resources; CloudFormation allows {CFN_RESOURCES}")
        if size > CFN_INLINE_TEMPLATE_BYTES and log is not None:
            c.check("--s3-bucket" in log and str(size) in log,
                    f"{name}: {size} bytes, over {CFN_INLINE_TEMPLATE_BYTES}, but synth did not warn to deploy it through S3")


def check_pipeline_files(c, out, plan, t, r, role_arn, target_template, target_bucket):
    """What synth writes besides the stacks, for every source (deployed or not)."""
    several = len(plan.sources) > 1
    for source in plan.sources:
        policy = f"glue-resource-policy-{source.account}.json" if several else "glue-resource-policy.json"
        check_glue_policy_file(c, os.path.join(out, policy), source, role_arn, r)
        catalog = os.path.join(out, f"source-catalog-stack-{source.account}.json")
        if not plan.catalog_as_code:
            c.check(not os.path.exists(catalog), f"{os.path.basename(catalog)} written without catalogAsCode")
        elif c.check(os.path.exists(catalog), f"{os.path.basename(catalog)} was not written"):
            check_glue_catalog(
                c, os.path.basename(catalog), load_json(catalog), source.account,
                lambda db, bucket=source.bucket: f"s3://{bucket}/{db}/",
                {(db, table): (columns, f"s3://{source.bucket}/{source.shape(db, table, columns).prefix}", 1,
                               source_shape(source.shape(db, table, columns)))
                 for db, tables in source.databases for table, _, columns in tables})
        if plan.has_columns:
            ddl = os.path.join(out, f"source-create-database-and-table-{source.account}.sql" if several
                               else "source-create-database-and-table.sql")
            if c.check(os.path.exists(ddl), f"{os.path.basename(ddl)} was not written"):
                with open(ddl, encoding="utf-8") as f:
                    text = f.read()
                for db, table in source.tables:
                    c.check(f"CREATE EXTERNAL TABLE IF NOT EXISTS {db}.{table} (" in text,
                            f"{os.path.basename(ddl)}: no CREATE EXTERNAL TABLE for {db}.{table}")
    if plan.has_columns:
        ddl = os.path.join(out, "target-create-database-and-table.sql")
        if c.check(os.path.exists(ddl), "target-create-database-and-table.sql was not written"):
            with open(ddl, encoding="utf-8") as f:
                text = f.read()
            missing = [table for table in plan.target_tables
                       if f"CREATE EXTERNAL TABLE IF NOT EXISTS {plan.target_database}.{table} (" not in text]
            c.check(not missing, f"target-create-database-and-table.sql: no CREATE EXTERNAL TABLE for {summarize(missing)}")
    if plan.catalog_as_code:
        check_glue_catalog(
            c, "target template", target_template, t, lambda db: f"s3://{target_bucket}/",
            {(plan.target_database, target): (s.shape(db, table, columns).target_columns, f"s3://{target_bucket}/{target}/", None,
                                              s.shape(db, table, columns))
             for s, db, table, target, columns in plan.entries})
    else:
        glue = [k for k, v in target_template.get("Resources", {}).items() if v.get("Type", "").startswith("AWS::Glue::")]
        c.check(not glue, f"target template: Glue resources {summarize(glue)} without catalogAsCode")


# --- commands ------------------------------------------------------------------------------

def profiles(args):
    """Writes a credentials profile per account: moto maps credentials from sts:AssumeRole to
    the role's account (the role need not exist), so one moto_server holds every account."""
    sts = boto3.client("sts")
    names = [(TARGET_PROFILE, args.target_account)] + [(source_profile(a), a) for a in accounts(args.source_accounts)]
    lines = []
    for name, account in names:
        credentials = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/verify",
                                      RoleSessionName="verify")["Credentials"]
        lines += [f"[{name}]", f"aws_access_key_id = {credentials['AccessKeyId']}",
                  f"aws_secret_access_key = {credentials['SecretAccessKey']}",
                  f"aws_session_token = {credentials['SessionToken']}", ""]
    path = os.environ["AWS_SHARED_CREDENTIALS_FILE"]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    c = Checker()
    for name, account in names:
        got = session(name).client("sts").get_caller_identity()["Account"]
        c.check(got == account, f"profile {name} acts in account {got}, expected {account}")
    return c.finish("profiles")


def deployed(args):
    c = Checker()
    p, e, t, r = args.project, args.env, args.target_account, args.region
    deploy_accounts = accounts(args.source_accounts)
    plan = pipeline_plan(args.config, p, e) if args.config else seed_plan(p, e, deploy_accounts[0])
    expected_tags = {"Project": p, "Environment": e, "Repository": REPOSITORY_TAG}
    target_template = load_json(os.path.join(args.out, "target-stack.json"))
    source_template = load_json(os.path.join(args.out, "source-stack.json"))
    role_name = f"{p}-{e}-sfn-execution-role"
    target_bucket = f"{p}-{e}-target-data"
    workgroup = f"{p}-{e}-target-workgroup"
    machine_name = f"{p}-{e}-athena-insert"
    log_group_name = f"/aws/vendedlogs/states/{machine_name}"
    partition = partition_of(r)
    expected_role_arn = f"arn:{partition}:iam::{t}:role/{role_name}"
    several = len(plan.sources) > 1

    target_session = session(TARGET_PROFILE)
    cfn, iam, s3 = (target_session.client(s) for s in ("cloudformation", "iam", "s3"))
    sfn, logs, athena = (target_session.client(s) for s in ("stepfunctions", "logs", "athena"))

    check_template_quotas(c, args.out, args.synth_log)
    check_logical_ids(c, "target template", target_template,
                      PIPELINE_TARGET_LOGICAL_IDS if plan.pipeline else TARGET_LOGICAL_IDS)
    check_logical_ids(c, "source template", source_template, SOURCE_LOGICAL_IDS)
    c.check(set(source_template.get("Parameters", {})) == SOURCE_PARAMETERS,
            f"source template: parameters {sorted(source_template.get('Parameters', {}))}, "
            f"expected {sorted(SOURCE_PARAMETERS)}")
    unknown = [a for a in deploy_accounts if plan.source(a) is None]
    c.check(not unknown, f"deployed as {unknown}, which the config does not list as sources")
    if plan.pipeline:
        check_pipeline_files(c, args.out, plan, t, r, expected_role_arn, target_template, target_bucket)
    else:
        check_glue_policy_file(c, os.path.join(args.out, "glue-resource-policy.json"), plan.sources[0],
                               expected_role_arn, r)

    target_stack, source_stack = stack_names(p, e)
    target_params, target_ids = check_stack(c, cfn, target_stack, target_template, expected_tags)
    check_role(c, iam, role_name, expected_role_arn, plan, t, r, workgroup, target_bucket, expected_tags,
               target_template, machine_name)

    def getatt(template, ids, account):
        def lookup(logical, attribute):
            resource_type = template.get("Resources", {}).get(logical, {}).get("Type")
            physical = ids.get(logical)
            if not physical or attribute != "Arn":
                return None
            if resource_type == "AWS::S3::Bucket":
                return f"arn:{partition}:s3:::{physical}"
            if resource_type == "AWS::IAM::Role":
                try:
                    return iam.get_role(RoleName=physical)["Role"]["Arn"]
                except ClientError:
                    return None
            if resource_type == "AWS::Logs::LogGroup":
                return f"arn:{partition}:logs:{r}:{account}:log-group:{physical}:*"
            if resource_type == "AWS::Lambda::Function":
                return f"arn:{partition}:lambda:{r}:{account}:function:{physical}"
            if resource_type == "AWS::StepFunctions::StateMachine":
                return physical
            return None
        return lookup

    def pseudo(account, stack_name):
        return {"AWS::Partition": partition, "AWS::Region": r, "AWS::URLSuffix": "amazonaws.com",
                "AWS::AccountId": account, "AWS::NoValue": None, "AWS::StackName": stack_name}

    target = Resolver(target_template, target_params, target_ids, pseudo(t, target_stack),
                      getatt(target_template, target_ids, t))
    check_template_tags(c, "target template", target_template, target, r, expected_tags)

    check_schedules(c, iam, target_template, target, target_ids, partition, t, r, machine_name)
    context = load_json(args.config)["context"] if args.config else {}
    check_alerts(c, target_template, target, partition, t, r, p, e, machine_name,
                 context.get("alarmEmail"), context.get("alarmTopicArn"))

    # Target bucket.
    check_bucket(c, s3, target_template, target, "TargetDataBucket4EED9858", target_bucket, r, expected_tags)
    target_tags = tag_map(props(target_template, "TargetDataBucket4EED9858").get("Tags"))
    c.check(target_tags.get("aws-cdk:auto-delete-objects") == "true",
            f"bucket {target_bucket}: tag aws-cdk:auto-delete-objects=true missing")
    policy = bucket_policy(c, s3, target_template, target, "TargetDataBucket4EED9858", target_bucket)
    check_deny_insecure_transport(c, f"bucket policy {target_bucket}", policy, target_bucket)
    provider_role = getatt(target_template, target_ids, t)(
        "CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092", "Arn")
    c.check(any(st.get("Effect") == "Allow" and st.get("Principal") == {"AWS": provider_role}
                and {"s3:deleteobject", "s3:deleteobjectversion", "s3:listbucketversions"} <= lower_set(st.get("Action"))
                for st in as_list(policy.get("Statement"))),
            f"bucket policy {target_bucket}: does not let the auto-delete provider role delete objects")

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
    machine_props = target.resolve(props(target_template, STATE_MACHINE_LOGICAL_ID))
    if c.check(machine is not None, f"state machine {machine_name} does not exist"):
        label = f"state machine {machine_name}"
        described = sfn.describe_state_machine(stateMachineArn=machine["stateMachineArn"])
        c.check(described.get("roleArn") == expected_role_arn,
                f"{label}: role {described.get('roleArn')}, expected {expected_role_arn}")
        tags = tag_map(sfn.list_tags_for_resource(resourceArn=machine["stateMachineArn"]).get("tags"))
        c.check(expected_tags.items() <= tags.items(), f"{label}: tags {tags} lack {expected_tags}")
        definition_text = described.get("definition") or ""
        if not definition_text:
            # moto keeps only DefinitionString: read the template's Definition object.
            c.fallback(f"{machine_name} definition")
            definition = machine_props.get("Definition")
            if definition is None:
                definition_text = machine_props.get("DefinitionString", "{}")
            else:
                definition_text = json.dumps(definition)
            for key, value in (machine_props.get("DefinitionSubstitutions") or {}).items():
                definition_text = definition_text.replace("${" + key + "}", str(value))
        c.check("${" not in definition_text and "<unresolved" not in definition_text,
                f"{label}: unresolved placeholder in definition")
        size = len(json.dumps(json.loads(definition_text), separators=(",", ":")).encode()) \
            if definition_text.strip().startswith("{") else 0
        c.check(size <= SFN_DEFINITION_BYTES, f"{label}: definition is {size} bytes; Step Functions allows {SFN_DEFINITION_BYTES}")
        try:
            definition = json.loads(definition_text)
        except ValueError:
            definition = {}
            c.check(False, f"{label}: definition is not JSON")
        if plan.pipeline:
            check_overlap_guard(c, label, definition)
        if plan.pipeline and len(plan.jobs) > 1:
            check_copy_map(c, label, definition, plan, workgroup)
        else:
            tasks = [st for st in definition.get("States", {}).values() if st.get("Type") == "Task"]
            athena_tasks = [st for st in tasks if str(st.get("Resource", "")).endswith(ATHENA_SYNC_TASK)]
            if c.check(len(athena_tasks) == 1, f"{label}: expected one {ATHENA_SYNC_TASK} task"):
                parameters = athena_tasks[0].get("Parameters", {})
                c.check(parameters.get("WorkGroup") == workgroup, f"{label}: task workgroup {parameters.get('WorkGroup')}")
                query = parameters.get("QueryString", "")
                target_table, source_table = plan.jobs[0]
                c.check(f"INSERT INTO {target_table}\n" in query and f"FROM {source_table};" in query,
                        f"{label}: task query does not insert {source_table} into {target_table}")
            c.check(definition.get("TimeoutSeconds") == STATE_MACHINE_TIMEOUT_SECONDS,
                    f"{label}: TimeoutSeconds {definition.get('TimeoutSeconds')}")

        logging = described.get("loggingConfiguration", {})
        if logging.get("level", "OFF") == "OFF":
            c.fallback(f"{machine_name} logging")
            logging = {k[0].lower() + k[1:]: v for k, v in machine_props.get("LoggingConfiguration", {}).items()}
        destinations = [d.get("CloudWatchLogsLogGroup", d.get("cloudWatchLogsLogGroup", {}))
                        .get("LogGroupArn", d.get("cloudWatchLogsLogGroup", {}).get("logGroupArn"))
                        for d in logging.get("destinations", [])]
        c.check(logging.get("level", "OFF") in ("ALL", "ERROR", "FATAL"),
                f"{label}: logging level {logging.get('level', 'OFF')}")
        c.check(any(str(d).startswith(f"arn:{partition}:logs:{r}:{t}:log-group:{log_group_name}") for d in destinations),
                f"{label}: logs to {destinations}, expected {log_group_name}")
        tracing = described.get("tracingConfiguration", {}).get("enabled")
        if not tracing:
            c.fallback(f"{machine_name} tracing")
            tracing = machine_props.get("TracingConfiguration", {}).get("Enabled")
        c.check(tracing is True, f"{label}: X-Ray tracing not enabled")

    # Athena workgroup and data catalogs.
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
    check_data_catalogs(c, athena, target_template, target, plan)

    # Each account the source stack was deployed as (one template for every source account).
    for account in deploy_accounts:
        source = plan.source(account)
        if source is None:
            continue
        source_session = session(source_profile(account))
        source_cfn, source_s3, glue = (source_session.client(s) for s in ("cloudformation", "s3", "glue"))
        where = f"source account {account}"
        source_params, source_ids = check_stack(c, source_cfn, source_stack, source_template, expected_tags)
        resolver = Resolver(source_template, source_params, source_ids, pseudo(account, source_stack),
                            getatt(source_template, source_ids, account))
        check_template_tags(c, "source template", source_template, resolver, r, expected_tags)
        c.check(source_params.get("TargetAccountId") == t and source_params.get("ProjectName") == p
                and source_params.get("EnvName") == e, f"{where}: source stack parameters {source_params}")
        name = resolver.resolve(props(source_template, "DataBucket").get("BucketName"))
        c.check(name == source.bucket and source_ids.get("DataBucket") == source.bucket,
                f"{where}: data bucket {source_ids.get('DataBucket')} (template: {name}), expected {source.bucket}")
        check_bucket(c, source_s3, source_template, resolver, "DataBucket", source.bucket, r, expected_tags)
        policy = bucket_policy(c, source_s3, source_template, resolver, "DataBucket", source.bucket)
        check_deny_insecure_transport(c, f"bucket policy {source.bucket}", policy, source.bucket)
        allows = [st for st in as_list(policy.get("Statement")) if st.get("Effect") == "Allow"]
        account_root = f"arn:{partition}:iam::{t}:root"
        only_the_role = {"ArnEquals": {"aws:PrincipalArn": expected_role_arn}}
        reads = [st for st in allows if lower_set(st.get("Action")) == {"s3:getobject"}]
        lists = [st for st in allows if lower_set(st.get("Action")) == {"s3:listbucket"}]
        patterns = [set(source.key_patterns(level)) for level in (False, True)]
        c.check(len(allows) == 2 and len(reads) == 1 and len(lists) == 1
                and all(st.get("Principal") == {"AWS": account_root} for st in allows)
                and reads[0].get("Condition") == only_the_role
                and {arn.split(f"arn:{partition}:s3:::{source.bucket}/", 1)[-1] for arn in as_list(reads[0].get("Resource"))} in patterns
                and as_list(lists[0].get("Resource")) == [f"arn:{partition}:s3:::{source.bucket}"]
                and lists[0].get("Condition", {}).get("ArnEquals") == only_the_role["ArnEquals"]
                and set(as_list(lists[0].get("Condition", {}).get("StringLike", {}).get("s3:prefix"))) in patterns,
                f"bucket policy {source.bucket}: must let {account_root} as {expected_role_arn} read and list only "
                f"{source.key_patterns(False)}; has {allows}")
        if not plan.pipeline:
            try:
                source_s3.head_object(Bucket=source.bucket, Key=SAMPLE_KEY)
            except ClientError as err:
                c.check(False, f"s3://{source.bucket}/{SAMPLE_KEY}: {error_code(err)}")

        policy_file = f"glue-resource-policy-{account}.json" if several else "glue-resource-policy.json"
        try:
            in_json = glue.get_resource_policy().get("PolicyInJson")
        except ClientError as err:
            in_json = None
            c.check(False, f"{where}: glue get-resource-policy: {error_code(err)}")
        if c.check(in_json is not None, f"{where}: glue get-resource-policy returned no policy"):
            c.check(json.loads(in_json) == load_json(os.path.join(args.out, policy_file)),
                    f"{where}: glue resource policy differs from {policy_file}")

        catalog_file = os.path.join(args.out, f"source-catalog-stack-{account}.json")
        if plan.catalog_as_code and os.path.exists(catalog_file):
            check_stack(c, source_cfn, f"{p}-{e}-catalog", load_json(catalog_file), expected_tags)

    return c.finish("deployed")


def stack_resources(cfn, stack_name, resource_type):
    """Physical IDs of a live stack's resources of one type; [] when there is no such stack."""
    try:
        summaries = []
        for page in cfn.get_paginator("list_stack_resources").paginate(StackName=stack_name):
            summaries.extend(page["StackResourceSummaries"])
    except ClientError as err:
        if "does not exist" in str(err):
            return []
        raise
    return [s["PhysicalResourceId"] for s in summaries if s.get("ResourceType") == resource_type and s.get("PhysicalResourceId")]


def empty_bucket(args):
    """Empties every (versioned) bucket of the stack, as the README's teardown asks."""
    profile = session(args.profile)
    s3 = profile.client("s3")
    for bucket in stack_resources(profile.client("cloudformation"), args.stack, "AWS::S3::Bucket"):
        try:
            s3.head_bucket(Bucket=bucket)
        except ClientError as err:
            if error_code(err) in ("404", "NoSuchBucket"):
                continue  # nothing to empty: the deploy did not get that far
            raise
        paginator = s3.get_paginator("list_object_versions")
        for page in paginator.paginate(Bucket=bucket):
            objects = [{"Key": v["Key"], "VersionId": v["VersionId"]}
                       for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]
            if objects:
                result = s3.delete_objects(Bucket=bucket, Delete={"Objects": objects, "Quiet": True})
                for error in result.get("Errors", []):
                    print(f"  empty-bucket: FAIL {error}", file=sys.stderr)
                    return 1
        left = s3.list_object_versions(Bucket=bucket)
        if left.get("Versions") or left.get("DeleteMarkers"):
            print(f"  empty-bucket: FAIL {bucket} still holds object versions", file=sys.stderr)
            return 1
    return 0


def release_managed_policies(args):
    """moto-only: detaches and deletes the stack's AWS::IAM::ManagedPolicy resources.

    moto 5.2.1's CloudFormation cannot delete an AWS::IAM::ManagedPolicy (the class has no
    delete handler), so the role it is attached to fails to delete ("must detach all policies
    first") and so does the stack. Real CloudFormation deletes such a policy (detaching it)
    before the role it references; `deployed` asserts that each one references the role.
    """
    iam = session(args.profile).client("iam")
    for arn in stack_resources(session(args.profile).client("cloudformation"), args.stack, "AWS::IAM::ManagedPolicy"):
        try:
            entities = iam.list_entities_for_policy(PolicyArn=arn)
        except ClientError as err:
            if error_code(err) == "NoSuchEntity":
                continue
            raise
        for role in entities.get("PolicyRoles", []):
            iam.detach_role_policy(RoleName=role["RoleName"], PolicyArn=arn)
        for user in entities.get("PolicyUsers", []):
            iam.detach_user_policy(UserName=user["UserName"], PolicyArn=arn)
        for group in entities.get("PolicyGroups", []):
            iam.detach_group_policy(GroupName=group["GroupName"], PolicyArn=arn)
        for version in iam.list_policy_versions(PolicyArn=arn)["Versions"]:
            if not version["IsDefaultVersion"]:
                iam.delete_policy_version(PolicyArn=arn, VersionId=version["VersionId"])
        iam.delete_policy(PolicyArn=arn)
    return 0


def delete_glue_policy(args):
    """Removes the account's Glue resource policy, if one was put."""
    glue = session(args.profile).client("glue")
    if glue.get_resource_policy().get("PolicyInJson"):
        glue.delete_resource_policy()
    return 0


def gone(args):
    c = Checker()
    p, e = args.project, args.env
    sources = accounts(args.source_accounts)
    target_stack, source_stack = stack_names(p, e)
    checks = [(TARGET_PROFILE, args.target_account, {target_stack})] + [
        (source_profile(a), a, {source_stack} | ({f"{p}-{e}-catalog"} if args.catalog else set())) for a in sources]
    lambda_groups_left = 0
    for profile, account, expected_stacks in checks:
        where = f"account {account}"
        client = session(profile).client
        cfn, iam, s3 = client("cloudformation"), client("iam"), client("s3")
        sfn, logs, lam, glue = client("stepfunctions"), client("logs"), client("lambda"), client("glue")
        stacks = []
        for page in cfn.get_paginator("list_stacks").paginate():
            stacks.extend(page["StackSummaries"])
        for stack in stacks:
            c.check(stack["StackStatus"] == "DELETE_COMPLETE", f"{where}: stack {stack['StackName']} is {stack['StackStatus']}")
        names = {stack["StackName"] for stack in stacks}
        c.check(expected_stacks <= names, f"{where}: stacks {sorted(names)}: deleted stacks {sorted(expected_stacks)} not listed")
        buckets = [b["Name"] for b in s3.list_buckets().get("Buckets", [])]
        c.check(not buckets, f"{where}: buckets left: {buckets}")
        if profile == TARGET_PROFILE:
            try:
                iam.get_role(RoleName=f"{p}-{e}-sfn-execution-role")
                c.check(False, f"{where}: role {p}-{e}-sfn-execution-role left")
            except ClientError as err:
                c.check(error_code(err) == "NoSuchEntity", f"{where}: get-role: {error_code(err)}")
        roles = [role["RoleName"] for role in iam.list_roles()["Roles"]]
        c.check(not roles, f"{where}: roles left: {roles}")
        policies = [policy["PolicyName"] for policy in iam.list_policies(Scope="Local")["Policies"]]
        c.check(not policies, f"{where}: managed policies left: {policies}")
        machines = [m["name"] for m in sfn.list_state_machines().get("stateMachines", [])]
        c.check(not machines, f"{where}: state machines left: {machines}")
        groups = [g["logGroupName"] for g in logs.describe_log_groups().get("logGroups", [])]
        # Lambda creates /aws/lambda/<function> itself when the function runs (moto: when the
        # custom resource tries to invoke it), so no stack owns it and deleting the stack leaves it.
        lambda_groups = [g for g in groups if g.startswith("/aws/lambda/")]
        lambda_groups_left += len(lambda_groups)
        c.check(not (set(groups) - set(lambda_groups)), f"{where}: log groups left: {sorted(set(groups) - set(lambda_groups))}")
        functions = [f["FunctionName"] for f in lam.list_functions().get("Functions", [])]
        c.check(not functions, f"{where}: Lambda functions left: {functions}")
        c.check(not glue.get_resource_policy().get("PolicyInJson"), f"{where}: Glue resource policy left")
        databases = [d["Name"] for d in glue.get_databases().get("DatabaseList", [])]
        c.check(not databases, f"{where}: Glue databases left: {databases}")
    if lambda_groups_left:
        print(f"  delete: note: {lambda_groups_left} log group(s) /aws/lambda/<function> outlive the stack "
              "(created by Lambda, not by the stack)", file=sys.stderr)
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
    pr = commands.add_parser("profiles")
    pr.add_argument("--target-account", required=True)
    pr.add_argument("--source-accounts", required=True)
    d = commands.add_parser("deployed")
    for name in ("out", "project", "env", "source-accounts", "target-account", "region"):
        d.add_argument("--" + name, required=True)
    d.add_argument("--config")
    d.add_argument("--synth-log")
    for name in ("empty-bucket", "release-managed-policies"):
        b = commands.add_parser(name)
        b.add_argument("--profile", required=True)
        b.add_argument("--stack", required=True)
    gp = commands.add_parser("delete-glue-policy")
    gp.add_argument("--profile", required=True)
    g = commands.add_parser("gone")
    for name in ("project", "env", "source-accounts", "target-account"):
        g.add_argument("--" + name, required=True)
    g.add_argument("--catalog", action="store_true", help="the source accounts also had a catalog stack")
    st = commands.add_parser("static-counts")
    st.add_argument("work")
    st.add_argument("name")
    args = parser.parse_args()
    command = {"profiles": profiles, "deployed": deployed, "empty-bucket": empty_bucket,
               "release-managed-policies": release_managed_policies, "delete-glue-policy": delete_glue_policy,
               "gone": gone, "static-counts": static_counts}[args.command]
    try:
        return command(args)
    except Exception as err:  # report, do not crash: verify goes on with the next step
        print(f"  {args.command}: FAIL {type(err).__name__}: {err}".splitlines()[0], file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
