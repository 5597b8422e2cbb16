"""The JSONata expressions of PartitionStates.swift, modelled for the harness's evaluator
(moto_patches.py, item 4). Each is taken by its exact text from the rendered definition's
state that uses it, so a change in Swift that the model does not follow fails as "expression
not modelled". Their JSONata semantics were checked against a JSONata implementation
(jsonata-python 0.7.1) on the same inputs: `[…]` makes a list of zero or one match a list, a
key whose value is undefined is left out of an object (https://docs.jsonata.org/construction),
`$string` of an array is its JSON text without spaces, `$replace` with a string replaces every
occurrence (https://docs.jsonata.org/string-functions)."""

from __future__ import annotations

import json
from typing import Any

import moto_patches


def key(values: list[str]) -> str:
    return json.dumps(values, separators=(",", ":"), ensure_ascii=False)


def _partitions(states: dict) -> list[dict]:
    return (states.get("result") or {}).get("Partitions") or []


def _with_token(fields: dict, token: Any) -> dict:
    if token is not None:
        fields["token"] = token
    return fields


def _target(states: dict, more: bool) -> dict:
    inp = states["input"]
    known = (inp["parts"].get("known", []) if more else []) + [{"v": p["Values"]} for p in _partitions(states)]
    return {**inp, "parts": _with_token({"known": known, "copied": [], "pages": 0}, states["result"].get("NextToken"))}


def _source(states: dict) -> dict:
    inp = states["input"]
    parts, found = inp["parts"], _partitions(states)
    known = [key(k["v"]) for k in parts.get("known", [])]
    page = [{"values": p["Values"]} for p in found if inp["mode"] != "partitions" or key(p["Values"]) not in known]
    fields = {"known": parts.get("known", []), "copied": parts.get("copied", []) + [key(p["Values"]) for p in found],
              "count": len(parts.get("copied", [])) + len(found), "pages": parts["pages"] + 1, "page": page}
    return {**inp, "parts": _with_token(fields, states["result"].get("NextToken"))}


def predicate(inp: dict) -> str:
    def one(partition: dict) -> str:
        return "(" + " AND ".join(k["before"] + v.replace("'", "''") + k["after"]
                                  for k, v in zip(inp["keys"], partition["values"])) + ")"
    return " OR ".join(one(p) for p in inp["parts"]["page"])


def _insert(states: dict) -> str:
    i = states["input"]
    return f"INSERT INTO {i['target']} SELECT {i['columns']} FROM {i['source']} WHERE {predicate(i)}"


def _stage(states: dict) -> str:
    i = states["input"]
    return (f"CREATE TABLE {i['run']['staging']} WITH (external_location = '{i['run']['location']}p{i['parts']['pages']}/', "
            f"{i['ctas']}) AS SELECT {i['columns']} FROM {i['source']} WHERE {predicate(i)}")


def _staged(states: dict) -> dict:
    inp = states["input"]
    known = [key(k["v"]) for k in inp["parts"].get("known", [])]
    found = _partitions(states)
    create = [{"Values": p["Values"], "StorageDescriptor": p["StorageDescriptor"]} for p in found if key(p["Values"]) not in known]
    update = [{"PartitionValueList": p["Values"], "PartitionInput": {"Values": p["Values"], "StorageDescriptor": p["StorageDescriptor"]}}
              for p in found if key(p["Values"]) in known]
    return {**inp, "staged": _with_token({"create": create, "update": update}, states["result"].get("NextToken"))}


def _removed(states: dict) -> dict:
    inp = states["input"]
    copied = inp["parts"].get("copied", [])
    return {**inp, "removed": [k for k in inp["parts"].get("known", []) if key(k["v"]) not in copied]}


def _first_removed(states: dict) -> list:
    return [{"Values": k["v"]} for k in states["input"]["removed"][:25]]


def _rest_removed(states: dict) -> dict:
    inp = states["input"]
    return {**inp, "removed": inp["removed"][25:], "deleteErrors": len((states.get("result") or {}).get("Errors") or [])}


def _expression(text: str) -> str:
    assert text.startswith("{%") and text.endswith("%}"), text
    return text[2:-2].strip()


def install(item_states: dict) -> None:
    """Models the expressions of the rendered Map processor's partition states."""
    models = {
        item_states["ReadTargetPartitions"]["Output"]: lambda s: _target(s, more=False),
        item_states["ReadMoreTargetPartitions"]["Output"]: lambda s: _target(s, more=True),
        item_states["ReadSourcePartitions"]["Output"]: _source,
        item_states["InsertPage"]["Arguments"]["QueryString"]: _insert,
        item_states["StagePage"]["Arguments"]["QueryString"]: _stage,
        item_states["ReadStagedPartitions"]["Output"]: _staged,
    }
    assert item_states["ReadMoreSourcePartitions"]["Output"] == item_states["ReadSourcePartitions"]["Output"]
    if "ListRemovedPartitions" in item_states:
        models[item_states["ListRemovedPartitions"]["Output"]] = _removed
        models[item_states["DeleteRemovedPartitions"]["Arguments"]["PartitionsToDelete"]] = _first_removed
        models[item_states["DeleteRemovedPartitions"]["Output"]] = _rest_removed
    for text, model in models.items():
        moto_patches.MODELLED[_expression(text)] = model


def uninstall() -> None:
    moto_patches.MODELLED.clear()
