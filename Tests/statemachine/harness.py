"""Creates a rendered state machine through moto's Step Functions API, runs it on moto's
ASL interpreter and reads the result back the way a caller of the API would."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import boto3

from cfn import RenderedStateMachine, Template, target_table_locations


@dataclass
class ExecutionResult:
    arn: str
    status: str
    output: Any
    error: str | None
    cause: str | None
    history: list[dict] = field(repr=False)
    seconds: float = 0.0

    def events(self, *types: str) -> list[dict]:
        return [e for e in self.history if e["type"] in types]

    def state_output(self, state_name: str) -> Any:
        """The output of the last exit from the named state (its StateExited event)."""
        exits = [e for e in self.history
                 if e["type"].endswith("StateExited") and e["stateExitedEventDetails"]["name"] == state_name]
        assert exits, f"state {state_name!r} never exited:\n{self.describe()}"
        return json.loads(exits[-1]["stateExitedEventDetails"]["output"])

    def describe(self) -> str:
        lines = [f"{self.status} error={self.error!r} cause={self.cause!r} output={self.output!r}"]
        for e in self.history:
            details = {k: v for k, v in e.items() if k.endswith("EventDetails")}
            lines.append(f"  {e['id']:>3} {e['type']} {json.dumps(details, default=str)[:300]}")
        return "\n".join(lines)


class StateMachineHarness:
    def __init__(self, template: Template):
        self.template = template
        self.session = boto3.Session(region_name=template.region,
                                     aws_access_key_id="testing", aws_secret_access_key="testing")
        self.sfn = self.session.client("stepfunctions")
        self.s3 = self.session.client("s3")
        self.athena = self.session.client("athena")

    # --- the resources the state machine uses, as a deploy would leave them --------

    def provision(self) -> None:
        """The workgroup, data catalogs and target buckets the template declares
        (moto's CloudFormation accepts but does not create the Athena resources)."""
        t = self.template
        for lid, res in t.of_type("AWS::Athena::WorkGroup").items():
            self.athena.create_work_group(Name=t.physical_name(lid))
        for lid, res in t.of_type("AWS::Athena::DataCatalog").items():
            props = t.resolve(res["Properties"])
            self.athena.create_data_catalog(Name=props["Name"], Type=props["Type"],
                                            Parameters=props.get("Parameters", {}))
        buckets = {loc.split("/")[2] for loc in target_table_locations(t).values()}
        declared = {t.physical_name(lid): res for lid, res in t.of_type("AWS::S3::Bucket").items()}
        for bucket in sorted(buckets):
            self.s3.create_bucket(Bucket=bucket,
                                  CreateBucketConfiguration={"LocationConstraint": t.region})
            versioning = declared.get(bucket, {}).get("Properties", {}).get("VersioningConfiguration")
            if versioning:
                self.s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration=versioning)

    def create_state_machine(self, sm: RenderedStateMachine | None = None) -> str:
        sm = sm or self.template.state_machine()
        return self.sfn.create_state_machine(
            name=sm.name, definition=sm.definition, roleArn=sm.role_arn, type=sm.type,
        )["stateMachineArn"]

    # --- running ------------------------------------------------------------------

    def run(self, state_machine_arn: str, execution_input: Any = None, timeout: float = 30.0) -> ExecutionResult:
        started = time.monotonic()
        arn = self.sfn.start_execution(
            stateMachineArn=state_machine_arn, name=f"run-{uuid.uuid4().hex[:12]}",
            input=json.dumps({} if execution_input is None else execution_input),
        )["executionArn"]
        while True:
            d = self.sfn.describe_execution(executionArn=arn)
            if d["status"] != "RUNNING":
                break
            if time.monotonic() - started > timeout:
                self.sfn.stop_execution(executionArn=arn, error="Harness.Timeout")
                raise AssertionError(f"execution still RUNNING after {timeout} s:\n"
                                     + self._result(arn, d, started).describe())
            time.sleep(0.02)
        return self._result(arn, d, started)

    def _result(self, arn: str, d: dict, started: float) -> ExecutionResult:
        history: list[dict] = []
        kwargs: dict = {"executionArn": arn, "maxResults": 1000}
        while True:
            page = self.sfn.get_execution_history(**kwargs)
            history += page["events"]
            if not page.get("nextToken"):
                break
            kwargs["nextToken"] = page["nextToken"]
        output = d.get("output")
        return ExecutionResult(
            arn=arn, status=d["status"], output=json.loads(output) if output else None,
            error=d.get("error"), cause=d.get("cause"), history=history,
            seconds=time.monotonic() - started,
        )

    # --- reading S3 ---------------------------------------------------------------

    def objects_under(self, location: str) -> dict[str, str]:
        """{key: body} of the current objects under an s3:// location."""
        bucket, _, prefix = location[len("s3://"):].partition("/")
        out: dict[str, str] = {}
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            for obj in page.get("Contents", []):
                out[obj["Key"]] = self.s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read().decode()
        return out

    def put_object(self, location: str, name: str, body: str) -> str:
        bucket, _, prefix = location[len("s3://"):].partition("/")
        self.s3.put_object(Bucket=bucket, Key=prefix + name, Body=body.encode())
        return prefix + name
