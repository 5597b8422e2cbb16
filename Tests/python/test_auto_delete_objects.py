"""Behaviour of the Custom::S3AutoDeleteObjects Lambda handler, run against moto's S3.

See conftest.py for how the handler source is loaded (its .py file) and how the
CloudFormation answer is captured; test_template_embeds_handler.py checks the template.
"""

import urllib.error
import urllib.request

import boto3
import pytest
from botocore.exceptions import ClientError

from conftest import (
    REGION,
    FakeContext,
    handler_source,
)

AUTO_DELETE_TAG = {"Key": "aws-cdk:auto-delete-objects", "Value": "true"}
OTHER_TAG = {"Key": "project", "Value": "cm-kasama-cross-account"}
BUCKET = "cm-kasama-cross-account-dev-target-data"


# -- helpers ----------------------------------------------------------------------


def make_bucket(s3, name, tags=(AUTO_DELETE_TAG,), versioned=False, keys=()):
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    if versioned:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    if tags:
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": list(tags)})
    for key in keys:
        s3.put_object(Bucket=name, Key=key, Body=key.encode())
    return name


def contents(s3, bucket):
    """(versions, delete markers) left in the bucket, read through every page."""
    versions, markers = [], []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        versions += [(v["Key"], v["VersionId"]) for v in page.get("Versions", [])]
        markers += [(m["Key"], m["VersionId"]) for m in page.get("DeleteMarkers", [])]
    return versions, markers


def fill_versioned(s3, bucket):
    """More than 1,000 versions: many versions per key, delete markers, plain objects."""
    for round_ in range(24):
        for k in range(50):
            s3.put_object(Bucket=bucket, Key=f"data/part-{k:02d}.csv", Body=f"{round_}".encode())
    for k in range(0, 50, 5):  # a delete marker on top of 10 keys
        s3.delete_object(Bucket=bucket, Key=f"data/part-{k:02d}.csv")
    # A key deleted twice: two markers. (moto adds no marker for a key that never
    # existed, unlike S3, so the key is written first.)
    s3.put_object(Bucket=bucket, Key="gone.txt", Body=b"x")
    for _ in range(2):
        s3.delete_object(Bucket=bucket, Key="gone.txt")
    for name in ("a.txt", "nested/b.json", "nested/deeper/c.parquet"):
        s3.put_object(Bucket=bucket, Key=name, Body=b"x")
    versions, markers = contents(s3, bucket)
    assert len(versions) == 24 * 50 + 1 + 3
    assert len(markers) == 10 + 2
    return versions, markers


@pytest.fixture
def s3_spy(monkeypatch):
    """Records the handler's DeleteObjects batches; can make chosen S3 calls fail."""
    spy = type("Spy", (), {})()
    spy.batches, spy.clients, spy.deny = [], [], set()
    real_client = boto3.client

    def record(params, **kwargs):
        spy.batches.append(params["Delete"])

    def deny(model, **kwargs):
        if model.name in spy.deny:
            raise ClientError(
                {"Error": {"Code": "AccessDenied", "Message": "Access Denied"}}, model.name
            )

    def client(*args, **kwargs):
        c = real_client(*args, **kwargs)
        c.meta.events.register("provide-client-params.s3.DeleteObjects", record)
        c.meta.events.register("before-call.s3.*", deny)
        spy.clients.append(c)
        return c

    monkeypatch.setattr(boto3, "client", client)
    return spy


# -- the source that CloudFormation runs -------------------------------------------


def test_handler_source_fits_the_inline_zipfile_limit():
    source, origin = handler_source()
    assert len(source) <= 4096, f"{origin}: {len(source)} characters, the limit is 4,096"
    # ASCII keeps characters, bytes and the JSON-escaped form in step.
    assert source.isascii(), f"{origin} has non-ASCII characters"
    assert source == source.strip() + "\n", f"{origin} should end with one newline"


