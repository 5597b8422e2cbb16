#!/usr/bin/env python3
"""Helper of scripts/test-deploy-plan: credentials per account and assertions through the AWS
API, against the moto_server named by AWS_ENDPOINT_URL.

    test_deploy_plan.py profiles PROJECT   credentials profile per account (`target`,
                                           `source-<account>`) into AWS_SHARED_CREDENTIALS_FILE;
                                           prints TARGET_PROFILE=... and
                                           SOURCE_PROFILE_<account>=... for the plan
    test_deploy_plan.py prepare PROJECT    what moto's CloudFormation does not create, and
                                           other teams' statements in the first source
                                           account's Glue resource policy
    test_deploy_plan.py deployed PROJECT   what deploy-plan.sh must have made, per account
    test_deploy_plan.py fill PROJECT       data in each source bucket for the teardown to empty
    test_deploy_plan.py empty PROJECT      nothing left in any account after the teardown

PROJECT is the folder holding synth.json, source/, target/ and templates/. What is expected
is read from synth.json and the SQL beside it with the README's naming rules, not from the
generated plan, so a wrong name in the plan fails here.

moto serves each request in the account its credentials belong to: credentials returned by
sts:AssumeRole for arn:aws:iam::<account>:role/... belong to <account> (the role need not
exist); any other key falls back to moto's default account, 123456789012, which must stay
empty (a step that ran with the wrong credentials lands there).
"""
import json
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.exceptions import ClientError

DEFAULT_ACCOUNT = "123456789012"  # moto's account for credentials it does not know
SEED_PROJECT = "cm-kasama-cross-account"
SEED_TARGET_DATABASE = "cm_kasama_cross_account_target_db"
REPOSITORY_TAG = "blog-code-58"
ENV = "dev"
TARGET_PROFILE = "target"
# Where the plan must not act although AWS_REGION names it (scripts/test-deploy-plan sets it).
OTHER_REGION = "us-east-1"


def source_profile(account):
    return f"source-{account}"


