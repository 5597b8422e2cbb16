"""The seed state machine (templates/target-stack.json): one .sync Athena task."""

import json

import pytest

from moto_patches import expected_delays


def test_seed_copies_the_table(seed):
    (job,) = seed.jobs
    result = seed.run()
    assert result.status == "SUCCEEDED", result.describe()
    objects = seed.objects(job["target"])
    assert list(objects.values()) == ["1,sales-one\n2,sales-two\n"], objects
    (start,) = seed.athena.starts
    assert start.error is None
    # The task's result is GetQueryExecution's, as the .sync integration returns it.
    assert result.output["QueryExecution"]["Status"]["State"] == "SUCCEEDED"
    assert result.output["QueryExecution"]["QueryExecutionId"] == start.query_execution_id
    # .sync polled GetQueryExecution until the query was terminal.
    assert [state for _, state in seed.athena.polls] == ["RUNNING", "SUCCEEDED"]


def seed_retrier(seed) -> dict:
    (retrier,) = seed.asl["States"]["ExecuteInsertQuery"]["Retry"]
    return retrier


def test_seed_retries_a_throttled_start(seed):
    (job,) = seed.jobs
    seed.athena.fail_starts(job["target"], "TooManyRequestsException", times=2)
    result = seed.run()
    assert result.status == "SUCCEEDED", result.describe()
    assert [s.error for s in seed.athena.starts] == ["TooManyRequestsException"] * 2 + [None]
    assert [w.ceiling for w in seed.waits.waits] == expected_delays(seed_retrier(seed), 2)
    assert all(0 <= w.slept <= w.ceiling for w in seed.waits.waits)
    assert len(seed.objects(job["target"])) == 1


def test_seed_fails_after_max_attempts(seed):
    # No Catch in the seed: the last throttle fails the execution with Athena's error.
    (job,) = seed.jobs
    max_attempts = seed_retrier(seed)["MaxAttempts"]
    seed.athena.fail_starts(job["target"], "TooManyRequestsException", times=max_attempts + 1)
    result = seed.run()
    assert result.status == "FAILED", result.describe()
    assert result.error == "Athena.TooManyRequestsException"
    assert len(seed.athena.starts) == max_attempts + 1
    assert len(seed.waits.waits) == max_attempts
    assert seed.objects(job["target"]) == {}


@pytest.mark.parametrize("state", ["FAILED", "CANCELLED"])
def test_seed_query_that_does_not_succeed_fails_the_task(seed, state):
    (job,) = seed.jobs
    seed.athena.fail_query(job["target"], state)
    result = seed.run()
    assert result.status == "FAILED", result.describe()
    assert result.error == "States.TaskFailed"
    # The cause is the query execution as GetQueryExecution described it.
    assert json.loads(result.cause)["QueryExecution"]["Status"]["State"] == state
    assert len(seed.athena.starts) == 1 and seed.waits.waits == []
    assert seed.objects(job["target"]) == {}


def test_seed_failed_query_can_leave_partial_output(seed):
    # Athena does not delete what a failed INSERT INTO already wrote
    # (ctas-considerations-limitations); the engine can model that.
    (job,) = seed.jobs
    seed.athena.fail_query(job["target"], "FAILED", partial_rows=1)
    result = seed.run()
    assert result.error == "States.TaskFailed", result.describe()
    assert list(seed.objects(job["target"]).values()) == ["1,sales-one\n"]
