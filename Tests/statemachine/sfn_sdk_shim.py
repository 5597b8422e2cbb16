"""The AWS SDK integration for Step Functions itself (`arn:aws:states:::aws-sdk:sfn:<action>`),
as the overlap check calls it (`listExecutions`).

moto 5.2.1 runs aws-sdk tasks but passes the state's Parameters to boto3 unchanged. On AWS
the integration takes the API's members in PascalCase (`StateMachineArn`, `StatusFilter`) and
returns them in PascalCase too (`Executions[*].ExecutionArn`)
(https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html), so boto3
refuses `StateMachineArn`. This shim renames the top-level parameters to the API's names
(`stateMachineArn`) and the response's keys, at every depth, to PascalCase; timestamps become
strings as in a JSON response. Only the `sfn` service is touched; a monkeypatch pytest undoes.
"""

from __future__ import annotations

import datetime
from typing import Any

from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
    state_task_service_aws_sdk,
)

_Sdk = state_task_service_aws_sdk.StateTaskServiceAwsSdk


def _pascal(value: Any) -> Any:
    if isinstance(value, dict):
        return {k[:1].upper() + k[1:]: _pascal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_pascal(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def install(monkeypatch) -> None:
    original_parameters = _Sdk._normalise_parameters
    original_response = _Sdk._normalise_response

    def normalise_parameters(self, parameters, *args, **kwargs):
        if self.resource.api_name != "sfn":
            return original_parameters(self, parameters, *args, **kwargs)
        for key in list(parameters):
            parameters[key[:1].lower() + key[1:]] = parameters.pop(key)

    def normalise_response(self, response, *args, **kwargs):
        if self.resource.api_name != "sfn" or not isinstance(response, dict):
            return original_response(self, response, *args, **kwargs)
        converted = _pascal(response)
        response.clear()
        response.update(converted)

    monkeypatch.setattr(_Sdk, "_normalise_parameters", normalise_parameters)
    monkeypatch.setattr(_Sdk, "_normalise_response", normalise_response)
