"""Issue 11 for partitioned tables on moto: the partitions snapshot copies events_copy in
`partitions` mode (keys dt string, shard int), replaces sales_copy (dt date) and appends
returns_copy (dt string), a page of at most 100 partitions per statement. The fake Athena
writes each partition's rows under `<location><k>=<v>/` and registers the partitions in moto's
Glue; GetPartitions pages as on AWS (moto_patches.py, item 7); the JSONata of the partition
states is modelled in partition_jsonata.py."""

from __future__ import annotations


import pytest

import partition_jsonata
from conftest import Deployed, ROOT
from moto_patches import emulate_aws_get_partitions_pages
from cfn import Template, target_table_locations
from harness import StateMachineHarness

SNAPSHOT = ROOT / "Tests" / "CrossAccountGlueTests" / "Fixtures" / "snapshots" / "partitions" / "target-stack.json"
DB = "cm_kasama_cross_account_target_db"
SOURCE_DB = "cm_kasama_cross_account_db"
EVENTS, SALES, RETURNS = f"{DB}.events_copy", f"{DB}.sales_copy", f"{DB}.returns_copy"
KEYS = {"events": ["dt", "shard"], "sales": ["dt"], "returns": ["dt"]}


def source_rows(table: str, count: int) -> list[list]:
    """One row per partition: id, product, then the partition values."""
    if table == "events":
        return [[i, f"events-{i}", f"2024-01-{i % 28 + 1:02d}", str(i)] for i in range(count)]
    return [[i, f"{table}-{i}", f"2024-{i // 28 % 12 + 1:02d}-{i % 28 + 1:02d}" if count <= 336 else f"d{i:04d}"] for i in range(count)]


class Partitioned(Deployed):
    glue = None

    def set_source(self, table: str, count: int) -> None:
        rows = source_rows(table, count)
        name = f"source_catalog.{SOURCE_DB}.{table}"
        self.athena.add_source(name, rows)
        self.athena.partition_keys[name] = KEYS[table]
        try:
            self.glue.delete_table(DatabaseName=SOURCE_DB, Name=table)
        except self.glue.exceptions.EntityNotFoundException:
            pass
        self.glue.create_table(DatabaseName=SOURCE_DB, TableInput={
            "Name": table, "PartitionKeys": [{"Name": k, "Type": "string"} for k in KEYS[table]],
            "StorageDescriptor": {"Location": f"s3://source/{table}/"}})
        values = [[str(v) for v in r[len(r) - len(KEYS[table]):]] for r in rows]
        for i in range(0, len(values), 100):
            self.glue.batch_create_partition(DatabaseName=SOURCE_DB, TableName=table, PartitionInputList=[
                {"Values": v, "StorageDescriptor": {"Location": f"s3://source/{table}/{'/'.join(v)}/"}} for v in values[i:i + 100]])

    def partitions(self, target: str) -> dict[tuple, str]:
        name = target.split(".")[1]
        pages = self.glue.get_paginator("get_partitions").paginate(DatabaseName=DB, TableName=name)
        return {tuple(p["Values"]): p["StorageDescriptor"]["Location"] for page in pages for p in page["Partitions"]}

    def visible_rows(self, target: str) -> list[str]:
        """What a reader of the table sees: the files of its registered partitions."""
        rows = []
        for location in self.partitions(target).values():
            for body in self.harness.objects_under(location).values():
                rows += body.splitlines()
        return sorted(rows)

    def statements(self, target: str, kind: str) -> list[str]:
        return [s.query for s in self.athena.starts_for(target) if s.query.startswith(kind) and s.error is None]


@pytest.fixture
def parts(moto_sfn, athena_engine, retry_waits, monkeypatch) -> Partitioned:
    emulate_aws_get_partitions_pages(monkeypatch)
    template = Template.load(SNAPSHOT)
    monkeypatch.setenv("MOTO_ACCOUNT_ID", template.account)
    harness = StateMachineHarness(template)
    harness.provision()
    glue = harness.session.client("glue")
    locations = target_table_locations(template)
    for database in (DB, SOURCE_DB):
        glue.create_database(DatabaseInput={"Name": database})
    for table, location in locations.items():
        athena_engine.add_target(table, location)
        name = table.split(".", 1)[1]
        glue.create_table(DatabaseName=DB, TableInput={
            "Name": name, "TableType": "EXTERNAL_TABLE", "StorageDescriptor": {"Location": location},
            "PartitionKeys": [{"Name": k, "Type": "string"} for k in KEYS[name.removesuffix("_copy")]]})
    asl = template.state_machine().asl
    partition_jsonata.install(asl["States"]["CopyTables"]["ItemProcessor"]["States"])
    deployed = Partitioned(template, harness, athena_engine, retry_waits, harness.create_state_machine(), [], locations)
    deployed.glue = glue
    for table in KEYS:
        deployed.set_source(table, 3)
    yield deployed
    partition_jsonata.uninstall()


