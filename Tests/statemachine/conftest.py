"""Fixtures that execute the rendered state machines on moto's ASL interpreter.

Each test gets a fresh in-process moto (mock_aws) acting as the target account of the
template, with moto's Step Functions interpreter switched on, an Athena `.sync`
integration added (athena_shim.py), retry waits recorded instead of slept and AWS's
empty-filter JSONPath behaviour (moto_patches.py). Every patch is a monkeypatch, undone
after the test.

The state machines come from rendered template files, never from a hand copy:
  seed   templates/target-stack.json (one Task)
  multi  Tests/CrossAccountGlueTests/Fixtures/snapshots/multi-source/target-stack.json
         (the Map over several tables); STATEMACHINE_MULTI_TEMPLATE=path runs another
         rendering instead, e.g. `swift run synth --config scripts/verify_configs/multi.json
         --out /tmp/x` then STATEMACHINE_MULTI_TEMPLATE=/tmp/x/target-stack.json.
"""

from __future__ import annotations

import os
import pathlib
import re
from dataclasses import dataclass

import pytest
from moto import mock_aws
from moto.core.config import default_user_config
from moto.stepfunctions.parser.asl.component.state.exec.state_task import state_task_factory
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
    state_task_service_callback,
    state_task_service_factory,
)

from athena_shim import FakeAthenaEngine, athena_service_factory
from cfn import Template, target_table_locations
from harness import StateMachineHarness
from moto_patches import (RetryWaitRecorder, allow_repeated_executions, emulate_aws_empty_filter,
                          emulate_aws_intrinsic_escapes, emulate_aws_start_time, install_jsonata)
import sfn_sdk_shim

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEED_TEMPLATE = ROOT / "templates" / "target-stack.json"
MULTI_TEMPLATE = pathlib.Path(
    os.environ.get("STATEMACHINE_MULTI_TEMPLATE")
    or ROOT / "Tests" / "CrossAccountGlueTests" / "Fixtures" / "snapshots" / "multi-source" / "target-stack.json"
)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "moto_jsonpath: run with moto's own JSONPath behaviour (no AWS empty-filter emulation)",
    )


@pytest.fixture
def retry_waits(monkeypatch) -> RetryWaitRecorder:
    recorder = RetryWaitRecorder()
    recorder.install(monkeypatch)
    return recorder


@pytest.fixture
def athena_engine(monkeypatch):
    engine = FakeAthenaEngine()
    engine.install(monkeypatch)
    yield engine
    engine.uninstall()


@pytest.fixture
def moto_sfn(request, monkeypatch, retry_waits, athena_engine):
    """An in-process moto with the interpreter on and the harness's patches applied."""
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "ap-northeast-1",
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setitem(default_user_config, "stepfunctions", {"execute_state_machine": True})

    # Athena .sync: state_task_factory imported state_task_service_for by name, so the
    # name is replaced where it is looked up as well as where it is defined.
    patched = athena_service_factory(state_task_service_factory.state_task_service_for)
    monkeypatch.setattr(state_task_service_factory, "state_task_service_for", patched)
    monkeypatch.setattr(state_task_factory, "state_task_service_for", patched)
    # .sync tasks poll every 0.5 s (a real sleep); the fake queries finish within
    # two polls, so poll fast. The number of polls is unchanged.
    monkeypatch.setattr(state_task_service_callback, "_DELAY_SECONDS_SYNC_CONDITION_CHECK", 0.01)

    allow_repeated_executions(monkeypatch)
    install_jsonata(monkeypatch)
    # AWS's $$.Execution.StartTime string and \\' escapes in intrinsics (moto_patches.py 5 and 6).
    emulate_aws_start_time(monkeypatch)
    emulate_aws_intrinsic_escapes(monkeypatch)
    # The overlap check's aws-sdk:sfn:listExecutions, with AWS's PascalCase (sfn_sdk_shim.py).
    sfn_sdk_shim.install(monkeypatch)
    if request.node.get_closest_marker("moto_jsonpath") is None:
        emulate_aws_empty_filter(monkeypatch)

    with mock_aws():
        yield


MODES_TEMPLATE = ROOT / "Tests" / "CrossAccountGlueTests" / "Fixtures" / "snapshots" / "copy-modes" / "target-stack.json"


@pytest.fixture
def modes(moto_sfn, athena_engine, retry_waits, monkeypatch) -> Deployed:
    return deploy(MODES_TEMPLATE, athena_engine, retry_waits, monkeypatch)


FORMATS_TEMPLATE = ROOT / "Tests" / "CrossAccountGlueTests" / "Fixtures" / "snapshots" / "formats" / "target-stack.json"
EVERYTHING_TEMPLATE = ROOT / "Tests" / "CrossAccountGlueTests" / "Fixtures" / "snapshots" / "everything" / "target-stack.json"


# The partitioned source tables of formats.json and everything.json: their keys and rows
# (id, name, then the partition values).
PARTITIONED_SOURCES = {
    "orders": (["dt"], [[1, "orders-one", "2024-01-01"], [2, "orders-two", "2024-01-02"]]),
    "visits": (["region", "dt"], [[1, "visits-one", "eu", "2024-01-01"], [2, "visits-two", "us", "2024-01-01"]]),
    "sales": (["dt"], [[1, "sales-one", "2024-02-01"], [2, "sales-two", "2024-02-02"]]),
}


