"""scripts/verify_configs/everything.json on moto: every option at once, and every copy mode in
one Map: `orders` (partitioned Parquet, partitions mode), `customer_master` (Parquet, replace,
the pipeline's default), `visits` (partitioned text, append), `sales_eu` (partitioned, replace,
from a second account with its own catalog name) and `events_copy` (append)."""

DB = "all_copy_target_db"
PARTITIONS, REPLACED, PARTITIONED_APPEND, PARTITIONED_REPLACED, APPENDED = (
    f"{DB}.orders_copy", f"{DB}.customer_master", f"{DB}.visits_copy", f"{DB}.sales_eu", f"{DB}.events_copy")


def kinds(everything, target):
    return [s.query.split()[0] for s in everything.athena.starts_for(target) if s.error is None]


def test_every_table_is_copied_in_its_own_mode(everything):
    result = everything.run()

    assert result.status == "SUCCEEDED", result.describe()
    assert kinds(everything, APPENDED) == ["INSERT"]
    assert kinds(everything, PARTITIONED_APPEND) == ["INSERT"], "one page of partitions"
    assert "CREATE" in kinds(everything, REPLACED) and "ALTER" in kinds(everything, REPLACED)
    for staged in (PARTITIONS, PARTITIONED_REPLACED):
        assert kinds(everything, staged)[0] == "CREATE", (staged, kinds(everything, staged))
    for target in (PARTITIONS, REPLACED, PARTITIONED_APPEND, PARTITIONED_REPLACED, APPENDED):
        assert everything.objects(target), target


def test_a_second_run_copies_no_partition_twice_and_replaces_the_rest(everything):
    assert everything.run().status == "SUCCEEDED"
    before = kinds(everything, PARTITIONS)
    result = everything.run()

    assert result.status == "SUCCEEDED", result.describe()
    assert kinds(everything, PARTITIONS) == before, "the partitions mode finds nothing missing"
    assert kinds(everything, APPENDED) == ["INSERT", "INSERT"], "append appends again"
