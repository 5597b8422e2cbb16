"""Issue 11's table formats on moto: the formats snapshot (scripts/verify_configs/formats.json)
replaces a Parquet table and a text table, whose CTAS each write the table's own format, and
appends a partitioned Parquet table and a partitioned text table with INSERT INTO, a page of
partitions at a time."""

PARQUET = "fmt_copy_target_db.customers_copy"
TEXT = "fmt_copy_target_db.events_copy"
APPENDED = ["fmt_copy_target_db.orders_copy", "fmt_copy_target_db.visits_copy"]


def ctas_of(formats, target):
    staging = [t for t in formats.athena.created if t.startswith(target + "__staging_")]
    assert len(staging) == 1, (target, formats.athena.created)
    return formats.athena.ctas_properties[staging[0]]


def test_a_replaced_parquet_table_is_written_as_parquet_and_a_text_table_as_text(formats):
    result = formats.run()

    assert result.status == "SUCCEEDED", result.describe()
    parquet = ctas_of(formats, PARQUET)
    assert parquet["format"] == "PARQUET" and parquet["write_compression"] == "SNAPPY", parquet
    assert "field_delimiter" not in parquet
    text = ctas_of(formats, TEXT)
    assert text["format"] == "TEXTFILE" and text["field_delimiter"] == ",", text
    assert "write_compression" not in text
    for target in (PARQUET, TEXT):
        assert ctas_of(formats, target)["external_location"].startswith(formats.location(target) + "runs/")


def test_appended_tables_keep_insert_into_whatever_their_format(formats):
    result = formats.run()

    assert result.status == "SUCCEEDED", result.describe()
    for target in APPENDED:
        # Partitioned: one INSERT INTO … WHERE per page of at most 100 partitions (here one).
        starts = formats.athena.starts_for(target)
        assert [s.query.split()[0:2] for s in starts] == [["INSERT", "INTO"]], starts
        assert " WHERE " in starts[0].query, starts[0].query
        assert formats.objects(target), target


def test_a_ctas_with_properties_the_state_machine_never_renders_is_not_modelled():
    from athena_shim import FakeAthenaEngine

    parse = FakeAthenaEngine._parse_any
    good = "CREATE TABLE d.t__staging_1 WITH (external_location = 's3://b/t/runs/1/', {}) AS SELECT * FROM c.d.s"
    assert parse(good.format("format = 'PARQUET', write_compression = 'ZSTD'")).kind == "ctas"
    assert parse(good.format("format = 'TEXTFILE', field_delimiter = ','")).kind == "ctas"
    for wrong in ["format = 'ORC'", "format = 'PARQUET', field_delimiter = ','", "format = 'TEXTFILE', write_compression = 'LZ4'",
                  "format = 'PARQUET', write_compression = 'LZO'", "format = 'PARQUET', format = 'PARQUET'"]:
        assert parse(good.format(wrong)).kind == "insert", wrong  # not a CTAS the shim runs: the query fails