def test_loading_the_handler_creates_no_aws_client(monkeypatch):
    from conftest import load_handler_module

    def no_client(*args, **kwargs):
        raise AssertionError("boto3 client created at import time")

    monkeypatch.setattr(boto3, "client", no_client)
    monkeypatch.setattr(boto3, "resource", no_client)
    module = load_handler_module()
    assert callable(module.handler)


# -- Delete -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page_size",
    [None, "100", "5000"],
    ids=["S3-pages-of-1000", "pages-of-100", "one-page-of-all"],
)
def test_delete_empties_a_tagged_versioned_bucket_in_batches(
    s3, invoke, make_event, context, s3_spy, monkeypatch, page_size
):
    # moto lists MOTO_S3_DEFAULT_MAX_KEYS entries a page (S3: 1,000): pages of 100
    # need many rounds, one page of all needs the handler to split its batches.
    if page_size:
        monkeypatch.setenv("MOTO_S3_DEFAULT_MAX_KEYS", page_size)
    make_bucket(s3, BUCKET, versioned=True)
    versions, markers = fill_versioned(s3, BUCKET)

    body = invoke(make_event("Delete", BUCKET), context)

    assert body["Status"] == "SUCCESS", body["Reason"]
    assert body["PhysicalResourceId"] == BUCKET
    listing = s3.list_object_versions(Bucket=BUCKET)
    assert "Versions" not in listing and "DeleteMarkers" not in listing
    # Batches of at most 1,000, quiet, and together exactly what was there.
    assert len(s3_spy.batches) >= 2
    assert all(0 < len(b["Objects"]) <= 1000 and b["Quiet"] is True for b in s3_spy.batches)
    deleted = [(o["Key"], o["VersionId"]) for b in s3_spy.batches for o in b["Objects"]]
    assert sorted(deleted) == sorted(versions + markers)
    # The point of it all: CloudFormation can now delete the bucket.
    s3.delete_bucket(Bucket=BUCKET)


def test_delete_empties_an_unversioned_tagged_bucket(s3, invoke, make_event, context):
    make_bucket(s3, BUCKET, tags=(OTHER_TAG, AUTO_DELETE_TAG), keys=("a", "b/c", "d e"))

    body = invoke(make_event("Delete", BUCKET), context)

    assert body["Status"] == "SUCCESS", body["Reason"]
    assert contents(s3, BUCKET) == ([], [])


@pytest.mark.parametrize(
    "tags",
    [
        (),
        (OTHER_TAG,),
        ({"Key": "aws-cdk:auto-delete-objects", "Value": "false"},),
        ({"Key": "aws-cdk:auto-delete-objects", "Value": "True"},),
        ({"Key": "aws-cdk:auto-delete-objects", "Value": ""},),
        ({"Key": "aws-cdk:auto-delete-objects-x", "Value": "true"},),
    ],
    ids=["no-tags", "other-tag", "false", "True", "empty", "other-key"],
)
def test_delete_leaves_a_bucket_without_the_tag_alone(
    s3, invoke, make_event, context, tags, s3_spy
):
    make_bucket(s3, BUCKET, tags=tags, versioned=True, keys=("a", "a", "b"))
    before = contents(s3, BUCKET)

    body = invoke(make_event("Delete", BUCKET), context)

    assert body["Status"] == "SUCCESS", body["Reason"]
    assert contents(s3, BUCKET) == before and len(before[0]) == 3
    assert s3_spy.batches == []


def test_delete_of_a_bucket_that_no_longer_exists_succeeds(s3, invoke, make_event, context):
    body = invoke(make_event("Delete", "already-deleted-bucket"), context)

    assert body["Status"] == "SUCCESS", body["Reason"]
    assert body["PhysicalResourceId"] == "already-deleted-bucket"


