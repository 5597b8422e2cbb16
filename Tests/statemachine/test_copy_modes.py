"""Issue 11's copy modes on moto: the copy-modes snapshot replaces sales_copy (CTAS into a
run's folder, ALTER TABLE … SET LOCATION, DROP TABLE, the previous copy deleted in pages)
and appends returns_copy (INSERT INTO). The run id's $$.Execution.StartTime and the \\' escapes
of the CTAS and ALTER templates run as on AWS through moto_patches.py (5 and 6)."""

import sqlglot

REPLACED = "cm_kasama_cross_account_target_db.sales_copy"
APPENDED = "cm_kasama_cross_account_target_db.returns_copy"


def table_location(modes, target):
    database, name = target.split(".")
    glue = modes.harness.session.client("glue")
    return glue.get_table(DatabaseName=database, Name=name)["Table"]["StorageDescriptor"]["Location"]


def bucket_of(modes, target):
    return modes.location(target).split("/")[2]


def test_replace_run_twice_leaves_exactly_one_copy(modes):
    for _ in range(2):
        result = modes.run()
        assert result.status == "SUCCEEDED", result.describe()
    location = table_location(modes, REPLACED)
    assert location.startswith(modes.location(REPLACED) + "runs/"), location
    objects = modes.objects(REPLACED)
    bucket = bucket_of(modes, REPLACED)
    assert objects and all(f"s3://{bucket}/{key}".startswith(location) for key in objects), (location, objects)
    assert list(objects.values()) == ["1,sales-one\n2,sales-two\n"]
    staging = [t for t in modes.athena.created if "__staging_" in t]
    assert len(staging) == 2
    assert modes.athena.dropped == staging


def test_append_run_twice_leaves_two_copies(modes):
    for _ in range(2):
        result = modes.run()
        assert result.status == "SUCCEEDED", result.describe()
        assert {"table": APPENDED, "status": "SUCCEEDED"} in result.state_output("CountFailures")["tables"], result.describe()
    objects = modes.objects(APPENDED)
    assert len(objects) == 2 and set(objects.values()) == {"1,returns-one\n2,returns-two\n"}


def test_a_failed_ctas_keeps_the_previous_copy_and_leaves_no_files(modes):
    first = modes.run()
    assert first.status == "SUCCEEDED", first.describe()
    before_location = table_location(modes, REPLACED)
    before = modes.objects(REPLACED)
    modes.athena.fail_query(REPLACED, "FAILED", reason="HIVE_BAD_DATA (programmed)", partial_rows=1)

    result = modes.run()

    assert result.status == "FAILED", result.describe()
    assert REPLACED in result.cause
    assert table_location(modes, REPLACED) == before_location
    assert modes.objects(REPLACED) == before  # the failed run's partial file is gone too
    ctas = [s for s in modes.athena.starts if s.query.startswith("CREATE TABLE")]
    staging = ctas[-1].query.split()[2]
    assert f"runs/{staging.rsplit('__staging_', 1)[1]}/" in ctas[-1].query  # its own folder, now empty
    assert any(s.query == f"DROP TABLE IF EXISTS {staging}" for s in modes.athena.starts), staging
    assert not [t for t in modes.athena.targets if "__staging_" in t]


def test_a_previous_copy_of_more_than_a_thousand_objects_is_deleted(modes):
    first = modes.run()
    assert first.status == "SUCCEEDED", first.describe()
    location = table_location(modes, REPLACED)
    bucket, _, prefix = location[len("s3://"):].partition("/")
    for i in range(1100):
        modes.harness.s3.put_object(Bucket=bucket, Key=f"{prefix}extra_{i:05d}", Body=b"9,old\n")

    result = modes.run()

    assert result.status == "SUCCEEDED", result.describe()
    assert modes.harness.objects_under(location) == {}
    entered = [e["stateEnteredEventDetails"]["name"] for e in result.history if e["type"].endswith("StateEntered")]
    assert entered.count("ListMorePreviousCopy") == 4  # 1,101 objects: five pages of 250
    assert list(modes.objects(REPLACED).values()) == ["1,sales-one\n2,sales-two\n"]


def test_every_rendered_statement_parses_as_athena_sql():
    import json, pathlib
    template = json.loads((pathlib.Path(__file__).resolve().parents[1] / "CrossAccountGlueTests" / "Fixtures" / "snapshots"
                           / "copy-modes" / "target-stack.json").read_text())
    machine = next(r for r in template["Resources"].values() if r["Type"] == "AWS::StepFunctions::StateMachine")
    states = machine["Properties"]["Definition"]["States"]["CopyTables"]["ItemProcessor"]["States"]
    example = {"$.run.staging": "db.t__staging_0123456789abcdef0123456789abcdef",
               "$.run.location": "s3://bucket/t/runs/0123456789abcdef0123456789abcdef/",
               "$.columns": '"id", "date"', "$.source": "source_catalog.db.s", "$.target": "db.t"}
    for name in ["StageCopy", "SwitchTable", "DropStaging", "DropFailedStaging", "CopyTable"]:
        if "', " not in states[name]["Parameters"]["QueryString.$"]:
            continue
        template = states[name]["Parameters"]["QueryString.$"]
        fmt, _, args = template[len("States.Format('"):].rpartition("', ")
        sql = fmt.replace("\\'", "'")
        for arg in args.rstrip(")").split(", "):
            sql = sql.replace("{}", example[arg], 1)
        parsed = sqlglot.parse(sql, read="athena")
        assert parsed and parsed[0] is not None, (name, sql)
