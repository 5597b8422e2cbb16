"""The pipeline's overlap check: a run started while another execution of the same state
machine is RUNNING fails at once with AnotherRunInProgress and copies nothing; a lone run
goes on to copy. The first run is held inside its first StartQueryExecution (athena_shim's
hold_starts), so it is RUNNING when the second starts."""

import json
import time
import uuid


def start(multi) -> str:
    return multi.harness.sfn.start_execution(
        stateMachineArn=multi.arn, name=f"run-{uuid.uuid4().hex[:12]}", input="{}")["executionArn"]


def wait_for_end(multi, arn: str, timeout: float = 30.0) -> dict:
    started = time.monotonic()
    while (d := multi.harness.sfn.describe_execution(executionArn=arn))["status"] == "RUNNING":
        assert time.monotonic() - started < timeout, f"{arn} still RUNNING"
        time.sleep(0.02)
    return d


def test_the_guard_runs_first(multi):
    assert multi.asl["StartAt"] == "ListRunningExecutions"
    assert multi.asl["States"]["IsAnotherRunInProgress"]["Default"] == "ListCopyJobs"


def test_a_lone_run_passes_the_check_and_copies(multi):
    result = multi.run()
    assert result.status == "SUCCEEDED", result.describe()
    check = result.state_output("CountOtherRuns")["overlapCheck"]
    assert check == {"running": [result.arn], "count": 1, "includesThisRun": True}
    assert len(multi.athena.starts) == len(multi.jobs)


def test_a_second_run_while_one_is_running_fails_without_copying(multi):
    reached, release = multi.athena.hold_starts()
    first = start(multi)
    try:
        assert reached.wait(timeout=10), "the first run never reached Athena"
        assert multi.harness.sfn.describe_execution(executionArn=first)["status"] == "RUNNING"
        second = multi.run()
    finally:
        release.set()
    assert second.status == "FAILED", second.describe()
    assert second.error == "AnotherRunInProgress"
    assert "Another execution of this state machine is running" in second.cause
    assert first in second.cause  # the cause names the run in progress
    assert not second.events("MapStateEntered"), "the second run must not reach the copy"
    check = second.state_output("CountOtherRuns")["overlapCheck"]
    assert check["count"] == 2 and check["includesThisRun"] is True

    done = wait_for_end(multi, first)
    assert done["status"] == "SUCCEEDED", done
    # Only the first run copied: one start per table.
    assert len([s for s in multi.athena.starts if s.error is None]) == len(multi.jobs)
    for job in multi.jobs:
        objects = multi.objects(job["target"])
        assert len(objects) == 1, (job, objects)


def test_a_run_not_yet_listed_still_sees_another(multi):
    # ListExecutions may lag behind StartExecution: when this run is not in the list,
    # any listed execution is another one.
    asl = multi.asl
    choice = asl["States"]["IsAnotherRunInProgress"]["Choices"][0]["Or"]
    assert {"Variable": "$.overlapCheck.includesThisRun", "BooleanEquals": False} in choice[1]["And"]
    assert {"Variable": "$.overlapCheck.count", "NumericGreaterThan": 0} in choice[1]["And"]
