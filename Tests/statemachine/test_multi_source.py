"""The multi-source state machine: a Map copies each table with a .sync Athena task,
Summarize collects the failed ones, and the execution fails naming them.

The tables, their locations and the Retrier are read from the rendered template, so
these tests follow the synthesizer's output rather than a copy of it."""

import json

import pytest

from moto_patches import expected_delays


def retrier_for(asl: dict, error: str) -> dict:
    """The Retrier of the Map's Athena task that matches `error`."""
    task = asl["States"]["CopyTables"]["ItemProcessor"]["States"]["CopyTable"]
    return next(r for r in task["Retry"] if error in r["ErrorEquals"])


def expected_rows(job) -> str:
    short = job["source"].split(".")[-1]
    return f"1,{short}-one\n2,{short}-two\n"


def assert_copied(multi, job):
    objects = multi.objects(job["target"])
    assert list(objects.values()) == [expected_rows(job)], (job, objects)


def assert_waits_follow_retrier(multi, job, error, retries):
    retrier = retrier_for(multi.asl, error)
    waits = [w for w in multi.waits.waits if w.item == job]
    assert [w.state for w in waits] == ["CopyTable"] * retries
    # IntervalSeconds x BackoffRate^n capped at MaxDelaySeconds; with JitterStrategy FULL
    # the wait is drawn from [0, that delay].
    assert [w.ceiling for w in waits] == expected_delays(retrier, retries)
    if retrier.get("JitterStrategy") == "FULL":
        assert all(0 <= w.slept <= w.ceiling for w in waits), waits
    else:
        assert [w.slept for w in waits] == [w.ceiling for w in waits]


def test_every_table_is_copied(multi):
    assert len(multi.jobs) >= 2
    result = multi.run()
    assert result.status == "SUCCEEDED", result.describe()
    for job in multi.jobs:
        assert_copied(multi, job)
    assert len(multi.athena.starts) == len(multi.jobs)
    assert multi.waits.waits == []


def test_no_failures_summarize_to_an_empty_list(multi):
    # AWS evaluates a filter that matches nothing to []; without the harness's emulation
    # moto fails Summarize with States.Runtime (getmoto/moto#10078, see the next test).
    result = multi.run()
    assert result.status == "SUCCEEDED", result.describe()
    summary = result.state_output("Summarize")
    assert summary["failed"] == []
    assert result.state_output("CountFailures")["failedCount"] == 0
    assert [e["stateEnteredEventDetails"]["name"] for e in result.events("SucceedStateEntered")] == ["AllTablesCopied"]


@pytest.mark.moto_jsonpath
def test_moto_alone_raises_on_an_empty_filter(multi):
    # Documents why the emulation exists: if this starts passing as SUCCEEDED, moto has
    # fixed getmoto/moto#10078 and moto_patches.emulate_aws_empty_filter can go.
    result = multi.run()
    assert result.status == "FAILED"
    assert result.error == "States.Runtime"
    assert "[?(@.status == 'FAILED')]" in result.cause


def test_one_failed_query_fails_the_execution_and_keeps_the_others(multi):
    failed, *others = multi.jobs[1:2] + multi.jobs[:1] + multi.jobs[2:]
    previous = multi.harness.put_object(multi.location(failed["target"]), "previous-run_00000", "9,old\n")
    multi.athena.fail_query(failed["target"], "FAILED", reason="HIVE_BAD_DATA (programmed)")

    result = multi.run()

    assert result.status == "FAILED", result.describe()
    assert result.error == "TablesFailed"
    assert failed["target"] in result.cause
    assert result.cause == f'1 table(s) failed, among them: {json.dumps([failed["target"]], separators=(",", ":"))}'
    for job in others:
        assert_copied(multi, job)
    # The failed table keeps its previous data and gains nothing.
    assert multi.objects(failed["target"]) == {previous: "9,old\n"}
    # The query FAILED, so the task failed with States.TaskFailed (not retried: the
    # Retrier names Athena's API errors only) and the Catch reported it.
    assert len(multi.athena.starts_for(failed["target"])) == 1
    tables = result.state_output("CountFailures")["tables"]
    assert {"table": failed["target"], "status": "FAILED", "error": "States.TaskFailed"} in tables


@pytest.mark.parametrize("error", ["TooManyRequestsException", "InternalServerException"])
def test_retried_start_errors_then_success(multi, error):
    job = multi.jobs[0]
    multi.athena.fail_starts(job["target"], error, times=2)

    result = multi.run()

    assert result.status == "SUCCEEDED", result.describe()
    starts = multi.athena.starts_for(job["target"])
    assert [s.error for s in starts] == [error, error, None]
    for other in multi.jobs:
        assert_copied(multi, other)
    assert_waits_follow_retrier(multi, job, f"Athena.{error}", retries=2)
    assert [e["taskFailedEventDetails"]["error"] for e in result.events("TaskFailed")] == [f"Athena.{error}"] * 2


def test_error_outside_the_retrier_is_not_retried(multi):
    job = multi.jobs[-1]
    task = multi.asl["States"]["CopyTables"]["ItemProcessor"]["States"]["CopyTable"]
    assert all("Athena.InvalidRequestException" not in r["ErrorEquals"] for r in task["Retry"])
    multi.athena.fail_starts(job["target"], "InvalidRequestException", times=1)

    result = multi.run()

    assert result.status == "FAILED", result.describe()
    assert result.error == "TablesFailed"
    assert job["target"] in result.cause
    assert len(multi.athena.starts_for(job["target"])) == 1
    assert [w for w in multi.waits.waits if w.item == job] == []
    tables = result.state_output("CountFailures")["tables"]
    assert {"table": job["target"], "status": "FAILED", "error": "Athena.InvalidRequestException"} in tables
    for other in multi.jobs[:-1]:
        assert_copied(multi, other)


def test_more_throttles_than_max_attempts_fail_the_table(multi):
    job = multi.jobs[0]
    retrier = retrier_for(multi.asl, "Athena.TooManyRequestsException")
    max_attempts = retrier.get("MaxAttempts", 3)
    multi.athena.fail_starts(job["target"], "TooManyRequestsException", times=max_attempts + 1)

    result = multi.run()

    assert result.status == "FAILED", result.describe()
    assert result.error == "TablesFailed"
    assert job["target"] in result.cause
    # The first attempt and MaxAttempts retries, all throttled.
    assert [s.error for s in multi.athena.starts_for(job["target"])] == ["TooManyRequestsException"] * (max_attempts + 1)
    assert_waits_follow_retrier(multi, job, "Athena.TooManyRequestsException", retries=max_attempts)
    tables = result.state_output("CountFailures")["tables"]
    assert {"table": job["target"], "status": "FAILED", "error": "Athena.TooManyRequestsException"} in tables
    assert multi.objects(job["target"]) == {}


def test_a_second_run_appends_a_second_copy(multi):
    # INSERT INTO appends (Athena docs: insert-into, ctas-considerations-limitations):
    # today every run adds one more object per table, so two runs hold the rows twice.
    # A later issue adds replace / partition modes; this test pins the current behaviour.
    for _ in range(2):
        result = multi.run()
        assert result.status == "SUCCEEDED", result.describe()
    for job in multi.jobs:
        objects = multi.objects(job["target"])
        assert len(objects) == 2, objects
        assert set(objects.values()) == {expected_rows(job)}
