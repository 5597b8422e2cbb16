"""The Distributed Map form (a pipeline over the inline Map's quotas), run on moto's
interpreter with distributed_map_shim.py's emulation of ToleratedFailureCount and the
ResultWriter's files.

The template and job list come from a real synth of scripts/verify_configs/make_scale.py's
config with 1,200 tables from 120 accounts (the smallest scale that goes distributed is 1,136
tables). The job list is uploaded where the deploy plan puts it; the failure tests upload a
few of its jobs under the same key, so the rendered definition runs on a short list."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

import distributed_map_shim
from conftest import ROOT, Deployed, rows_for
from cfn import Template, target_table_locations
from harness import StateMachineHarness

TABLES_PER_ACCOUNT = 10
ACCOUNTS = 120


def synth(out: pathlib.Path, *context: str) -> pathlib.Path:
    config = out / "scale.json"
    subprocess.run([sys.executable, str(ROOT / "scripts/verify_configs/make_scale.py"), str(config),
                    "--accounts", str(ACCOUNTS), "--tables-per-account", str(TABLES_PER_ACCOUNT)], check=True)
    binary = os.environ.get("SYNTH") or str(ROOT / ".build/debug/synth")
    command = [binary] if pathlib.Path(binary).exists() else ["swift", "run", "--package-path", str(ROOT), "synth"]
    args = [*command, "--config", str(config), "--out", str(out / "templates"), "--quiet"]
    for setting in context:
        args += ["--context", setting]
    subprocess.run(args, check=True, cwd=ROOT)
    return out / "templates"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> pathlib.Path:
    return synth(tmp_path_factory.mktemp("distributed"))


@pytest.fixture(scope="module")
def rendered_tolerant(tmp_path_factory) -> pathlib.Path:
    return synth(tmp_path_factory.mktemp("distributed-tolerant"), "toleratedFailureCount=1")


def deploy(templates: pathlib.Path, athena, waits, monkeypatch, jobs: int | None = None) -> Deployed:
    distributed_map_shim.install(monkeypatch)
    template = Template.load(templates / "target-stack.json")
    monkeypatch.setenv("MOTO_ACCOUNT_ID", template.account)
    harness = StateMachineHarness(template)
    harness.provision()
    locations = target_table_locations(template)
    for table, location in locations.items():
        athena.add_target(table, location)
    job_list = json.loads((templates / "job-list.json").read_text())
    reader = template.state_machine().asl["States"]["CopyTables"]["ItemReader"]["Parameters"]
    # What deploy-plan.sh's "Upload the job list" step does (or a few of its jobs).
    chosen = job_list if jobs is None else job_list[:jobs]
    harness.s3.put_object(Bucket=reader["Bucket"], Key=reader["Key"], Body=json.dumps(chosen).encode())
    for job in chosen:
        athena.add_source(job["source"], rows_for(job["source"]))
    arn = harness.create_state_machine()
    return Deployed(template, harness, athena, waits, arn, chosen, locations)


def results(deployed: Deployed, result) -> dict[str, list[dict]]:
    details = result.output["copy"]["ResultWriterDetails"]
    s3 = deployed.harness.s3
    manifest = json.loads(s3.get_object(Bucket=details["Bucket"], Key=details["Key"])["Body"].read())
    return {status: [entry for f in files for entry in json.loads(s3.get_object(Bucket=details["Bucket"], Key=f["Key"])["Body"].read())]
            for status, files in manifest["ResultFiles"].items()}


def test_the_rendered_definition_is_a_distributed_map_reading_the_uploaded_job_list(rendered):
    asl = Template.load(rendered / "target-stack.json").state_machine().asl
    copy = asl["States"]["CopyTables"]
    assert copy["ItemProcessor"]["ProcessorConfig"] == {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}
    assert copy["ItemReader"]["Parameters"]["Key"].startswith("_pipeline/job-lists/")
    assert len(json.loads((rendered / "job-list.json").read_text())) == ACCOUNTS * TABLES_PER_ACCOUNT


def test_every_table_is_copied_in_its_own_child_and_the_outcomes_go_to_s3(rendered, moto_sfn, athena_engine, retry_waits, monkeypatch):
    deployed = deploy(rendered, athena_engine, retry_waits, monkeypatch)
    result = deployed.run(timeout=900)
    assert result.status == "SUCCEEDED", result.describe()
    print(f"\n{len(deployed.jobs)} tables on moto's interpreter: {result.seconds:.1f} s")
    assert len(athena_engine.starts) == len(deployed.jobs)
    for job in deployed.jobs[:: len(deployed.jobs) // 20]:
        objects = deployed.objects(job["target"])
        short = job["source"].split(".")[-1]
        assert list(objects.values()) == [f"1,{short}-one\n2,{short}-two\n"], job
    outcome = results(deployed, result)
    assert len(outcome["SUCCEEDED"]) == len(deployed.jobs)
    assert outcome["FAILED"] == []
    assert {json.loads(e["Output"])["table"] for e in outcome["SUCCEEDED"]} == {j["target"] for j in deployed.jobs}
    # The outcomes are below the pipeline's own prefix, never in a table's folder.
    assert result.output["copy"]["ResultWriterDetails"]["Key"].startswith("_pipeline/results/")


def test_a_failed_table_fails_its_child_and_the_execution_names_the_failure(rendered, moto_sfn, athena_engine, retry_waits, monkeypatch):
    deployed = deploy(rendered, athena_engine, retry_waits, monkeypatch, jobs=5)
    failing = deployed.jobs[2]["target"]
    athena_engine.fail_query(failing, reason="HIVE_BAD_DATA")
    result = deployed.run()
    assert result.status == "FAILED", result.describe()
    assert result.error == "TablesFailed"
    assert "States.ExceedToleratedFailureThreshold" in result.cause
    assert "_pipeline/results/" in result.cause
    children = next(iter(distributed_map_shim.outcomes.values()))
    failed = [c for c in children if c["Status"] == "FAILED"]
    assert [c["Error"] for c in failed] == ["TableCopyFailed"]
    assert failed[0]["Cause"] == f"{failing} failed: States.TaskFailed"
    # The other tables were copied all the same.
    assert sum(c["Status"] == "SUCCEEDED" for c in children) == 4


def test_a_tolerated_failure_lets_the_run_succeed_and_the_failed_file_names_the_table(rendered_tolerant, moto_sfn, athena_engine, retry_waits, monkeypatch):
    deployed = deploy(rendered_tolerant, athena_engine, retry_waits, monkeypatch, jobs=5)
    assert deployed.asl["States"]["CopyTables"]["ToleratedFailureCount"] == 1
    failing = deployed.jobs[0]["target"]
    athena_engine.fail_query(failing)
    result = deployed.run()
    assert result.status == "SUCCEEDED", result.describe()
    outcome = results(deployed, result)
    assert [e["Error"] for e in outcome["FAILED"]] == ["TableCopyFailed"]
    assert outcome["FAILED"][0]["Cause"].startswith(f"{failing} failed")
    assert len(outcome["SUCCEEDED"]) == 4


def test_transient_athena_errors_are_retried_inside_the_child(rendered, moto_sfn, athena_engine, retry_waits, monkeypatch):
    deployed = deploy(rendered, athena_engine, retry_waits, monkeypatch, jobs=3)
    athena_engine.fail_starts(deployed.jobs[1]["target"], "TooManyRequestsException", times=2)
    result = deployed.run()
    assert result.status == "SUCCEEDED", result.describe()
    assert len([w for w in retry_waits.waits if w.state == "CopyTable"]) == 2
