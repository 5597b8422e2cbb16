r"""The places where the harness changes moto's ASL interpreter (besides adding the
Athena integration, see athena_shim.py). Each is a monkeypatch that pytest undoes.

1. Retry waits. RetrierDecl._eval_body (retrier_decl.py) computes the interval
   (IntervalSeconds x BackoffRate^n, capped by MaxDelaySeconds, then jittered by
   JitterStrategyDecl._eval_body with random.uniform(0, interval) when FULL) and calls
   time.sleep(interval). The harness replaces the `time` module seen by retrier_decl.py
   with one whose sleep() records the wait and returns at once, and the `random` module
   seen by jitter_strategy_decl.py with one that records the pre-jitter ceiling, so a
   test can check both the backoff and the jitter without waiting for them.

2. Empty JSONPath filters. On AWS a filter that matches nothing, e.g.
   `$[?(@.status == 'FAILED')].table` over a list without failures, evaluates to [].
   moto's extract_json (moto/stepfunctions/parser/asl/utils/json_path.py) returns [] for
   no match only when _contains_slice_or_wildcard_array(path) says so, and raises
   NoSuchJsonPathError (States.Runtime) otherwise: https://github.com/getmoto/moto/issues/10078
   The harness widens that one predicate to filter expressions, the narrowest change
   that gives AWS's answer; every other path keeps moto's behaviour.

3. A second StartExecution of one state machine. StepFunctionsParserBackend.start_execution
   (moto/stepfunctions/parser/models.py) snapshots the state machine with copy.deepcopy,
   which walks `executions` into the first run's live worker and fails with "cannot
   pickle '_thread.RLock' object" (https://github.com/getmoto/moto/issues/10077, fixed
   upstream by pull 10093 after 5.2.1 the same way): the `copy` module that file sees
   gets a deepcopy that leaves the executions list out of the snapshot.

5. `$$.Execution.StartTime` as AWS gives it. The context object page documents StartTime as
   "Format: ISO 8601", e.g. "2019-03-26T20:14:13.192Z"
   (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html).
   moto 5.2.1's ExecutionWorker._get_evaluation_environment (backend/execution_worker.py) puts
   the execution's start_date datetime there as it is, so States.Format over it fails with
   "Object of type datetime is not JSON serializable". The harness wraps that one method and
   writes the same instant as AWS's string (UTC, milliseconds, Z) into the new environment's
   context object; Map iterations copy it from there. DescribeExecution's startDate is untouched.

6. Backslash escapes inside intrinsic string literals. "Reserved characters in intrinsic
   functions" (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#intrinsic-functions-escapes):
   ' { } and \ are reserved and escaped with a backslash, the literal string \' represents '.
   In the JSON definition that is written "\\'". AWS decodes the JSON string first and then
   reads the intrinsic; moto hands the raw JSON text of the field to IntrinsicParser.parse
   (parse/preprocessor.py visitString_intrinsic_function and the variable-reference static
   analyser, both ctx.getText()[1:-1]), so its intrinsic lexer sees \\' and stops the literal
   at the quote. The harness wraps IntrinsicParser.parse, the one place both callers share, to
   decode the JSON string escapes of its argument first. Then moto's lexer accepts \' inside a
   literal, but its Preprocessor._replace_escaped_characters (parse/intrinsic/preprocessor.py)
   keeps the backslash of \' and \\ (only \n \t \r \" and letters lose it), so the CTAS would
   reach Athena as external_location = \'s3://…\'. The harness gives \' -> ' and \\ -> \ as
   the page lists; \{ and \} keep moto's handling (no template here escapes a brace).
"""

from __future__ import annotations

import copy as _real_copy
import random as _real_random
import sys
import threading
import time as _real_time
from dataclasses import dataclass
from typing import Any

from moto.stepfunctions.parser.asl.component.common.retry import (
    jitter_strategy_decl,
    retrier_decl,
)
from moto.stepfunctions.parser import models as sfn_parser_models
from moto.stepfunctions.parser.asl.utils import json_path


@dataclass
class RetryWait:
    state: str | None  # the state being retried
    item: Any  # the Map item being processed, or None outside a Map
    ceiling: float  # the delay the Retrier computed before jitter
    slept: float  # the wait the interpreter asked for (after jitter)