class Expected:
    """Names and DDL the plan for PROJECT/synth.json must produce (README's rules)."""

    def __init__(self, project_dir):
        self.dir = project_dir
        with open(os.path.join(project_dir, "synth.json"), encoding="utf-8") as f:
            context = json.load(f)["context"]
        self.target = context["targetAccountId"]
        self.region = context["region"]
        p = self.project = context.get("projectName", SEED_PROJECT)
        e = self.env = ENV
        self.target_stack = f"{p}-stack"
        self.source_stack = f"{p}-s3"
        self.target_bucket = f"{p}-{e}-target-data"
        self.role = f"{p}-{e}-sfn-execution-role"
        self.state_machine = f"{p}-{e}-athena-insert"
        self.state_machine_arn = f"arn:aws:states:{self.region}:{self.target}:stateMachine:{self.state_machine}"
        self.state_machine_logs = f"/aws/vendedlogs/states/{p}-{e}-athena-insert"
        self.workgroup = f"{p}-{e}-target-workgroup"
        self.tags = {"Project": p, "Environment": e, "Repository": REPOSITORY_TAG}
        self.sid = statement_sid(p, e)
        # sources: account -> {"bucket", "policy_file", "databases": {db: [tables]}}
        self.sources = {}
        if "sources" in context:
            entries = context["sources"]
            several = len(entries) > 1
            self.target_database = context.get("targetDatabase", SEED_TARGET_DATABASE)
            self.target_tables = []
            for entry in entries:
                account = entry["accountId"]
                databases = {}
                for database in entry["databases"]:
                    databases[database["name"]] = [t["name"] for t in database["tables"]]
                    self.target_tables += [t.get("targetTable", f"{t['name']}_copy") for t in database["tables"]]
                self.sources[account] = {
                    "bucket": entry.get("bucket", f"{p}-{e}-data" + (f"-{account}" if several else "")),
                    "policy_file": f"glue-resource-policy-{account}.json" if several else "glue-resource-policy.json",
                    "databases": databases,
                }
            self.sample = None
        else:
            target_databases, target_tables = ddl_names(os.path.join(project_dir, "target", "create-database-and-table.sql"))
            self.target_database = target_databases[0]
            self.target_tables = [t.split(".", 1)[1] for t in target_tables]
            self.sources[context["sourceAccountId"]] = {
                "bucket": f"{p}-{e}-data",
                "policy_file": "glue-resource-policy.json",
                "databases": databases_of(*ddl_names(os.path.join(project_dir, "source", "create-database-and-table.sql"))),
            }
            self.sample = (os.path.join(project_dir, "source", "sample-data", "sales.csv"), "data/sales.csv")
        # The account whose Glue resource policy holds other teams' statements before the plan runs;
        # the others have none, so the teardown must delete theirs.
        self.shared_policy_account = next(iter(self.sources))

    def foreign_statements(self, account):
        """What other teams and the prod environment of this pipeline put in ACCOUNT's policy."""
        catalog = f"arn:aws:glue:{self.region}:{account}:catalog"
        return [
            {"Sid": "OtherTeamGetDatabase", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:root"},
             "Action": "glue:GetDatabase", "Resource": catalog},
            {"Sid": statement_sid(self.project, "prod"), "Effect": "Allow",
             "Principal": {"AWS": f"arn:aws:iam::{self.target}:role/{self.project}-prod-sfn-execution-role"},
             "Action": ["glue:GetDatabase", "glue:GetTable"], "Resource": [catalog, f"arn:aws:glue:{self.region}:{account}:database/*"]},
            # No Sid, and a string that reads like this pipeline's statement.
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:root"}, "Action": "glue:GetTable",
             "Resource": f"arn:aws:glue:{self.region}:{account}:table/*",
             "Condition": {"StringEquals": {"aws:PrincipalTag/note": f'{{"Sid": "{self.sid}"}}, ]'}}},
        ]

    def accounts(self):
        """(account, profile) for the target, each source and moto's default account."""
        return ([(self.target, TARGET_PROFILE)] + [(a, source_profile(a)) for a in self.sources]
                + [(DEFAULT_ACCOUNT, None)])

    def target_ddl(self):
        return ([f"CREATE DATABASE IF NOT EXISTS {self.target_database}"]
                + [f"CREATE EXTERNAL TABLE IF NOT EXISTS {self.target_database}.{t}" for t in self.target_tables])

    def target_drops(self):
        return ([f"DROP TABLE IF EXISTS {self.target_database}.{t}" for t in self.target_tables]
                + [f"DROP DATABASE IF EXISTS {self.target_database}"])

    def source_ddl(self, account):
        databases = self.sources[account]["databases"]
        return ([f"CREATE DATABASE IF NOT EXISTS {d}" for d in databases]
                + [f"CREATE EXTERNAL TABLE IF NOT EXISTS {d}.{t}" for d, ts in databases.items() for t in ts])

    def source_drops(self, account):
        databases = self.sources[account]["databases"]
        return ([f"DROP TABLE IF EXISTS {d}.{t}" for d, ts in databases.items() for t in ts]
                + [f"DROP DATABASE IF EXISTS {d}" for d in databases])


def statement_sid(project, env):
    """README's rule for the Sid of the pipeline's Glue policy statement, for names whose every
    hyphen comes before a letter other than q: MyDataCopy + Dev + CatalogRead."""
    words = [w for part in (project, env) for w in part.split("-")]
    assert all(w and w[0].isalpha() and w[0] != "q" for w in words), f"no simple Sid rule for {project} {env}"
    return "".join(w[0].upper() + w[1:] for w in words) + "CatalogRead"


def ddl_names(path):
    """Databases and db.table names a seed DDL file creates."""
    with open(path, encoding="utf-8") as f:
        sql = f.read()
    databases = re.findall(r"CREATE\s+DATABASE\s+IF\s+NOT\s+EXISTS\s+([\w.]+)", sql, re.I)
    tables = re.findall(r"CREATE\s+EXTERNAL\s+TABLE\s+IF\s+NOT\s+EXISTS\s+([\w.]+)", sql, re.I)
    return databases, tables


def databases_of(databases, tables):
    result = {d: [] for d in databases}
    for name in tables:
        database, table = name.split(".", 1)
        result.setdefault(database, []).append(table)
    return result


class Checker:
    def __init__(self, label):
        self.label = label
        self.failures = []

    def check(self, ok, what):
        if not ok:
            self.failures.append(what)
        return ok

    def finish(self):
        for what in self.failures:
            print(f"  {self.label}: {what}", file=sys.stderr)
        print(f"{self.label}: {'ok' if not self.failures else f'{len(self.failures)} failed'}", file=sys.stderr)
        return 1 if self.failures else 0


_clients = {}