def succeeded(result):
    assert result.status == "SUCCEEDED", result.describe()
    return result


def test_partitions_mode_copies_only_the_missing_partitions(parts):
    # The target already has the first partition (with its row).
    first = ("2024-01-01", "0")
    location = parts.location(EVENTS) + "dt=2024-01-01/shard=0/"
    parts.harness.put_object(location, "old_00000", "0,events-0\n")
    parts.glue.create_partition(DatabaseName=DB, TableName="events_copy", PartitionInput={
        "Values": list(first), "StorageDescriptor": {"Location": location}})

    succeeded(parts.run())

    ctas = parts.statements(EVENTS, "CREATE TABLE")
    assert len(ctas) == 1 and "shard" in ctas[0] and "'2024-01-01'" not in ctas[0], ctas
    assert set(parts.partitions(EVENTS)) == {first, ("2024-01-02", "1"), ("2024-01-03", "2")}
    assert parts.partitions(EVENTS)[first] == location  # untouched
    assert parts.visible_rows(EVENTS) == ["0,events-0", "1,events-1", "2,events-2"]


def test_run_twice_partitions_and_replace_leave_one_copy_append_two(parts):
    succeeded(parts.run())
    first_sales = parts.partitions(SALES)
    succeeded(parts.run())

    assert parts.visible_rows(EVENTS) == ["0,events-0", "1,events-1", "2,events-2"]
    assert len(parts.statements(EVENTS, "CREATE TABLE")) == 1, "the second run had nothing to copy"
    assert parts.visible_rows(SALES) == ["0,sales-0", "1,sales-1", "2,sales-2"]
    second_sales = parts.partitions(SALES)
    assert set(second_sales) == set(first_sales) and all(second_sales[k] != first_sales[k] for k in first_sales)
    location = parts.glue.get_table(DatabaseName=DB, Name="sales_copy")["Table"]["StorageDescriptor"]["Location"]
    assert all(v.startswith(location) for v in second_sales.values()), (location, second_sales)
    # The first run's folder is gone: only this run's files remain under runs/.
    runs = {k.split("/")[2] for k in parts.harness.objects_under(parts.location(SALES) + "runs/")}
    assert runs == {location.split("/")[-2]}, runs
    assert parts.visible_rows(RETURNS) == sorted(["0,returns-0", "1,returns-1", "2,returns-2"] * 2)
    assert not [t for t in parts.athena.targets if "__staging_" in t]


def test_replace_drops_the_partitions_the_source_no_longer_has(parts):
    parts.set_source("sales", 30)
    succeeded(parts.run())
    assert len(parts.partitions(SALES)) == 30
    parts.set_source("sales", 2)
    succeeded(parts.run())
    assert parts.visible_rows(SALES) == ["0,sales-0", "1,sales-1"]


def test_250_partitions_take_three_statements_of_at_most_100(parts):
    for table in KEYS:
        parts.set_source(table, 250)

    succeeded(parts.run(timeout=120))

    for target, kind in [(EVENTS, "CREATE TABLE"), (SALES, "CREATE TABLE"), (RETURNS, "INSERT INTO")]:
        statements = parts.statements(target, kind)
        assert len(statements) == 3, (target, len(statements))
        assert [s.count(") OR (") + 1 for s in statements] == [100, 100, 50]
        assert len(parts.partitions(target)) == 250
        assert len(parts.visible_rows(target)) == 250


def test_a_failing_batch_fails_the_table_registers_nothing_half_written_and_a_rerun_completes(parts):
    parts.set_source("events", 250)
    parts.athena.fail_query(EVENTS, "FAILED", reason="HIVE_BAD_DATA (programmed)", partial_rows=1, after=1)

    result = parts.run(timeout=120)

    assert result.status == "FAILED", result.describe()
    assert EVENTS in result.cause
    registered = parts.partitions(EVENTS)
    assert len(registered) == 100, "the first page is registered whole; the failed one not at all"
    assert len(parts.visible_rows(EVENTS)) == 100
    failed = parts.statements(EVENTS, "CREATE TABLE")[-1]
    page_folder = failed.split("external_location = '")[1].split("'")[0]
    assert parts.harness.objects_under(page_folder) == {}, "the failed page's partial files are gone"
    assert not [t for t in parts.athena.targets if "__staging_" in t]

    succeeded(parts.run(timeout=120))
    assert len(parts.partitions(EVENTS)) == 250
    assert parts.visible_rows(EVENTS) == sorted(f"{i},events-{i}" for i in range(250)), "every row exactly once"


def test_every_partition_statement_parses_as_athena_sql(parts):
    import sqlglot
    succeeded(parts.run())
    queries = [s.query for s in parts.athena.starts if s.error is None]
    assert any(q.startswith("CREATE TABLE") for q in queries) and any(q.startswith("INSERT INTO") for q in queries)
    for query in queries:
        parsed = sqlglot.parse(query, read="athena")
        assert parsed and parsed[0] is not None, query