class RetryWaitRecorder:
    def __init__(self):
        self.waits: list[RetryWait] = []
        self._lock = threading.Lock()
        self._local = threading.local()

    # Stand-in for the `random` module inside jitter_strategy_decl.py.
    def uniform(self, a: float, b: float) -> float:
        self._local.ceiling = b
        return _real_random.uniform(a, b)

    # Stand-in for the `time` module inside retrier_decl.py.
    def sleep(self, seconds: float) -> None:
        ceiling = getattr(self._local, "ceiling", None)
        self._local.ceiling = None
        state = item = None
        # The caller is RetrierDecl._eval_body(self, env): its env tells which state and
        # which Map item (iterations run on their own threads) is waiting.
        env = sys._getframe(1).f_locals.get("env")
        if env is not None:
            data = env.states.context_object.context_object_data
            state = (data.get("State") or {}).get("Name")
            item = ((data.get("Map") or {}).get("Item") or {}).get("Value")
        with self._lock:
            self.waits.append(RetryWait(state, item, seconds if ceiling is None else ceiling, seconds))

    def __getattr__(self, name: str) -> Any:  # anything else the modules use
        return getattr(_real_time if name in dir(_real_time) else _real_random, name)

    def install(self, monkeypatch) -> None:
        monkeypatch.setattr(retrier_decl, "time", self)
        monkeypatch.setattr(jitter_strategy_decl, "random", self)


def emulate_aws_empty_filter(monkeypatch) -> None:
    """A JSONPath filter that matches nothing gives [] as on AWS (getmoto/moto#10078)."""
    original = json_path._contains_slice_or_wildcard_array

    def contains_slice_wildcard_or_filter(path: str) -> bool:
        return original(path) or "[?(" in path

    monkeypatch.setattr(json_path, "_contains_slice_or_wildcard_array", contains_slice_wildcard_or_filter)


class _CopyWithoutExecutions:
    """Stand-in for the `copy` module inside moto/stepfunctions/parser/models.py."""

    @staticmethod
    def deepcopy(obj: Any, memo: dict | None = None) -> Any:
        memo = {} if memo is None else memo
        executions = getattr(obj, "executions", None)
        if isinstance(executions, list):
            memo[id(executions)] = []  # the clone gets an empty list; the original is untouched
        return _real_copy.deepcopy(obj, memo)

    def __getattr__(self, name: str) -> Any:
        return getattr(_real_copy, name)


def allow_repeated_executions(monkeypatch) -> None:
    """A state machine can be started more than once (getmoto/moto#10077)."""
    monkeypatch.setattr(sfn_parser_models, "copy", _CopyWithoutExecutions())


def expected_delays(retrier: dict, attempts: int) -> list[float]:
    """The pre-jitter delay before each retry per the ASL Retrier rules:
    IntervalSeconds x BackoffRate^n, capped at MaxDelaySeconds."""
    interval = retrier.get("IntervalSeconds", 1)
    rate = retrier.get("BackoffRate", 2.0)
    cap = retrier.get("MaxDelaySeconds")
    delays = [interval * rate**n for n in range(attempts)]
    return [min(d, cap) if cap else d for d in delays]


# --- 4. JSONata ----------------------------------------------------------------------
# moto 5.2.1 evaluates JSONata on a JVM (jpype and the dashjoin jar) that the harness does
# not have; moto_patches leaves its eval_jsonata_expression unset. The replace mode uses
# JSONata in exactly the expressions of ReplaceStates.swift, so this evaluator knows exactly
# those (and moto's $exists/$type checks around them) and raises on anything else. Their
# JSONata semantics, as the docs state them: an array constructor drops undefined values,
# so a listing without Contents gives []; an object constructor leaves out a key whose value
# is undefined, so the last page has no token (https://docs.jsonata.org/construction).

import json as _json
import re as _re

_UNDEFINED = object()
# Further expressions a test module models (partition_jsonata.py), by their exact text.
MODELLED: dict = {}


def _path(root: Any, dotted: str) -> Any:
    value = root
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return _UNDEFINED
        value = value[part]
    return value


def _eval_final(expr: str, variables: dict) -> Any:
    expr = expr.strip()
    states = variables.get("$states", {})
    if m := _re.fullmatch(r"\$(exists|type)\((.*)\)", expr, _re.S):
        inner = _eval_final(m.group(2), variables)
        if m.group(1) == "exists":
            return inner is not _UNDEFINED
        return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(inner), "number")
    if expr.startswith("(") and expr.endswith(")"):
        return _eval_rich(expr)
    if m := _re.fullmatch(r"\$states\.([\w.]+)", expr):
        return _path(states, m.group(1))
    listing = ("$merge([$states.input, {'listing': {'keys': [$states.result.Contents.{'Key': Key}], "
               "'token': $states.result.NextContinuationToken}}])")
    if expr == listing:
        contents = _path(states, "result.Contents")
        listed = {"keys": [{"Key": o["Key"]} for o in contents] if isinstance(contents, list) else []}
        token = _path(states, "result.NextContinuationToken")
        if token is not _UNDEFINED and token is not None:
            listed["token"] = token
        return {**states["input"], "listing": listed}
    if expr == "$merge([$states.input, {'error': $states.errorOutput}])":
        return {**states["input"], "error": states["errorOutput"]}
    if expr in MODELLED:
        return MODELLED[expr](states)
    raise ValueError(f"harness JSONata: expression not modelled: {expr!r}")