def clients(profile, region):
    """A function from service name to a client acting as PROFILE (None: the default credentials)."""
    session = boto3.Session(profile_name=profile, region_name=region) if profile else boto3.Session(region_name=region)

    def client(service):
        key = (profile, region, service)
        if key not in _clients:
            _clients[key] = session.client(service)
        return _clients[key]
    return client


def error_code(err):
    return err.response.get("Error", {}).get("Code", "")


DDL_HEAD = re.compile(r"(?:CREATE|DROP)\s+(?:EXTERNAL\s+)?(?:DATABASE|TABLE)\s+IF\s+(?:NOT\s+)?EXISTS\s+[^\s(]+", re.I)


def statement_head(sql):
    """A DDL statement up to the name it creates or drops, one space between words (any other
    statement whole): how a statement is recognised."""
    match = DDL_HEAD.match(sql.strip())
    return " ".join((match.group(0) if match else sql).split())


def queries(athena):
    """Every query execution of the account, in the order submitted: (head, workgroup, state,
    output location)."""
    ids = []
    for page in athena.get_paginator("list_query_executions").paginate():
        ids += page.get("QueryExecutionIds", [])
    for wg in athena.list_work_groups().get("WorkGroups", []):
        if wg["Name"] != "primary":
            for page in athena.get_paginator("list_query_executions").paginate(WorkGroup=wg["Name"]):
                ids += page.get("QueryExecutionIds", [])
    result = []
    for qid in dict.fromkeys(ids):
        q = athena.get_query_execution(QueryExecutionId=qid)["QueryExecution"]
        result.append((q["Status"]["SubmissionDateTime"], statement_head(q["Query"]), q.get("WorkGroup") or "",
                       q["Status"]["State"], (q.get("ResultConfiguration") or {}).get("OutputLocation", "")))
    return [q[1:] for q in sorted(result, key=lambda q: q[0])]


def check_queries(c, where, athena, expected, workgroup, output_prefix):
    """Each expected statement was submitted in WORKGROUP (results under OUTPUT_PREFIX, if any)
    and succeeded; a database was created before its tables and dropped after them."""
    submitted = queries(athena)
    heads = [q[0] for q in submitted]
    for index, head in enumerate(heads):
        name = head.split()[-1]
        if "." not in name:
            continue
        database = name.split(".", 1)[0]
        if head.startswith("CREATE") and f"CREATE DATABASE IF NOT EXISTS {database}" in heads[index:]:
            c.check(f"CREATE DATABASE IF NOT EXISTS {database}" in heads[:index],
                    f"{where}: `{head}` ran before its database was created")
        if head.startswith("DROP") and f"DROP DATABASE IF EXISTS {database}" in heads[:index]:
            c.check(False, f"{where}: `{head}` ran after its database was dropped")
    for head in expected:
        runs = [q for q in submitted if q[0] == head]
        if not c.check(runs, f"{where}: no Athena query `{head}`"):
            continue
        c.check(all(q[1] == workgroup for q in runs),
                f"{where}: `{head}` ran in workgroup {sorted({q[1] for q in runs})}, expected {workgroup}")
        c.check(all(q[2] == "SUCCEEDED" for q in runs), f"{where}: `{head}` is {sorted({q[2] for q in runs})}")
        if output_prefix:
            c.check(all(q[3].startswith(output_prefix) for q in runs),
                    f"{where}: `{head}` writes its results to {sorted({q[3] for q in runs})}, expected under {output_prefix}")
    return submitted


def athena_databases(athena):
    return {d["Name"] for d in athena.list_databases(CatalogName="AwsDataCatalog").get("DatabaseList", [])}


def stacks(cfn):
    result = {}
    for page in cfn.get_paginator("list_stacks").paginate():
        for s in page.get("StackSummaries", []):
            result.setdefault(s["StackName"], []).append(s["StackStatus"])
    return result


def live_stack(c, where, cfn, name, tags):
    try:
        stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
    except ClientError as err:
        c.check(False, f"{where}: stack {name}: {error_code(err)}")
        return None
    c.check(stack["StackStatus"] in ("CREATE_COMPLETE", "UPDATE_COMPLETE"), f"{where}: stack {name} is {stack['StackStatus']}")
    got = {t["Key"]: t["Value"] for t in stack.get("Tags", [])}
    c.check(all(got.get(k) == v for k, v in tags.items()), f"{where}: stack {name} tags {got}, expected {tags}")
    return stack