def test_delete_echoes_the_physical_id_of_the_request(s3, invoke, make_event, context):
    make_bucket(s3, BUCKET, keys=("a",))
    event = make_event("Delete", BUCKET, physical_id="d8a2c6f0-legacy-physical-id")

    body = invoke(event, context)

    assert body["Status"] == "SUCCESS", body["Reason"]
    assert body["PhysicalResourceId"] == "d8a2c6f0-legacy-physical-id"


def test_delete_without_a_bucket_name_fails(s3, invoke, make_event, context):
    event = make_event("Delete", BUCKET)
    del event["ResourceProperties"]["BucketName"]

    body = invoke(event, context)

    assert body["Status"] == "FAILED"
    assert "BucketName" in body["Reason"]


# -- Create and Update ---------------------------------------------------------------


def test_create_deletes_nothing(s3, invoke, make_event, context, s3_spy):
    make_bucket(s3, BUCKET, keys=("a", "b"))

    body = invoke(make_event("Create", BUCKET), context)

    assert body["Status"] == "SUCCESS", body["Reason"]
    assert body["PhysicalResourceId"] == BUCKET
    assert len(contents(s3, BUCKET)[0]) == 2
    assert s3_spy.clients == [] or s3_spy.batches == []


def test_update_keeping_the_bucket_deletes_nothing(s3, invoke, make_event, context, s3_spy):
    make_bucket(s3, BUCKET, keys=("a", "b"))

    body = invoke(make_event("Update", BUCKET, old_bucket=BUCKET), context)

    assert body["Status"] == "SUCCESS", body["Reason"]
    assert body["PhysicalResourceId"] == BUCKET
    assert len(contents(s3, BUCKET)[0]) == 2
    assert s3_spy.batches == []


def test_update_to_a_new_bucket_empties_only_the_old_one(s3, invoke, make_event, context):
    old, new = f"{BUCKET}-old", f"{BUCKET}-new"
    make_bucket(s3, old, versioned=True, keys=("a", "a", "b"))
    s3.delete_object(Bucket=old, Key="b")
    make_bucket(s3, new, versioned=True, keys=("a", "c"))

    body = invoke(make_event("Update", new, old_bucket=old, physical_id=old), context)

    assert body["Status"] == "SUCCESS", body["Reason"]
    assert body["PhysicalResourceId"] == old, "an Update must keep the physical id"
    assert contents(s3, old) == ([], [])
    assert sorted(k for k, _ in contents(s3, new)[0]) == ["a", "c"]


def test_update_to_a_new_bucket_leaves_an_untagged_old_one_alone(
    s3, invoke, make_event, context
):
    old, new = f"{BUCKET}-old", f"{BUCKET}-new"
    make_bucket(s3, old, tags=(OTHER_TAG,), keys=("a",))
    make_bucket(s3, new, keys=("c",))

    body = invoke(make_event("Update", new, old_bucket=old, physical_id=old), context)

    assert body["Status"] == "SUCCESS", body["Reason"]
    assert len(contents(s3, old)[0]) == 1
    assert len(contents(s3, new)[0]) == 1


def test_update_from_a_bucket_already_gone_succeeds(s3, invoke, make_event, context):
    make_bucket(s3, BUCKET, keys=("a",))

    body = invoke(make_event("Update", BUCKET, old_bucket="gone-bucket"), context)

    assert body["Status"] == "SUCCESS", body["Reason"]
    assert len(contents(s3, BUCKET)[0]) == 1


# -- failures are answered, never raised ----------------------------------------------


@pytest.mark.parametrize("operation", ["DeleteObjects", "GetBucketTagging", "ListObjectVersions"])
def test_an_s3_error_is_answered_failed(s3, invoke, make_event, context, s3_spy, operation):
    make_bucket(s3, BUCKET, keys=("a", "b"))
    s3_spy.deny.add(operation)

    body = invoke(make_event("Delete", BUCKET), context)

    assert body["Status"] == "FAILED"
    assert "AccessDenied" in body["Reason"] and operation in body["Reason"]
    assert len(contents(s3, BUCKET)[0]) == 2