def deploy_with_partitions(path, athena, waits, monkeypatch, partitioned):
    """`deploy`, and each partitioned source table in the source's Glue catalog with its
    partitions, as GetPartitions reads them; the partition states' JSONata modelled."""
    import partition_jsonata
    from moto_patches import emulate_aws_get_partitions_pages

    emulate_aws_get_partitions_pages(monkeypatch)
    deployed = deploy(path, athena, waits, monkeypatch)
    glue = deployed.harness.session.client("glue")
    for job in deployed.jobs:
        _, database, table = job["source"].split(".")  # <catalog>.<database>.<table>
        if "keys" not in job or table not in partitioned:
            continue
        keys, rows = partitioned[table]
        athena.add_source(job["source"], rows)
        athena.partition_keys[job["source"]] = keys
        try:
            glue.create_database(DatabaseInput={"Name": database})
        except glue.exceptions.AlreadyExistsException:
            pass
        glue.create_table(DatabaseName=database, TableInput={
            "Name": table, "PartitionKeys": [{"Name": k, "Type": "string"} for k in keys],
            "StorageDescriptor": {"Location": f"s3://source/{table}/"}})
        glue.batch_create_partition(DatabaseName=database, TableName=table, PartitionInputList=[
            {"Values": [str(v) for v in row[2:]], "StorageDescriptor": {"Location": f"s3://source/{table}/{row[0]}/"}} for row in rows])
    partition_jsonata.install(deployed.asl["States"]["CopyTables"]["ItemProcessor"]["States"])
    return deployed, partition_jsonata.uninstall


@pytest.fixture
def formats(moto_sfn, athena_engine, retry_waits, monkeypatch):
    """scripts/verify_configs/formats.json: Parquet and text tables, appended and replaced; its
    partitioned tables are appended a page of partitions at a time."""
    deployed, done = deploy_with_partitions(FORMATS_TEMPLATE, athena_engine, retry_waits, monkeypatch, PARTITIONED_SOURCES)
    yield deployed
    done()


@pytest.fixture
def everything(moto_sfn, athena_engine, retry_waits, monkeypatch):
    """scripts/verify_configs/everything.json: every option, every copy mode in one Map."""
    deployed, done = deploy_with_partitions(EVERYTHING_TEMPLATE, athena_engine, retry_waits, monkeypatch, PARTITIONED_SOURCES)
    yield deployed
    done()


def rows_for(table: str) -> list[list]:
    """Two recognisable rows per source table."""
    short = table.split(".")[-1]
    return [[1, f"{short}-one"], [2, f"{short}-two"]]


@dataclass
class Deployed:
    template: Template
    harness: StateMachineHarness
    athena: FakeAthenaEngine
    waits: RetryWaitRecorder
    arn: str
    jobs: list[dict]  # {"target": "db.table", "source": "catalog.db.table"}
    locations: dict[str, str]  # target table -> s3 location

    @property
    def asl(self) -> dict:
        return self.template.state_machine().asl

    def run(self, execution_input=None, timeout: float = 30.0):
        return self.harness.run(self.arn, execution_input, timeout)

    def location(self, target: str) -> str:
        return self.locations[target.lower()]

    def objects(self, target: str) -> dict[str, str]:
        return self.harness.objects_under(self.location(target))


_QUERY = re.compile(r"INSERT\s+INTO\s+([\w.]+)\s+SELECT\s+.+?\s+FROM\s+([\w.]+)", re.IGNORECASE | re.DOTALL)


def copy_jobs(asl: dict) -> list[dict]:
    """The (target, source) pairs the state machine copies: the Map's job list when it
    has one, else the literal INSERT of each Athena task."""
    jobs = []
    for state in asl["States"].values():
        if state.get("Type") == "Pass" and isinstance(state.get("Result"), list):
            jobs += [j for j in state["Result"] if {"target", "source"} <= set(j)]
        query = state.get("Parameters", {}).get("QueryString")
        if isinstance(query, str) and (m := _QUERY.search(query)):
            jobs.append({"target": m.group(1), "source": m.group(2)})
    assert jobs, "no copy jobs found in the definition"
    return jobs


def deploy(path: pathlib.Path, athena: FakeAthenaEngine, waits: RetryWaitRecorder, monkeypatch) -> Deployed:
    template = Template.load(path)
    # moto puts every in-process request (the test's and the interpreter's own boto
    # calls) in this account: the state machine, its Athena and S3 share the target's.
    monkeypatch.setenv("MOTO_ACCOUNT_ID", template.account)
    harness = StateMachineHarness(template)
    harness.provision()
    locations = target_table_locations(template)
    glue = harness.session.client("glue")
    for table, location in locations.items():
        athena.add_target(table, location)
        # The Glue tables a deploy (catalog as code or the DDL) leaves, which replace mode reads.
        database, name = table.split(".", 1)
        try:
            glue.create_database(DatabaseInput={"Name": database})
        except glue.exceptions.AlreadyExistsException:
            pass
        glue.create_table(DatabaseName=database, TableInput={
            "Name": name, "TableType": "EXTERNAL_TABLE", "StorageDescriptor": {"Location": location}})
    jobs = copy_jobs(template.state_machine().asl)
    for job in jobs:
        athena.add_source(job["source"], rows_for(job["source"]))
    arn = harness.create_state_machine()
    return Deployed(template, harness, athena, waits, arn, jobs, locations)


@pytest.fixture
def seed(moto_sfn, athena_engine, retry_waits, monkeypatch) -> Deployed:
    return deploy(SEED_TEMPLATE, athena_engine, retry_waits, monkeypatch)


@pytest.fixture
def multi(moto_sfn, athena_engine, retry_waits, monkeypatch) -> Deployed:
    return deploy(MULTI_TEMPLATE, athena_engine, retry_waits, monkeypatch)