def glue_policy(glue):
    try:
        return glue.get_resource_policy().get("PolicyInJson")
    except ClientError as err:
        if error_code(err) == "EntityNotFoundException":
            return None
        raise


def buckets(s3):
    return sorted(b["Name"] for b in s3.list_buckets().get("Buckets", []))


# --- subcommands --------------------------------------------------------------------------

def profiles(x):
    sts = boto3.client("sts", region_name=x.region)
    lines = []
    for account, profile in x.accounts():
        if profile is None:
            continue
        creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/deploy-plan-test",
                                RoleSessionName="deploy-plan-test")["Credentials"]
        lines += [f"[{profile}]", f"aws_access_key_id = {creds['AccessKeyId']}",
                  f"aws_secret_access_key = {creds['SecretAccessKey']}",
                  f"aws_session_token = {creds['SessionToken']}", ""]
    with open(os.environ["AWS_SHARED_CREDENTIALS_FILE"], "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    c = Checker("profiles")
    for account, profile in x.accounts():
        got = clients(profile, x.region)("sts").get_caller_identity()["Account"]
        c.check(got == account, f"profile {profile or '(default)'} acts in account {got}, expected {account}")
    # The plan's environment, one assignment a line.
    print(f"TARGET_PROFILE={TARGET_PROFILE}")
    for account in x.sources:
        print(f"SOURCE_PROFILE_{account}={source_profile(account)}")
    return c.finish()


def prepare(x):
    # moto's CloudFormation reports AWS::Athena::WorkGroup CREATE_COMPLETE without creating it,
    # and its Athena rejects a query in a workgroup that does not exist: create it as the stack would.
    athena = clients(TARGET_PROFILE, x.region)("athena")
    athena.create_work_group(Name=x.workgroup, Configuration={})
    account = x.shared_policy_account
    document = {"Version": "2012-10-17", "Statement": x.foreign_statements(account)}
    clients(source_profile(account), x.region)("glue").put_resource_policy(
        PolicyInJson=json.dumps(document, separators=(",", ":")), EnableHybrid="TRUE")
    return 0


def check_glue_policy(c, where, glue, expected):
    """The account's Glue resource policy is EXPECTED (a list of statements), or there is none."""
    policy = glue_policy(glue)
    if expected is None:
        c.check(policy is None, f"{where}: a Glue resource policy is left: {policy}")
        return
    if not c.check(policy, f"{where}: no Glue resource policy"):
        return
    document = json.loads(policy)
    c.check(document.get("Version") == "2012-10-17", f"{where}: the Glue resource policy has Version {document.get('Version')}")
    statements = document.get("Statement")
    c.check(statements == expected,
            f"{where}: the Glue resource policy's statements are {json.dumps(statements)}, expected {json.dumps(expected)}")


def check_other_region_unused(c, x):
    """Nothing in OTHER_REGION in any account: no stack, Glue resource policy or state machine,
    and every bucket in the configured region."""
    for account, profile in x.accounts():
        where = f"{OTHER_REGION} in {account}"
        client = clients(profile, OTHER_REGION)
        names = list(stacks(client("cloudformation")))
        c.check(not names, f"{where}: stacks {names}")
        c.check(glue_policy(client("glue")) is None, f"{where}: a Glue resource policy")
        machines = [m["name"] for m in client("stepfunctions").list_state_machines().get("stateMachines", [])]
        c.check(not machines, f"{where}: state machines {machines}")
        s3 = client("s3")
        for bucket in buckets(s3):
            location = s3.get_bucket_location(Bucket=bucket).get("LocationConstraint") or "us-east-1"
            c.check(location == x.region, f"{account}: bucket {bucket} is in {location}, expected {x.region}")


def deployed(x):
    c = Checker("deployed")
    templates = os.path.join(x.dir, "templates")
    role_arn = f"arn:aws:iam::{x.target}:role/{x.role}"

    # The target account.
    where = f"target {x.target}"
    client = clients(TARGET_PROFILE, x.region)
    live_stack(c, where, client("cloudformation"), x.target_stack, x.tags)
    c.check(buckets(client("s3")) == [x.target_bucket], f"{where}: buckets {buckets(client('s3'))}, expected [{x.target_bucket}]")
    iam = client("iam")
    try:
        iam.get_role(RoleName=x.role)
    except ClientError as err:
        c.check(False, f"{where}: role {x.role}: {error_code(err)}")
    sfn = client("stepfunctions")
    machines = [m["stateMachineArn"] for m in sfn.list_state_machines().get("stateMachines", [])]
    if c.check(machines == [x.state_machine_arn], f"{where}: state machines {machines}, expected [{x.state_machine_arn}]"):
        executions = sfn.list_executions(stateMachineArn=x.state_machine_arn).get("executions", [])
        c.check(len(executions) == 1, f"{where}: {len(executions)} executions started, expected 1")
    groups = [g["logGroupName"] for g in client("logs").describe_log_groups().get("logGroups", [])]
    c.check(x.state_machine_logs in groups, f"{where}: no log group {x.state_machine_logs} (have {groups})")
    athena = client("athena")
    check_queries(c, where, athena, x.target_ddl(), x.workgroup, "")
    # moto's Athena keeps the databases CREATE DATABASE names (it runs no other SQL).
    c.check(x.target_database in athena_databases(athena), f"{where}: Athena lists no database {x.target_database}")

    # Each source account.
    for account, source in x.sources.items():
        where = f"source {account}"
        client = clients(source_profile(account), x.region)
        stack = live_stack(c, where, client("cloudformation"), x.source_stack, x.tags)
        if stack:
            parameters = {p["ParameterKey"]: p.get("ParameterValue") for p in stack.get("Parameters", [])}
            c.check(parameters.get("TargetAccountId") == x.target,
                    f"{where}: stack parameter TargetAccountId={parameters.get('TargetAccountId')}, expected {x.target}")
        s3 = client("s3")
        c.check(buckets(s3) == [source["bucket"]], f"{where}: buckets {buckets(s3)}, expected [{source['bucket']}]")
        if x.sample and buckets(s3) == [source["bucket"]]:
            path, key = x.sample
            try:
                body = s3.get_object(Bucket=source["bucket"], Key=key)["Body"].read()
                with open(path, "rb") as f:
                    c.check(body == f.read(), f"{where}: s3://{source['bucket']}/{key} differs from {path}")
            except ClientError as err:
                c.check(False, f"{where}: s3://{source['bucket']}/{key}: {error_code(err)}")
        # Other teams' statements as they were, in their order, then ours, once.
        with open(os.path.join(templates, source["policy_file"]), encoding="utf-8") as f:
            ours = json.load(f)["Statement"]
        sids = [s.get("Sid") for s in ours]
        c.check(x.sid in sids and None not in sids, f"{where}: {source['policy_file']} has Sids {sids}, expected {x.sid} among them and no statement without one")
        c.check(role_arn in json.dumps(ours), f"{where}: {source['policy_file']} does not name {role_arn}")
        foreign = x.foreign_statements(account) if account == x.shared_policy_account else []
        check_glue_policy(c, where, client("glue"), foreign + ours)
        athena = client("athena")
        check_queries(c, where, athena, x.source_ddl(account), "primary", f"s3://{source['bucket']}/athena-ddl-results/")
        missing = set(source["databases"]) - athena_databases(athena)
        c.check(not missing, f"{where}: Athena lists no database {sorted(missing)}")

    # Nothing in moto's default account: no step ran with the wrong credentials.
    check_nothing(c, f"default {DEFAULT_ACCOUNT}", clients(None, x.region), x, no_queries=True)
    check_other_region_unused(c, x)
    return c.finish()


def fill(x):
    """Puts data into each source bucket as a real data lake has it, for the teardown to empty:
    objects under long partitioned keys, some overwritten (older versions) and some deleted
    (delete markers), together more than a single 128 KiB command-line argument can list."""
    for account, source in x.sources.items():
        s3 = clients(source_profile(account), x.region)("s3")
        bucket = source["bucket"]
        prefix = "/".join(f"level{i:02d}=partition-value-{i:02d}" for i in range(16))
        keys = [f"{next(iter(source['databases']))}/{prefix}/part-{i:05d}-0f8e4c2a-9b1d-4e7f-a3c6-5d2b8e1f7a90-c000.csv"
                for i in range(300)]
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda key: s3.put_object(Bucket=bucket, Key=key, Body=b"id\n1\n"), keys))
            list(pool.map(lambda key: s3.put_object(Bucket=bucket, Key=key, Body=b"id\n2\n"), keys[:20]))
            list(pool.map(lambda key: s3.delete_object(Bucket=bucket, Key=key), keys[20:40]))
    return 0


