"""Fixtures for testing the inline auto-delete-objects Lambda handler under moto.

The handler is loaded from its source file, the .py file that SwiftPM embeds and synth
inlines as Code.ZipFile, so a change to the file is tested before any synth run (and a
mutant of it by scripts/mutate). That the committed template embeds exactly this file is
checked on its own, in test_template_embeds_handler.py. Every test runs with fake
credentials and region, and the CloudFormation response (an HTTP PUT) is captured
instead of sent.
"""

import json
import pathlib
import types
import urllib.request
import uuid

import boto3
import pytest
from moto import mock_aws

ROOT = pathlib.Path(__file__).resolve().parents[2]
HANDLER_FILE = ROOT / "Sources" / "AWSConstructs" / "Resources" / "auto_delete_objects.py"
TEMPLATE_FILE = ROOT / "templates" / "target-stack.json"
HANDLER_ID = "CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F"
LOGICAL_ID = "TargetDataBucketAutoDeleteObjectsCustomResourceDAFC05D8"
REGION = "ap-northeast-1"
ACCOUNT = "222222222222"
STACK_ID = (
    f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/"
    "cm-kasama-cross-account-dev-target/0f6a8e70-ad2b-11f0-9c1b-0a1b2c3d4e5f"
)
SERVICE_TOKEN = (
    f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:"
    "cm-kasama-cross-account-dev-CustomS3AutoDeleteObj-Ab12Cd34Ef56"
)


def template_zipfile():
    """Code.ZipFile of the handler in the synthesized template, or None without one."""
    if not TEMPLATE_FILE.exists():
        return None
    resources = json.loads(TEMPLATE_FILE.read_text(encoding="utf-8")).get("Resources", {})
    code = resources.get(HANDLER_ID, {}).get("Properties", {}).get("Code", {})
    zipfile = code.get("ZipFile")
    return zipfile if isinstance(zipfile, str) else None


def handler_source():
    """(text, origin): the text Lambda runs as index.py, and where it was read."""
    return HANDLER_FILE.read_text(encoding="utf-8"), str(HANDLER_FILE.relative_to(ROOT))


def load_handler_module():
    """A fresh module named `index` built from the handler source, as Lambda loads it."""
    source, origin = handler_source()
    module = types.ModuleType("index")
    module.__file__ = "index.py"
    exec(compile(source, f"index.py ({origin})", "exec"), module.__dict__)
    return module


@pytest.fixture(autouse=True)
def fake_aws_environment(monkeypatch, tmp_path):
    """Fake credentials and region; no profile, config file or endpoint override."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SECURITY_TOKEN", "testing")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_REGION", REGION)


class Sent:
    """One captured HTTP request that the handler tried to send."""

    def __init__(self, request, data, timeout):
        self.url = request.full_url
        self.method = request.get_method()
        self.headers = dict(request.header_items())
        self.data = data if data is not None else request.data
        self.timeout = timeout
        self.body = json.loads(self.data.decode("utf-8"))


@pytest.fixture(autouse=True)
def sent(monkeypatch):
    """Captures every urlopen call (the CloudFormation answer); nothing leaves the host."""
    captured = []

    class Answer:
        status = 200

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def close(self):
            pass

        def read(self):
            return b""

    def fake_urlopen(request, data=None, timeout=None, **kwargs):
        captured.append(Sent(request, data, timeout))
        return Answer()

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    return captured


@pytest.fixture
def s3():
    """A moto-backed S3 client; the handler's own client is mocked the same way."""
    with mock_aws():
        yield boto3.client("s3", region_name=REGION)


@pytest.fixture
def index():
    return load_handler_module()


class FakeContext:
    """The part of the Lambda context the handler uses, with a scripted clock.

    FakeContext(900_000, 30_000) answers 900,000 ms, then 30,000 ms from then on.
    FakeContext() counts down from 900,000 ms by 1 s a call, like a Lambda that
    runs for 900 s: a handler looping without progress then ends by its time check
    instead of hanging the test run.
    """

    function_name = "cm-kasama-cross-account-dev-CustomS3AutoDeleteObj-Ab12Cd34Ef56"
    log_stream_name = "2025/01/01/[$LATEST]0123456789abcdef0123456789abcdef"
    memory_limit_in_mb = 128

    def __init__(self, *remaining_ms):
        self.script = list(remaining_ms)
        self.calls = 0
        self.aws_request_id = str(uuid.uuid4())

    def get_remaining_time_in_millis(self):
        self.calls += 1
        if not self.script:
            return max(0, 900_000 - 1_000 * self.calls)
        return self.script.pop(0) if len(self.script) > 1 else self.script[0]


@pytest.fixture
def context():
    return FakeContext()


def cfn_event(request_type, bucket, old_bucket=None, physical_id=None):
    """A custom-resource request shaped like the ones CloudFormation sends."""
    request_id = str(uuid.uuid4())
    event = {
        "RequestType": request_type,
        "ServiceToken": SERVICE_TOKEN,
        "ResponseURL": (
            "https://cloudformation-custom-resource-response-apnortheast1"
            f".s3.{REGION}.amazonaws.com/"
            f"arn%3Aaws%3Acloudformation%3A{REGION}%3A{ACCOUNT}%3Astack/"
            f"cm-kasama-cross-account-dev-target/x%7C{LOGICAL_ID}%7C{request_id}"
            "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20250101T000000Z"
            "&X-Amz-SignedHeaders=host&X-Amz-Expires=7200"
            "&X-Amz-Credential=AKIAEXAMPLE%2F20250101%2Fap-northeast-1%2Fs3%2Faws4_request"
            "&X-Amz-Signature=0000000000000000000000000000000000000000000000000000000000000000"
        ),
        "StackId": STACK_ID,
        "RequestId": request_id,
        "LogicalResourceId": LOGICAL_ID,
        "ResourceType": "Custom::S3AutoDeleteObjects",
        "ResourceProperties": {"ServiceToken": SERVICE_TOKEN, "BucketName": bucket},
    }
    if request_type != "Create":
        event["PhysicalResourceId"] = physical_id or bucket
    if request_type == "Update":
        event["OldResourceProperties"] = {"ServiceToken": SERVICE_TOKEN, "BucketName": old_bucket}
    return event


@pytest.fixture
def make_event():
    return cfn_event


@pytest.fixture
def invoke(index, sent):
    """Runs the handler; checks it returned normally and answered exactly once, well formed."""

    def run(event, context):
        before = len(sent)
        assert index.handler(event, context) is None
        assert len(sent) == before + 1, "the handler must answer CloudFormation exactly once"
        answer = sent[-1]
        assert answer.method == "PUT"
        assert answer.url == event["ResponseURL"]
        assert answer.headers.get("Content-type") == ""
        body = answer.body
        assert set(body) == {
            "Status", "Reason", "PhysicalResourceId", "StackId",
            "RequestId", "LogicalResourceId", "NoEcho", "Data",
        }
        for key in ("StackId", "RequestId", "LogicalResourceId"):
            assert body[key] == event.get(key), key
        assert body["Status"] in ("SUCCESS", "FAILED")
        assert isinstance(body["Reason"], str) and body["Reason"]
        assert body["NoEcho"] is False and body["Data"] == {}
        assert len(answer.data) <= 4096, "CloudFormation rejects larger responses"
        return body

    return run