def _eval_rich(rich: str) -> Any:
    """moto's composed expression: `(` declarations `$name:=<json>;`… final `)`."""
    assert rich.startswith("(") and rich.endswith(")"), rich
    body = rich[1:-1]
    variables: dict = {}
    decoder = _json.JSONDecoder()
    while m := _re.match(r"\s*(\$[A-Za-z0-9_]+):=", body):
        value, end = decoder.raw_decode(body, m.end())
        variables[m.group(1)] = value
        assert body[end] == ";", body[end:end + 20]
        body = body[end + 1:]
    result = _eval_final(body, variables)
    return result


def eval_jsonata(expression: str) -> Any:
    result = _eval_rich(expression) if expression.startswith("(") else _eval_final(expression, {})
    return None if result is _UNDEFINED else result


def install_jsonata(monkeypatch) -> None:
    from moto.stepfunctions.parser.asl.component.common.string import string_expression
    from moto.stepfunctions.parser.asl.jsonata import jsonata, validations

    def evaluate(expression: str) -> Any:
        if expression.startswith("$exists(") or expression.startswith("$type("):
            return _eval_final(expression, {}) if not expression[expression.index("(") + 1:].startswith("(") else _eval_wrapped(expression)
        return eval_jsonata(expression)

    for module in (jsonata, string_expression, validations):
        monkeypatch.setattr(module, "eval_jsonata_expression", evaluate)


def _eval_wrapped(expression: str) -> Any:
    name, _, rest = expression.partition("(")
    inner = _eval_rich(rest[:-1])
    if name == "$exists":
        return inner is not _UNDEFINED
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(inner), "number")


# --- 5. $$.Execution.StartTime as an ISO 8601 string ------------------------------------


def aws_timestamp(value: Any) -> Any:
    """A datetime as the context object shows it on AWS: 2019-03-26T20:14:13.192Z."""
    import datetime as _dt

    if not isinstance(value, _dt.datetime):
        return value
    utc = value.astimezone(_dt.timezone.utc) if value.tzinfo else value
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def emulate_aws_start_time(monkeypatch) -> None:
    from moto.stepfunctions.parser.backend import execution_worker

    worker = execution_worker.ExecutionWorker
    original = worker._get_evaluation_environment

    def get_evaluation_environment(self):
        env = original(self)
        execution = env.states.context_object.context_object_data["Execution"]
        execution["StartTime"] = aws_timestamp(execution.get("StartTime"))
        return env

    monkeypatch.setattr(worker, "_get_evaluation_environment", get_evaluation_environment)


# --- 6. JSON string escapes decoded before the intrinsic is read ------------------------


def emulate_aws_intrinsic_escapes(monkeypatch) -> None:
    from moto.stepfunctions.parser.asl.parse.intrinsic.intrinsic_parser import IntrinsicParser

    original = IntrinsicParser.parse

    def parse(src: str):
        # src is the text between the JSON string's quotes; json.loads gives the string's value.
        return original(_json.loads(f'"{src}"') if "\\" in src else src)

    monkeypatch.setattr(IntrinsicParser, "parse", staticmethod(parse))

    from moto.stepfunctions.parser.asl.parse.intrinsic.preprocessor import Preprocessor

    original_replace = Preprocessor._replace_escaped_characters

    def replace_escaped_characters(match):
        if match.group(1) in ("'", "\\"):
            return match.group(1)
        return original_replace(match)

    monkeypatch.setattr(Preprocessor, "_replace_escaped_characters", staticmethod(replace_escaped_characters))


# --- 7. Glue GetPartitions pages as AWS gives them --------------------------------------
# GetPartitions returns at most MaxResults partitions and a NextToken while more remain, and
# ExcludeColumnSchema leaves out the storage descriptor's columns
# (https://docs.aws.amazon.com/glue/latest/webapi/API_GetPartitions.html). moto 5.2.1's
# GlueResponse.get_partitions (moto/glue/responses.py) returns every partition at once and
# ignores both; the harness pages its answer (the token is the next offset).


def emulate_aws_get_partitions_pages(monkeypatch) -> None:
    from moto.glue.responses import GlueResponse

    original = GlueResponse.get_partitions

    def get_partitions(self):
        result = original(self)
        partitions = result.result["Partitions"]  # ActionResult keeps the dict it was given
        start = int(self.parameters.get("NextToken") or 0)
        size = int(self.parameters.get("MaxResults") or 1000)
        page = [dict(p) for p in partitions[start:start + size]]
        if self.parameters.get("ExcludeColumnSchema"):
            for p in page:
                p["StorageDescriptor"] = {k: v for k, v in p.get("StorageDescriptor", {}).items() if k != "Columns"}
        result.result["Partitions"] = page
        if start + size < len(partitions):
            result.result["NextToken"] = str(start + size)
        return result

    monkeypatch.setattr(GlueResponse, "get_partitions", get_partitions)
