"""The seed state machine (templates/target-stack.json): one .sync Athena task."""


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
