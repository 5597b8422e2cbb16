"""What moto 5.2.1's interpreter lacks of a Distributed Map, emulated as AWS documents it.

moto runs a Distributed Map's items in-process (its ItemReader reads the JSON file from
moto's S3), but
  1. never applies ToleratedFailureCount (map_run_record.py: "TODO: add support for failure
     toleration fields"): a Map Run with failed children succeeds. AWS fails the Map Run
     with States.ExceedToleratedFailureThreshold once more children failed than tolerated
     (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html,
     "ToleratedFailureCount"; https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
     lists States.ExceedToleratedFailureThreshold). Here the check runs when every child has
     finished; AWS may stop the run as soon as the threshold is crossed.
  2. writes a ResultWriter manifest with empty result lists ("TODO: generate result files").
     AWS writes <Prefix>/<map run id>/manifest.json and SUCCEEDED_<n>.json / FAILED_<n>.json,
     arrays of the children's ExecutionArn, Input, Output (succeeded) or Error and Cause
     (failed), Status (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).

Each child's outcome is recorded by wrapping the distributed worker's _eval_job.
"""

from __future__ import annotations

import json
import threading
import uuid

from moto.stepfunctions.parser.api import HistoryEventType, MapRunFailedEventDetails
from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import StatesErrorName
from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import StatesErrorNameType
from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import (
    FailureEvent,
    FailureEventException,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration import distributed_iteration_component
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.itemprocessor import (
    distributed_item_processor_worker,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.result_writer.resource_eval import resource_eval_s3
from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails
from moto.stepfunctions.parser.asl.eval.program_state import ProgramError

EXCEED = "States.ExceedToleratedFailureThreshold"

_lock = threading.Lock()
# map run ARN -> [outcome]
outcomes: dict[str, list[dict]] = {}


def install(monkeypatch) -> None:
    outcomes.clear()
    worker = distributed_item_processor_worker.DistributedItemProcessorWorker
    original_eval_job = worker._eval_job

    def eval_job(self, env, job):
        original_eval_job(self, env, job)
        state = env.program_state()
        record = {"ExecutionArn": f"{self._map_run_record.map_run_arn}:{uuid.uuid4()}",
                  "Input": json.dumps(job.job_input), "Index": job.job_index}
        if isinstance(state, ProgramError):
            error = state.error or {}
            record.update(Status="FAILED", Error=error.get("error"), Cause=error.get("cause"))
        elif job.job_output is not None:
            record.update(Status="SUCCEEDED", Output=json.dumps(job.job_output))
        else:
            record.update(Status="ABORTED")
        with _lock:
            outcomes.setdefault(self._map_run_record.map_run_arn, []).append(record)

    monkeypatch.setattr(worker, "_eval_job", eval_job)

    component = distributed_iteration_component.DistributedIterationComponent
    original_map_run = component._map_run

    def map_run(self, env, eval_input):
        original_map_run(self, env, eval_input)
        record = eval_input.map_run_record
        failed = [o for o in outcomes.get(record.map_run_arn, []) if o["Status"] != "SUCCEEDED"]
        if len(failed) > record.tolerated_failure_count:
            cause = (f"The specified tolerated failure threshold was exceeded: {len(failed)} of "
                     f"{len(outcomes.get(record.map_run_arn, []))} child executions failed, "
                     f"{record.tolerated_failure_count} tolerated")
            raise FailureEventException(FailureEvent(
                env=env, error_name=StatesErrorName(typ=StatesErrorNameType.StatesExceedToleratedFailureThreshold), event_type=HistoryEventType.MapRunFailed,
                event_details=EventDetails(mapRunFailedEventDetails=MapRunFailedEventDetails(error=EXCEED, cause=cause))))

    monkeypatch.setattr(component, "_map_run", map_run)

    def put_results(env, resource_runtime_part, state_credentials):
        parameters = env.stack.pop()
        env.stack.pop()
        s3 = resource_eval_s3.ResourceEvalS3._get_s3_client(resource_runtime_part, state_credentials)
        record = env.map_run_record_pool_manager.get_all().pop()
        run_id = record.map_run_arn.split(":")[-1]
        prefix = parameters["Prefix"].rstrip("/") + "/" + run_id + "/"
        files: dict[str, list] = {"FAILED": [], "PENDING": [], "SUCCEEDED": []}
        runs = sorted(outcomes.get(record.map_run_arn, []), key=lambda o: o["Index"])
        for status in ("SUCCEEDED", "FAILED"):
            chosen = [{k: v for k, v in o.items() if k != "Index"} for o in runs if o["Status"] == status]
            if chosen:
                key = f"{prefix}{status}_0.json"
                body = json.dumps(chosen).encode()
                s3.put_object(Bucket=parameters["Bucket"], Key=key, Body=body)
                files[status].append({"Key": key, "Size": len(body)})
        manifest = {"DestinationBucket": parameters["Bucket"], "MapRunArn": record.map_run_arn, "ResultFiles": files}
        s3.put_object(Bucket=parameters["Bucket"], Key=prefix + "manifest.json", Body=json.dumps(manifest).encode())
        env.stack.append({"MapRunArn": record.map_run_arn,
                          "ResultWriterDetails": {"Bucket": parameters["Bucket"], "Key": prefix + "manifest.json"}})

    monkeypatch.setattr(resource_eval_s3.ResourceEvalS3, "_handle_put_object", staticmethod(put_results))
