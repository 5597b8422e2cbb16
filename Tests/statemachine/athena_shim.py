"""An Athena `.sync` integration for moto's Step Functions interpreter, and a fake
Athena engine behind moto's Athena API.

moto 5.2.1 lists "athena" among its unsupported optimised integrations
(moto/stepfunctions/parser/asl/component/state/exec/state_task/service/state_task_service_factory.py).
`StateTaskServiceAthena` follows state_task_service_glue.py: StartQueryExecution through
boto (moto's Athena, same account and Region as the execution), then GetQueryExecution
until the query is terminal. As on AWS
(https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html):
  - an API error from StartQueryExecution fails the task with `Athena.<Code>`;
  - a FAILED or CANCELLED query fails the task with `States.TaskFailed`;
  - a SUCCEEDED query's GetQueryExecution response is the task result.

moto's Athena reports every query SUCCEEDED without running it. `FakeAthenaEngine`
wraps its backend so that an `INSERT INTO db.table SELECT * FROM catalog.db.src` writes
the source rows as one object under the target table's LOCATION in moto's S3 (INSERT INTO
appends, as on Athena), and so that a test can program failures per target table.
"""

from __future__ import annotations

import datetime
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from botocore.exceptions import ClientError
from moto.athena.models import AthenaBackend
from moto.core.exceptions import JsonRESTError
from moto.moto_api import state_manager
from moto.s3.models import s3_backends
from moto.stepfunctions.parser.api import HistoryEventType, TaskFailedEventDetails
from moto.stepfunctions.parser.asl.component.common.error_name.custom_error_name import (
    CustomErrorName,
)
from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import (
    FailureEvent,
    FailureEventException,
)
from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import (
    StatesErrorName,
)
from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import (
    StatesErrorNameType,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.resource import (
    ResourceCondition,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_callback import (
    StateTaskServiceCallback,
)
from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails
from moto.stepfunctions.parser.asl.utils.boto_client import boto_client_for
from moto.stepfunctions.parser.asl.utils.encoding import to_json_str

# ---------------------------------------------------------------------------------
# The Step Functions side: arn:aws:states:::athena:startQueryExecution.sync
# ---------------------------------------------------------------------------------

# .sync is supported for StartQueryExecution only; the other Athena integrations are
# request-response (SFN docs, connect-athena). The harness needs .sync alone.
_SUPPORTED_INTEGRATION_PATTERNS: Final[set[ResourceCondition]] = {ResourceCondition.Sync}

_SUPPORTED_API_PARAM_BINDINGS: Final[dict[str, set[str]]] = {
    "startqueryexecution": {
        "QueryString",
        "ClientRequestToken",
        "QueryExecutionContext",
        "ResultConfiguration",
        "WorkGroup",
        "ExecutionParameters",
        "ResultReuseConfiguration",
    }
}

_QUERY_TERMINAL_STATES: Final[set[str]] = {"SUCCEEDED", "FAILED", "CANCELLED"}
_QUERY_ABNORMAL_STATES: Final[set[str]] = {"FAILED", "CANCELLED"}


def _json_safe(value: Any) -> Any:
    # Step Functions renders API timestamps as epoch milliseconds in task results.
    if isinstance(value, datetime.datetime):
        return int(value.timestamp() * 1000)
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


class StateTaskServiceAthena(StateTaskServiceCallback):
    def __init__(self):
        super().__init__(supported_integration_patterns=_SUPPORTED_INTEGRATION_PATTERNS)

    def _get_supported_parameters(self) -> set[str] | None:
        return _SUPPORTED_API_PARAM_BINDINGS.get(self.resource.api_action.lower())

    def _athena(self, resource_runtime_part, state_credentials):
        return boto_client_for(
            service="athena",
            region=resource_runtime_part.region,
            state_credentials=state_credentials,
        )

    def _from_error(self, env, ex: Exception) -> FailureEvent:
        if isinstance(ex, ClientError):
            error_name = f"Athena.{ex.response['Error']['Code']}"
            return FailureEvent(
                env=env,
                error_name=CustomErrorName(error_name),
                event_type=HistoryEventType.TaskFailed,
                event_details=EventDetails(
                    taskFailedEventDetails=TaskFailedEventDetails(
                        error=error_name,
                        cause=ex.response["Error"].get("Message", ""),
                        resource=self._get_sfn_resource(),
                        resourceType=self._get_sfn_resource_type(),
                    )
                ),
            )
        return super()._from_error(env=env, ex=ex)

    def _eval_service_task(self, env, resource_runtime_part, normalised_parameters, state_credentials):
        if self._get_boto_service_action() != "start_query_execution":
            raise ValueError(f"Unsupported athena action {self.resource.api_action!r} in the harness")
        athena = self._athena(resource_runtime_part, state_credentials)
        response = athena.start_query_execution(**normalised_parameters)
        response.pop("ResponseMetadata", None)
        env.stack.append(response)

    def _eval_integration_pattern(self, env, resource_runtime_part, normalised_parameters, state_credentials):
        # StateTaskServiceCallback._eval_integration_pattern in moto 5.2.1 ends with an
        # unconditional callback_endpoint.interrupt_all(), and the endpoint is None for an
        # integration without .waitForTaskToken (Glue's .sync, the pattern followed here,
        # fails the same way: "'NoneType' object has no attribute 'interrupt_all'"). This
        # is the .sync path of that method without the callback endpoint.
        task_output = env.stack.pop()
        self.timeout.eval(env=env)
        timeout_seconds = env.stack.pop()
        env.stack.append(task_output)
        sync_resolver = self._build_sync_resolver(
            env=env,
            resource_runtime_part=resource_runtime_part,
            normalised_parameters=normalised_parameters,
            state_credentials=state_credentials,
        )
        outcome = self._eval_sync(
            env=env,
            sync_resolver=sync_resolver,
            timeout_seconds=timeout_seconds,
            callback_endpoint=None,
            heartbeat_endpoint=None,
        )
        env.stack.append(outcome)

    def _build_sync_resolver(self, env, resource_runtime_part, normalised_parameters, state_credentials):
        start_output: dict = env.stack.pop()
        query_execution_id: str = start_output["QueryExecutionId"]
        athena = self._athena(resource_runtime_part, state_credentials)

        def _sync_resolver() -> Any | None:
            response = athena.get_query_execution(QueryExecutionId=query_execution_id)
            response.pop("ResponseMetadata", None)
            response = _json_safe(response)
            state = response["QueryExecution"]["Status"]["State"]
            if state not in _QUERY_TERMINAL_STATES:
                return None  # QUEUED / RUNNING: poll again
            if state not in _QUERY_ABNORMAL_STATES:
                return response
            raise FailureEventException(
                FailureEvent(
                    env=env,
                    error_name=StatesErrorName(typ=StatesErrorNameType.StatesTaskFailed),
                    event_type=HistoryEventType.TaskFailed,
                    event_details=EventDetails(
                        taskFailedEventDetails=TaskFailedEventDetails(
                            resource=self._get_sfn_resource(),
                            resourceType=self._get_sfn_resource_type(),
                            error=StatesErrorNameType.StatesTaskFailed.to_name(),
                            cause=to_json_str(response),
                        )
                    ),
                )
            )

        return _sync_resolver


# ---------------------------------------------------------------------------------
# The Athena side: a fake engine behind moto's Athena backend
# ---------------------------------------------------------------------------------

_STATUS_CODES: Final[dict[str, int]] = {
    "TooManyRequestsException": 400,
    "InvalidRequestException": 400,
    "InternalServerException": 500,
}

_INSERT_SELECT = re.compile(
    r"^\s*INSERT\s+INTO\s+([\w.\"`]+)\s+SELECT\s+(\*|[\w\"`,\s]+?)\s+FROM\s+([\w.\"`]+)\s*;?\s*$",
    re.IGNORECASE | re.DOTALL,
)
# Replace mode (CopyDefinition / ReplaceStates): CTAS into a run's folder, ALTER TABLE … SET
# LOCATION, DROP TABLE. Only the statement shapes the state machine renders are modelled.
# The CTAS: `WITH (name = 'value', …)`, external_location first, then the table's format
# properties (CopyPlan.Job.ctasProperties); each property is checked by _ctas_properties.
_CTAS = re.compile(
    r"^\s*CREATE\s+TABLE\s+([\w.]+)\s+WITH\s*\(((?:\s*\w+\s*=\s*'[^']*'\s*,?)+)\)"
    r"\s*AS\s+SELECT\s+(\*|[\w\"`,\s]+?)\s+FROM\s+([\w.]+)\s*;?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_CTAS_PROPERTY = re.compile(r"\s*(\w+)\s*=\s*'([^']*)'\s*(?:,|$)")
# The CTAS properties the state machine renders, with the values Athena accepts for each
# (https://docs.aws.amazon.com/athena/latest/ug/create-table-as.html#ctas-table-properties;
# Parquet codecs Athena engine 3 writes: compression-support-hive.html).
_CTAS_VALUES = {
    "format": {"TEXTFILE", "PARQUET"},
    "field_delimiter": {","},
    "write_compression": {"SNAPPY", "GZIP", "ZSTD", "NONE"},
}


def _ctas_properties(text: str) -> dict[str, str] | None:
    """The WITH list as {name: value}, or None when it holds a property or value the state
    machine never renders, a text property on Parquet or no external_location first."""
    pairs = [(m.group(1).lower(), m.group(2)) for m in _CTAS_PROPERTY.finditer(text)]
    properties = dict(pairs)
    if not pairs or pairs[0][0] != "external_location" or len(properties) != len(pairs):
        return None
    for name, value in pairs[1:]:
        if value not in _CTAS_VALUES.get(name, set()):
            return None
    text_only, parquet_only = "field_delimiter" in properties, "write_compression" in properties
    if properties.get("format") == "TEXTFILE" and parquet_only or properties.get("format") == "PARQUET" and text_only:
        return None
    return properties
_ALTER_LOCATION = re.compile(r"^\s*ALTER\s+TABLE\s+([\w.]+)\s+SET\s+LOCATION\s+'([^']+)'\s*;?\s*$", re.IGNORECASE)
_DROP = re.compile(r"^\s*DROP\s+TABLE\s+(IF\s+EXISTS\s+)?([\w.]+)\s*;?\s*$", re.IGNORECASE)


# Partitioned tables (PartitionStates): a page of partitions named in the WHERE clause, INSERT
# INTO the table (append) or CTAS into a staging table partitioned_by its keys.
_INSERT_WHERE = re.compile(
    r"^\s*INSERT\s+INTO\s+([\w.]+)\s+SELECT\s+(.+?)\s+FROM\s+([\w.]+)\s+WHERE\s+(.+)$", re.IGNORECASE | re.DOTALL)
_CTAS_WHERE = re.compile(
    r"^\s*CREATE\s+TABLE\s+([\w.]+)\s+WITH\s*\((.*?)\)\s*AS\s+SELECT\s+(.+?)\s+FROM\s+([\w.]+)\s+WHERE\s+(.+)$",
    re.IGNORECASE | re.DOTALL)


def partitions_named(sql: str) -> list[dict[str, str]]:
    """The partitions a WHERE clause of `(k = 'v' AND k2 = CAST('3' AS integer)) OR …` names,
    read with sqlglot's Athena dialect (so every statement the harness runs parses)."""
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(sql, read="athena")
    where = tree.find(exp.Where)
    assert where is not None, sql

    def disjuncts(node):
        node = node.unnest() if isinstance(node, exp.Paren) else node
        return disjuncts(node.left) + disjuncts(node.right) if isinstance(node, exp.Or) else [node]

    def conjuncts(node):
        node = node.unnest() if isinstance(node, exp.Paren) else node
        return conjuncts(node.left) + conjuncts(node.right) if isinstance(node, exp.And) else [node]

    out = []
    for d in disjuncts(where.this):
        partition = {}
        for eq in conjuncts(d):
            assert isinstance(eq, exp.EQ), eq.sql()
            value = eq.expression.this if isinstance(eq.expression, exp.Cast) else eq.expression
            assert isinstance(value, exp.Literal) and value.is_string, eq.sql()
            partition[eq.this.name] = value.this
        out.append(partition)
    return out


def _strip_sql_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


def _ident(name: str) -> str:
    return name.replace('"', "").replace("`", "").lower()


class AthenaApiError(JsonRESTError):
    def __init__(self, error_code: str, message: str):
        super().__init__(error_code, message)
        self.code = _STATUS_CODES.get(error_code, 400)


@dataclass
class StartRecord:
    target: str | None
    query: str
    error: str | None  # the API error code StartQueryExecution raised, or None
    query_execution_id: str | None
    thread: str


@dataclass
class _Program:
    start_errors: list[tuple[str, str]] = field(default_factory=list)
    end_state: str | None = None  # FAILED / CANCELLED for the next query that runs
    reason: str = ""
    partial_rows: int = 0  # rows written before a FAILED query stops (Athena leaves them)


@dataclass
class _Query:
    target: str | None
    source: str | None
    kind: str = "insert"  # insert / ctas / alter / drop / insert_where / ctas_where
    where: list | None = None  # the partitions a partitioned statement names
    partitioned_by: list | None = None
    location: str | None = None  # CTAS external_location, ALTER's new location
    properties: dict[str, str] | None = None  # CTAS WITH properties
    if_exists: bool = False
    rows_written: bool = False
    end_state: str = "SUCCEEDED"
    reason: str = ""
    partial_rows: int = 0


class FakeAthenaEngine:
    """The query effects and the programmed failures. One per test."""

    def __init__(self):
        self._lock = threading.Lock()
        self.targets: dict[str, str] = {}  # "db.table" -> s3://bucket/prefix/
        self.sources: dict[str, list[list[Any]]] = {}  # "catalog.db.table" -> rows
        self._programs: dict[str, _Program] = {}
        self._queries: dict[str, _Query] = {}
        self.starts: list[StartRecord] = []
        self.created: list[str] = []  # CTAS tables, in order
        self.ctas_properties: dict[str, dict[str, str]] = {}  # CTAS table -> its WITH properties
        self.dropped: list[str] = []
        self.polls: list[tuple[str, str]] = []  # (query execution id, state seen)
        # A partitioned source table's keys; its rows end with their values.
        self.partition_keys: dict[str, list[str]] = {}
        self.skip_failures: dict[str, int] = {}  # queries of a table that run before a programmed failure
        # While set, StartQueryExecution waits for `release`, so an execution stays RUNNING.
        self._gate: tuple[threading.Event, threading.Event] | None = None

    # --- the registry the test sets up -------------------------------------------

    def add_target(self, table: str, location: str) -> None:
        self.targets[_ident(table)] = location if location.endswith("/") else location + "/"

    def add_source(self, table: str, rows: list[list[Any]]) -> None:
        self.sources[_ident(table)] = [list(r) for r in rows]

    # --- programmed failures -----------------------------------------------------

    def _program(self, table: str) -> _Program:
        return self._programs.setdefault(_ident(table), _Program())

    def fail_starts(self, table: str, code: str, times: int, message: str | None = None) -> None:
        """The next `times` StartQueryExecution calls for `table` raise `code`."""
        msg = message or f"{code} (programmed by the test)"
        self._program(table).start_errors.extend([(code, msg)] * times)

    def fail_query(self, table: str, state: str = "FAILED", reason: str = "", partial_rows: int = 0, after: int = 0) -> None:
        """The next query for `table` that starts (after `after` others) ends in `state` (FAILED or CANCELLED)."""
        self.skip_failures[_ident(table)] = after
        p = self._program(table)
        p.end_state, p.reason, p.partial_rows = state, reason or f"query {state} (programmed)", partial_rows

    def hold_starts(self) -> tuple[threading.Event, threading.Event]:
        """Every StartQueryExecution from now on waits until `release` is set; `reached` is set
        when the first one waits. Returns (reached, release)."""
        self._gate = (threading.Event(), threading.Event())
        return self._gate

    def starts_for(self, table: str) -> list[StartRecord]:
        return [s for s in self.starts if s.target == _ident(table)]

    # --- hooks into moto's Athena backend ----------------------------------------

    def install(self, monkeypatch) -> None:
        original_start = AthenaBackend.start_query_execution
        original_get = AthenaBackend.get_query_execution
        engine = self

        def start_query_execution(backend, query, context, config, workgroup, execution_parameters):
            parsed = engine._parse_any(query)
            target, source = parsed.target, parsed.source
            if engine._gate is not None:
                reached, release = engine._gate
                reached.set()
                release.wait(timeout=30)
            with engine._lock:
                program = engine._programs.get(target) if target else None
                if program and program.start_errors:
                    code, message = program.start_errors.pop(0)
                    engine.starts.append(StartRecord(target, query, code, None, threading.current_thread().name))
                    raise AthenaApiError(code, message)
            qid = original_start(backend, query, context, config, workgroup, execution_parameters)
            with engine._lock:
                q = parsed
                if program and program.end_state and engine.skip_failures.get(target, 0) > 0:
                    engine.skip_failures[target] -= 1
                elif program and program.end_state:
                    q.end_state, q.reason, q.partial_rows = program.end_state, program.reason, program.partial_rows
                    program.end_state = None
                engine._queries[qid] = q
                engine.starts.append(StartRecord(target, query, None, qid, threading.current_thread().name))
            return qid

        def get_query_execution(backend, exec_id):
            execution = original_get(backend, exec_id)
            q = engine._queries.get(exec_id)
            if q is not None and execution.status == "SUCCEEDED" and not q.rows_written:
                # The moment moto would report success is when the query "runs".
                q.rows_written = True
                engine._run(backend, exec_id, q, execution)
            engine.polls.append((exec_id, execution.status))
            return execution

        monkeypatch.setattr(AthenaBackend, "start_query_execution", start_query_execution)
        monkeypatch.setattr(AthenaBackend, "get_query_execution", get_query_execution)
        # Queries go QUEUED -> RUNNING -> terminal over successive GetQueryExecution
        # calls, so the .sync task really polls.
        state_manager.set_transition("athena::execution", {"progression": "manual", "times": 1})

    def uninstall(self) -> None:
        state_manager.unset_transition("athena::execution")

    # --- the query's effect ------------------------------------------------------

    @staticmethod
    def _parse(query: str) -> tuple[str | None, str | None]:
        m = _INSERT_SELECT.match(_strip_sql_comments(query))
        if not m:
            return None, None
        return _ident(m.group(1)), _ident(m.group(3))

    @staticmethod
    def _parse_any(query: str) -> _Query:
        sql = _strip_sql_comments(query)
        if m := _INSERT_WHERE.match(sql):
            return _Query(target=_ident(m.group(1)), source=_ident(m.group(3)), kind="insert_where", where=partitions_named(sql))
        if m := _CTAS_WHERE.match(sql):
            props = m.group(2)
            location = re.search(r"external_location\s*=\s*'([^']+)'", props).group(1)
            keys = re.findall(r"'(\w+)'", re.search(r"partitioned_by\s*=\s*ARRAY\[([^\]]*)\]", props).group(1))
            staging = _ident(m.group(1))
            return _Query(target=staging.split("__staging_")[0], source=_ident(m.group(4)), kind="ctas_where",
                          location=location, where=partitions_named(sql), partitioned_by=keys)
        if m := _INSERT_SELECT.match(sql):
            return _Query(target=_ident(m.group(1)), source=_ident(m.group(3)))
        if (m := _CTAS.match(sql)) and (properties := _ctas_properties(m.group(2))) is not None:
            # Programmed failures and start records name the table the CTAS is for.
            staging = _ident(m.group(1))
            return _Query(target=staging.split("__staging_")[0], source=_ident(m.group(4)), kind="ctas",
                          location=properties["external_location"], properties=properties)
        if m := _ALTER_LOCATION.match(sql):
            return _Query(target=_ident(m.group(1)), source=None, kind="alter", location=m.group(2))
        if m := _DROP.match(sql):
            return _Query(target=_ident(m.group(2)), source=None, kind="drop", if_exists=bool(m.group(1)))
        return _Query(target=None, source=None)

    def _fail(self, execution, q: _Query, state: str, reason: str) -> None:
        q.end_state, q.reason = state, reason
        execution.status = state

    def _run(self, backend: AthenaBackend, exec_id: str, q: _Query, execution) -> None:
        if q.kind in ("insert_where", "ctas_where"):
            return self._run_partitioned(backend, exec_id, q, execution)
        if q.kind == "ctas":
            return self._run_ctas(backend, exec_id, q, execution)
        if q.kind == "alter":
            return self._run_alter(backend, q, execution)
        if q.kind == "drop":
            return self._run_drop(q, execution, backend)
        if q.target is None:
            return self._fail(execution, q, "FAILED", "harness: only INSERT INTO t SELECT * FROM s is modelled")
        location = self.targets.get(q.target)
        if location is None:
            return self._fail(execution, q, "FAILED", f"TABLE_NOT_FOUND: {q.target}")
        catalog = q.source.split(".")[0] if q.source and q.source.count(".") == 2 else "awsdatacatalog"
        if catalog != "awsdatacatalog" and catalog not in {c.lower() for c in backend.data_catalogs}:
            return self._fail(execution, q, "FAILED", f"CATALOG_NOT_FOUND: {catalog}")
        rows = self.sources.get(q.source)
        if rows is None:
            return self._fail(execution, q, "FAILED", f"TABLE_NOT_FOUND: {q.source}")
        if q.end_state != "SUCCEEDED":
            if q.partial_rows:
                self._write(backend.account_id, location, exec_id, rows[: q.partial_rows])
            return self._fail(execution, q, q.end_state, q.reason)
        self._write(backend.account_id, location, exec_id, rows)

    # --- replace mode -------------------------------------------------------------

    def _run_ctas(self, backend, exec_id: str, q: _Query, execution) -> None:
        staging = _ident(re.match(r"\s*CREATE\s+TABLE\s+([\w.]+)", _strip_sql_comments(execution.query), re.I).group(1))
        if staging in self.targets:
            return self._fail(execution, q, "FAILED", f"TABLE_ALREADY_EXISTS: {staging}")
        bucket, _, prefix = q.location[len("s3://"):].partition("/")
        s3 = s3_backends[backend.account_id]["aws"]
        if any(key.startswith(prefix) for key in s3.get_bucket(bucket).keys):
            # Athena refuses a CTAS whose external_location holds data (HIVE_PATH_ALREADY_EXISTS).
            return self._fail(execution, q, "FAILED", f"HIVE_PATH_ALREADY_EXISTS: {q.location}")
        rows = self.sources.get(q.source)
        if rows is None:
            return self._fail(execution, q, "FAILED", f"TABLE_NOT_FOUND: {q.source}")
        if q.end_state != "SUCCEEDED":
            if q.partial_rows:
                self._write(backend.account_id, q.location, exec_id, rows[: q.partial_rows])
            return self._fail(execution, q, q.end_state, q.reason)
        self._write(backend.account_id, q.location, exec_id, rows)
        self.targets[staging] = q.location
        self.created.append(staging)
        self.ctas_properties[staging] = q.properties or {}

    def _run_alter(self, backend, q: _Query, execution) -> None:
        if q.target not in self.targets:
            return self._fail(execution, q, "FAILED", f"TABLE_NOT_FOUND: {q.target}")
        if q.end_state != "SUCCEEDED":
            return self._fail(execution, q, q.end_state, q.reason)
        self.targets[q.target] = q.location
        # The Glue table the state machine's GetTable reads, in moto.
        from moto.glue.models import glue_backends
        database, name = q.target.split(".", 1)
        glue = glue_backends[backend.account_id][backend.region_name]
        table = glue.get_table(database, name)
        current = dict(table.get_version(str(table._current_version)))
        current["StorageDescriptor"] = dict(current.get("StorageDescriptor", {}), Location=q.location)
        glue.update_table(database, name, current)

    def _run_drop(self, q: _Query, execution, backend=None) -> None:
        if q.target not in self.targets:
            if q.if_exists:
                return None
            return self._fail(execution, q, "FAILED", f"TABLE_NOT_FOUND: {q.target}")
        del self.targets[q.target]  # external: the files stay
        self.dropped.append(q.target)
        if backend is not None:  # a partitioned staging table is in Glue, with its partitions
            database, name = q.target.split(".", 1)
            glue = self._glue(backend)
            if name in glue.get_database(database).tables:
                glue.delete_table(database, name)

    # --- partitioned tables ---------------------------------------------------------

    @staticmethod
    def _glue(backend):
        from moto.glue.models import glue_backends
        return glue_backends[backend.account_id][backend.region_name]

    def _run_partitioned(self, backend, exec_id: str, q: _Query, execution) -> None:
        """INSERT INTO a partitioned table, or CTAS a partitioned staging table, with the named
        partitions' rows: one file per partition under `<location><k>=<v>/`, each partition
        registered in Glue when the query succeeds (as Athena does), none when it fails."""
        keys = self.partition_keys.get(q.source)
        rows = self.sources.get(q.source)
        if keys is None or rows is None:
            return self._fail(execution, q, "FAILED", f"TABLE_NOT_FOUND: {q.source}")
        sql = _strip_sql_comments(execution.query)
        staging = _ident(re.match(r"\s*CREATE\s+TABLE\s+([\w.]+)", sql, re.I).group(1)) if q.kind == "ctas_where" else None
        glue = self._glue(backend)
        s3 = s3_backends[backend.account_id]["aws"]
        if staging:
            if staging in self.targets:
                return self._fail(execution, q, "FAILED", f"TABLE_ALREADY_EXISTS: {staging}")
            location = q.location
            bucket, _, prefix = location[len("s3://"):].partition("/")
            if any(k.startswith(prefix) for k in s3.get_bucket(bucket).keys):
                return self._fail(execution, q, "FAILED", f"HIVE_PATH_ALREADY_EXISTS: {location}")
        else:
            location = self.targets.get(q.target)
            if location is None:
                return self._fail(execution, q, "FAILED", f"TABLE_NOT_FOUND: {q.target}")
        wanted = [tuple(p[k] for k in keys) for p in q.where]
        assert len(wanted) <= 100, f"{len(wanted)} partitions in one statement; Athena writes at most 100"
        by_partition: dict[tuple, list] = {}
        for row in rows:
            values = tuple(str(v) for v in row[len(row) - len(keys):])
            if values in wanted:
                by_partition.setdefault(values, []).append(row[: len(row) - len(keys)])
        folders = {values: location + "".join(f"{k}={v}/" for k, v in zip(keys, values)) for values in by_partition}
        if q.end_state != "SUCCEEDED":
            if q.partial_rows and by_partition:
                values = next(iter(by_partition))
                self._write(backend.account_id, folders[values], exec_id, by_partition[values][: q.partial_rows])
            return self._fail(execution, q, q.end_state, q.reason)
        database, name = (staging or q.target).split(".", 1)
        if staging:
            glue.create_table(database, name, {
                "Name": name, "TableType": "EXTERNAL_TABLE",
                "PartitionKeys": [{"Name": k, "Type": "string"} for k in keys],
                "StorageDescriptor": {"Location": location, "Columns": [{"Name": "c", "Type": "string"}]}})
            self.targets[staging] = location
            self.created.append(staging)
        table = glue.get_table(database, name)
        for values, part_rows in by_partition.items():
            self._write(backend.account_id, folders[values], exec_id, part_rows)
            if str(list(values)) not in table.partitions:
                table.create_partition({"Values": list(values), "StorageDescriptor": {
                    "Location": folders[values], "Columns": [{"Name": "c", "Type": "string"}]}})

    @staticmethod
    def _write(account_id: str, location: str, exec_id: str, rows: list[list[Any]]) -> None:
        m = re.match(r"s3://([^/]+)/(.*)$", location)
        bucket, prefix = m.group(1), m.group(2)
        # LazySimpleSerDe with field.delim ',' (the target tables' SerDe); one file per query,
        # named after the query id as Athena does.
        body = "".join(",".join("" if v is None else str(v) for v in row) + "\n" for row in rows)
        s3_backends[account_id]["aws"].put_object(bucket, f"{prefix}{exec_id}_00000", body.encode())


def athena_service_factory(original: Callable[[str], Any]) -> Callable[[str], Any]:
    """A replacement for state_task_service_for that knows "athena"."""

    def state_task_service_for(service_name: str):
        if service_name == "athena":
            return StateTaskServiceAthena()
        return original(service_name)

    return state_task_service_for