def test_versions_that_s3_refuses_to_delete_are_answered_failed(
    s3, invoke, make_event, context, s3_spy, monkeypatch
):
    make_bucket(s3, BUCKET, keys=("locked.csv",))
    real_client = boto3.client

    def client(*args, **kwargs):
        c = real_client(*args, **kwargs)

        def refuse(Bucket, Delete):  # noqa: N803 (boto3 parameter names)
            return {
                "Errors": [
                    {"Key": o["Key"], "VersionId": o["VersionId"], "Code": "AccessDenied",
                     "Message": "Access Denied because object protected by object lock."}
                    for o in Delete["Objects"]
                ]
            }

        c.delete_objects = refuse
        return c

    monkeypatch.setattr(boto3, "client", client)

    body = invoke(make_event("Delete", BUCKET), context)

    assert body["Status"] == "FAILED"
    assert "locked.csv" in body["Reason"] and "AccessDenied" in body["Reason"]


def test_low_remaining_time_answers_failed_before_deleting(s3, invoke, make_event, s3_spy):
    make_bucket(s3, BUCKET, keys=("a", "b"))
    context = FakeContext(59_000)

    body = invoke(make_event("Delete", BUCKET), context)

    assert body["Status"] == "FAILED"
    assert "timeout" in body["Reason"].lower()
    assert context.calls >= 1
    assert s3_spy.batches == []
    assert len(contents(s3, BUCKET)[0]) == 2


def test_time_is_checked_between_batches(s3, invoke, make_event, s3_spy):
    make_bucket(s3, BUCKET, versioned=True)
    versions, markers = fill_versioned(s3, BUCKET)
    context = FakeContext(900_000, 30_000)  # plenty for one batch, then too little

    body = invoke(make_event("Delete", BUCKET), context)

    assert body["Status"] == "FAILED"
    assert "timeout" in body["Reason"].lower()
    assert len(s3_spy.batches) == 1
    left_versions, left_markers = contents(s3, BUCKET)
    done = len(s3_spy.batches[0]["Objects"])
    assert len(left_versions) + len(left_markers) == len(versions) + len(markers) - done > 0


def test_a_failing_client_creation_is_answered_failed(invoke, make_event, context, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no credentials in this sandbox")

    monkeypatch.setattr(boto3, "client", broken)

    body = invoke(make_event("Delete", BUCKET), context)

    assert body["Status"] == "FAILED"
    assert "no credentials in this sandbox" in body["Reason"]


@pytest.mark.parametrize("request_type", ["Create", "Update", "Delete", "Bogus"])
def test_a_failing_answer_does_not_raise(s3, index, make_event, context, monkeypatch, request_type):
    make_bucket(s3, BUCKET, keys=("a",))
    attempts = []

    def unreachable(request, *args, **kwargs):
        attempts.append(request)
        raise urllib.error.URLError("network unreachable")

    monkeypatch.setattr(urllib.request, "urlopen", unreachable)

    assert index.handler(make_event(request_type, BUCKET, old_bucket=BUCKET), context) is None
    assert len(attempts) == 1


def test_an_unknown_request_type_deletes_nothing(s3, invoke, make_event, context, s3_spy):
    make_bucket(s3, BUCKET, keys=("a",))

    body = invoke(make_event("Bogus", BUCKET), context)

    assert body["Status"] == "SUCCESS"
    assert s3_spy.batches == []
    assert len(contents(s3, BUCKET)[0]) == 1


def test_the_answer_goes_through_send_response(s3, index, make_event, context, monkeypatch):
    # The sending is one module-level function, so it can be replaced or reused.
    captured = []
    monkeypatch.setattr(index, "send_response", lambda *a: captured.append(a))
    event = make_event("Create", BUCKET)

    index.handler(event, context)

    assert captured == [(event, "SUCCESS", captured[0][2])]