def check_nothing(c, where, client, x, no_queries=False, glue_statements=None):
    """No live stack, bucket, role, policy, function, state machine, log group, workgroup or
    Athena database (but `default`) in one account, and no Glue resource policy (or one of
    exactly GLUE_STATEMENTS); with NO_QUERIES, no Athena query ever ran there either."""
    for name, statuses in stacks(client("cloudformation")).items():
        c.check(all(s == "DELETE_COMPLETE" for s in statuses), f"{where}: stack {name} is {statuses}")
    s3 = client("s3")
    c.check(not buckets(s3), f"{where}: buckets left: {buckets(s3)}")
    check_glue_policy(c, where, client("glue"), glue_statements)
    iam = client("iam")
    roles = [r["RoleName"] for r in iam.list_roles().get("Roles", [])]
    c.check(not roles, f"{where}: roles left: {roles}")
    policies = [p["PolicyName"] for p in iam.list_policies(Scope="Local").get("Policies", [])]
    c.check(not policies, f"{where}: managed policies left: {policies}")
    functions = [f["FunctionName"] for f in client("lambda").list_functions().get("Functions", [])]
    c.check(not functions, f"{where}: Lambda functions left: {functions}")
    machines = [m["name"] for m in client("stepfunctions").list_state_machines().get("stateMachines", [])]
    c.check(not machines, f"{where}: state machines left: {machines}")
    # moto tries to run the auto-delete handler of the Custom:: resource (there is no Docker
    # here), which makes the Lambda default log group /aws/lambda/<function>; AWS would not
    # (the function logs to its own group, which the stack deletes). Not counted.
    handler_logs = f"/aws/lambda/{x.target_stack}-CustomS3AutoDeleteObjectsCustomResourceProvider"
    groups = [g["logGroupName"] for g in client("logs").describe_log_groups().get("logGroups", [])
              if not g["logGroupName"].startswith(handler_logs)]
    c.check(not groups, f"{where}: log groups left: {groups}")
    athena = client("athena")
    workgroups = [w["Name"] for w in athena.list_work_groups().get("WorkGroups", []) if w["Name"] != "primary"]
    c.check(not workgroups, f"{where}: Athena workgroups left: {workgroups}")
    databases = athena_databases(athena) - {"default"}
    c.check(not databases, f"{where}: Athena databases left: {sorted(databases)}")
    if no_queries:
        submitted = queries(athena)
        c.check(not submitted, f"{where}: {len(submitted)} Athena queries ran here: {[q[0] for q in submitted][:3]}")


