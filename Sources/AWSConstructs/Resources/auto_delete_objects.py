# Custom::S3AutoDeleteObjects, ported from the AWS CDK: Delete, or an Update that
# replaces the bucket, deletes every object version and delete marker of a bucket
# tagged aws-cdk:auto-delete-objects=true. It always answers CloudFormation, in
# time. Inlined as Code.ZipFile, so 4,096 characters at most.
import json
import logging
import urllib.request

import boto3
from botocore.exceptions import ClientError

TAG = {"Key": "aws-cdk:auto-delete-objects", "Value": "true"}
MIN_MS = 60000  # give up (FAILED) when less Lambda time than this remains

log = logging.getLogger()
log.setLevel(logging.INFO)


def handler(event, context):
    status, reason = "SUCCESS", "OK"
    try:
        kind = event.get("RequestType")
        new = (event.get("ResourceProperties") or {}).get("BucketName")
        old = (event.get("OldResourceProperties") or {}).get("BucketName")
        log.info("%s %s (old %s)", kind, new, old)
        if kind == "Delete":
            on_delete(new, context)
        elif kind == "Update" and old and new and old != new:
            on_delete(old, context)
    except Exception as e:
        log.exception("failed")
        status, reason = "FAILED", f"{type(e).__name__}: {e}"[:1000]
    send_response(event, status, reason)


def on_delete(bucket, context):
    if not bucket:
        raise ValueError("No BucketName was provided")
    s3 = boto3.client("s3")
    try:
        if TAG in s3.get_bucket_tagging(Bucket=bucket)["TagSet"]:
            empty(s3, bucket, context)
        else:
            log.info("%s is not tagged for auto-delete", bucket)
    except ClientError as e:
        # A bucket already gone is fine; one with no tags at all is not ours.
        if e.response["Error"].get("Code") not in ("NoSuchBucket", "NoSuchTagSet"):
            raise
        log.info("%s: %s", bucket, e)


def empty(s3, bucket, context):
    # Lists from the start each round, as the CDK does: a marker at a version just
    # deleted is fragile (moto then lists nothing more).
    while True:
        page = s3.list_object_versions(Bucket=bucket)
        found = page.get("Versions", []) + page.get("DeleteMarkers", [])
        if not found:
            return
        keys = [{"Key": v["Key"], "VersionId": v["VersionId"]} for v in found]
        for i in range(0, len(keys), 1000):  # delete_objects takes 1,000 at most
            if context.get_remaining_time_in_millis() < MIN_MS:
                raise TimeoutError(f"Lambda timeout near, {bucket} not yet empty")
            batch = {"Objects": keys[i : i + 1000], "Quiet": True}
            log.info("deleting %d versions in %s", len(batch["Objects"]), bucket)
            done = s3.delete_objects(Bucket=bucket, Delete=batch)
            if done.get("Errors"):
                raise RuntimeError(f"not deleted: {done['Errors'][:3]}")


def send_response(event, status, reason):
    # PUTs the answer to the pre-signed ResponseURL, which is never logged.
    body = {k: event.get(k) for k in ("StackId", "RequestId", "LogicalResourceId")}
    name = (event.get("ResourceProperties") or {}).get("BucketName")
    physical = event.get("PhysicalResourceId") or name or body["LogicalResourceId"]
    body.update(Status=status, Reason=reason, PhysicalResourceId=physical)
    body.update(NoEcho=False, Data={})
    log.info("answering %s: %s", status, reason)
    try:
        put = urllib.request.Request(event["ResponseURL"], method="PUT")
        put.add_header("Content-Type", "")
        urllib.request.urlopen(put, json.dumps(body).encode(), timeout=30).close()
    except Exception:
        log.exception("could not answer CloudFormation")
