#!/usr/bin/env python3
"""Parses every SQL statement synth renders with sqlglot's Athena dialect.

Statements: the DDL files (`*.sql` in OUT), the queries in the state machine definitions of
the target template (the seed's literal QueryString, or the Map's `States.Format` template
filled with each job of its list), and the statements the deploy plan and its teardown run
(the `run_query … <<'SQL'` here-documents).

Usage: sql_lint.py OUT [TEARDOWN_SCRIPT]
Prints one line per statement that does not parse, then `sql-lint: N statements, M unparsable`;
exits 1 when any does not parse or when no statement was found.
"""
import glob
import json
import os
import re
import sys

import sqlglot
from sqlglot.errors import SqlglotError


def ddl_statements(out):
    for path in sorted(glob.glob(os.path.join(out, "*.sql"))):
        with open(path, encoding="utf-8") as f:
            yield os.path.basename(path), f.read()


def fill_format(template, values):
    """States.Format('… {} …', a, b): each {} in turn replaced by its value."""
    pieces = template.split("{}")
    if len(pieces) != len(values) + 1:
        raise ValueError(f"States.Format template {template!r} takes {len(pieces) - 1} values, got {len(values)}")
    return "".join(piece + (values[i] if i < len(values) else "") for i, piece in enumerate(pieces))


def format_call(expression):
    """('template', ['$.a', '$.b']) of a `States.Format('template', $.a, $.b)` expression."""
    match = re.fullmatch(r"States\.Format\('((?:[^'\\]|\\.)*)'((?:\s*,\s*\$\.[A-Za-z0-9_.]+)*)\)", expression.strip())
    if not match:
        raise ValueError(f"not a States.Format call synth renders: {expression}")
    return match.group(1).replace("\\'", "'"), re.findall(r"\$\.([A-Za-z0-9_.]+)", match.group(2))


# What replace mode's states compute at run time (ReplaceStates' NameRun, ReadPreviousCopy):
# example values of the shape the state machine builds.
RUN_VALUES = {
    "run.id": "0123456789abcdef0123456789abcdef",
    "run.staging": "db.t__staging_0123456789abcdef0123456789abcdef",
    "run.location": "s3://bucket/t/runs/0123456789abcdef0123456789abcdef/",
}


def applies_to(paths, job):
    """Whether a processor state's query runs for a job: replace mode's states (the ones that
    read the run's values) for replaced tables only, the others for every other table."""
    replaced = job.get("mode") == "replace"
    return any(path.startswith("run.") for path in paths) == replaced


def definition_queries(definition, items=None):
    """(label, SQL) for every Athena task in a definition, Map processors included."""
    for name, state in definition.get("States", {}).items():
        if state.get("Type") == "Map":
            processor = state.get("ItemProcessor") or state.get("Iterator") or {}
            jobs = items if items is not None else []
            yield from definition_queries(processor, jobs)
        parameters = state.get("Parameters") or {}
        if "QueryString" in parameters:
            yield f"state {name}", parameters["QueryString"]
        elif "QueryString.$" in parameters:
            template, paths = format_call(parameters["QueryString.$"])
            for index, job in enumerate(items or []):
                if not applies_to(paths, job):
                    continue
                values = [RUN_VALUES[path] if path in RUN_VALUES else str(job[path]) for path in paths]
                yield f"state {name} (job {index})", fill_format(template, values)
        if state.get("Type") == "Pass" and isinstance(state.get("Result"), list):
            items = state["Result"]


def template_queries(out):
    path = os.path.join(out, "target-stack.json")
    with open(path, encoding="utf-8") as f:
        template = json.load(f)
    for logical, resource in template.get("Resources", {}).items():
        if resource.get("Type") == "AWS::StepFunctions::StateMachine":
            definition = resource.get("Properties", {}).get("Definition", {})
            for label, sql in definition_queries(definition):
                yield f"target-stack.json {logical} {label}", sql


def script_queries(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for index, sql in enumerate(re.findall(r"<<'SQL'\n(.*?)\nSQL\n", text, re.DOTALL)):
        yield f"{os.path.basename(path)} statement {index + 1}", sql


def main():
    out = sys.argv[1]
    sources = list(ddl_statements(out)) + list(template_queries(out)) + list(script_queries(os.path.join(out, "deploy-plan.sh")))
    if len(sys.argv) > 2:
        sources += list(script_queries(sys.argv[2]))
    statements = failures = 0
    for label, sql in sources:
        try:
            parsed = [statement for statement in sqlglot.parse(sql, read="athena") if statement is not None]
        except SqlglotError as error:
            failures += 1
            print(f"sql-lint: {label}: {str(error).splitlines()[0]}\n    {sql.strip()[:300]}")
            continue
        statements += len(parsed)
    print(f"sql-lint: {statements} statements, {failures} unparsable")
    return 0 if failures == 0 and statements > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