def empty(x):
    c = Checker("empty")
    # The target workgroup `prepare` made stands in for the stack's; moto's CloudFormation
    # does not delete it either.
    athena = clients(TARGET_PROFILE, x.region)("athena")
    if any(w["Name"] == x.workgroup for w in athena.list_work_groups().get("WorkGroups", [])):
        athena.delete_work_group(WorkGroup=x.workgroup, RecursiveDeleteOption=True)

    where = f"target {x.target}"
    client = clients(TARGET_PROFILE, x.region)
    c.check("DELETE_COMPLETE" in stacks(client("cloudformation")).get(x.target_stack, []),
            f"{where}: stack {x.target_stack} was never deleted")
    check_queries(c, where, client("athena"), x.target_drops(), x.workgroup, "")
    check_nothing(c, where, client, x)
    for account, source in x.sources.items():
        where = f"source {account}"
        client = clients(source_profile(account), x.region)
        c.check("DELETE_COMPLETE" in stacks(client("cloudformation")).get(x.source_stack, []),
                f"{where}: stack {x.source_stack} was never deleted")
        check_queries(c, where, client("athena"), x.source_drops(account), "primary",
                      f"s3://{source['bucket']}/athena-ddl-results/")
        # Other teams' statements stay; a policy that held only ours is gone.
        check_nothing(c, where, client, x, glue_statements=x.foreign_statements(account) if account == x.shared_policy_account else None)
    check_nothing(c, f"default {DEFAULT_ACCOUNT}", clients(None, x.region), x, no_queries=True)
    check_other_region_unused(c, x)
    return c.finish()


def main(argv):
    commands = {"profiles": profiles, "prepare": prepare, "deployed": deployed, "fill": fill, "empty": empty}
    if len(argv) != 3 or argv[1] not in commands:
        print(f"usage: {argv[0]} {'|'.join(commands)} PROJECT", file=sys.stderr)
        return 2
    return commands[argv[1]](Expected(argv[2]))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
