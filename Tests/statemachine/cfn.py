"""Reads a rendered CloudFormation template the way a deploy would see it.

Only what the state-machine harness needs: find the state machine, resolve the few
intrinsics its properties use (Ref / Fn::GetAtt Arn / Fn::Sub / Fn::Join) to the values
CloudFormation would give them, and apply DefinitionSubstitutions to the Definition.
Anything it does not know raises instead of guessing, so a template change that the
harness cannot follow fails loudly rather than running a different state machine.
"""

from __future__ import annotations

import json
import pathlib
import re
from dataclasses import dataclass
from typing import Any

STATE_MACHINE_TYPE = "AWS::StepFunctions::StateMachine"

# What `Ref` returns per resource type (the CloudFormation reference of each type).
_REF_NAME_PROPERTY = {
    "AWS::Athena::WorkGroup": ("Name",),
    "AWS::Athena::DataCatalog": ("Name",),
    "AWS::Glue::Database": ("DatabaseInput", "Name"),
    "AWS::S3::Bucket": ("BucketName",),
    "AWS::IAM::Role": ("RoleName",),
    "AWS::Logs::LogGroup": ("LogGroupName",),
    "AWS::StepFunctions::StateMachine": None,  # Ref is the ARN
}


class UnresolvableIntrinsic(ValueError):
    pass


@dataclass
class Template:
    path: pathlib.Path
    body: dict
    account: str
    region: str
    stack_name: str

    @classmethod
    def load(cls, path: pathlib.Path | str, stack_name: str | None = None) -> "Template":
        path = pathlib.Path(path)
        body = json.loads(path.read_text(encoding="utf-8"))
        account, region = _account_and_region(body)
        return cls(path=path, body=body, account=account, region=region,
                   stack_name=stack_name or path.stem)

    @property
    def resources(self) -> dict:
        return self.body.get("Resources", {})

    def of_type(self, typ: str) -> dict[str, dict]:
        return {k: v for k, v in self.resources.items() if v.get("Type") == typ}

    def state_machine_id(self) -> str:
        ids = list(self.of_type(STATE_MACHINE_TYPE))
        if len(ids) != 1:
            raise ValueError(f"{self.path}: expected one state machine, found {ids}")
        return ids[0]

    # --- intrinsics -------------------------------------------------------------

    def physical_name(self, logical_id: str) -> str:
        """The value `Ref: logical_id` gives once deployed."""
        if logical_id == "AWS::AccountId":
            return self.account
        if logical_id == "AWS::Region":
            return self.region
        if logical_id == "AWS::Partition":
            return "aws"
        if logical_id == "AWS::StackName":
            return self.stack_name
        resource = self.resources.get(logical_id)
        if resource is None:
            raise UnresolvableIntrinsic(f"Ref to unknown resource {logical_id!r}")
        typ = resource["Type"]
        if typ not in _REF_NAME_PROPERTY:
            raise UnresolvableIntrinsic(f"Ref to {typ} ({logical_id}) is not modelled")
        if typ == STATE_MACHINE_TYPE:
            return self.arn(logical_id)
        name: Any = resource.get("Properties", {})
        for key in _REF_NAME_PROPERTY[typ]:
            name = name.get(key) if isinstance(name, dict) else None
        if name is None:
            # CloudFormation generates <stack>-<logicalId>-<suffix>; any stable value works here.
            return f"{self.stack_name}-{logical_id}"[:64]
        return self.resolve(name)

    def arn(self, logical_id: str) -> str:
        """The value `Fn::GetAtt [logical_id, Arn]` gives once deployed."""
        typ = self.resources[logical_id]["Type"]
        name = None if typ == STATE_MACHINE_TYPE else self.physical_name(logical_id)
        a, r = self.account, self.region
        if typ == "AWS::IAM::Role":
            return f"arn:aws:iam::{a}:role/{name}"
        if typ == "AWS::S3::Bucket":
            return f"arn:aws:s3:::{name}"
        if typ == "AWS::Logs::LogGroup":
            return f"arn:aws:logs:{r}:{a}:log-group:{name}:*"
        if typ == "AWS::Athena::WorkGroup":
            return f"arn:aws:athena:{r}:{a}:workgroup/{name}"
        if typ == STATE_MACHINE_TYPE:
            sm_name = self.resources[logical_id]["Properties"].get("StateMachineName", logical_id)
            return f"arn:aws:states:{r}:{a}:stateMachine:{sm_name}"
        raise UnresolvableIntrinsic(f"GetAtt {logical_id}.Arn of {typ} is not modelled")

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (key, arg), = value.items()
            if key == "Ref":
                return self.physical_name(arg)
            if key == "Fn::GetAtt":
                logical_id, attribute = arg if isinstance(arg, list) else arg.split(".", 1)
                if attribute != "Arn":
                    raise UnresolvableIntrinsic(f"GetAtt {logical_id}.{attribute} is not modelled")
                return self.arn(logical_id)
            if key == "Fn::Join":
                sep, parts = arg
                return sep.join(str(self.resolve(p)) for p in parts)
            if key == "Fn::Sub":
                text, extra = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])
                extra = {k: self.resolve(v) for k, v in extra.items()}

                def sub(m: re.Match) -> str:
                    ref = m.group(1)
                    if ref in extra:
                        return str(extra[ref])
                    if "." in ref:
                        lid, attr = ref.split(".", 1)
                        return self.resolve({"Fn::GetAtt": [lid, attr]})
                    return self.physical_name(ref)

                return re.sub(r"\$\{([^!}][^}]*)\}", sub, text)
            if key.startswith("Fn::"):
                raise UnresolvableIntrinsic(f"{key} is not modelled")
        return {k: self.resolve(v) for k, v in value.items()}

    # --- the state machine as CloudFormation would create it ----------------------

    def state_machine(self) -> "RenderedStateMachine":
        logical_id = self.state_machine_id()
        props = self.resources[logical_id]["Properties"]
        if "Definition" not in props:
            raise ValueError(f"{logical_id}: only an inline Definition object is supported")
        definition = props["Definition"]
        _refuse_intrinsics(definition, where=f"{logical_id}.Definition")
        substitutions = {k: self.resolve(v) for k, v in props.get("DefinitionSubstitutions", {}).items()}
        return RenderedStateMachine(
            logical_id=logical_id,
            name=props.get("StateMachineName", logical_id),
            role_arn=self.resolve(props["RoleArn"]),
            definition=substitute(json.dumps(definition), substitutions),
            substitutions=substitutions,
            type=props.get("StateMachineType", "STANDARD"),
        )


@dataclass
class RenderedStateMachine:
    logical_id: str
    name: str
    role_arn: str
    definition: str  # the definition string after DefinitionSubstitutions
    substitutions: dict
    type: str

    @property
    def asl(self) -> dict:
        return json.loads(self.definition)


def substitute(definition: str, substitutions: dict) -> str:
    """CloudFormation's DefinitionSubstitutions: every ${Key} with Key in the map is
    replaced by its value in the definition string; other ${...} stay as written."""
    for key, value in substitutions.items():
        if not isinstance(value, (str, int, float, bool)):
            raise UnresolvableIntrinsic(f"substitution {key} resolved to {value!r}")
        text = value if isinstance(value, str) else json.dumps(value)
        # Inserted into a JSON string literal: keep the document valid.
        definition = definition.replace("${" + key + "}", json.dumps(text)[1:-1])
    return definition


def _refuse_intrinsics(value: Any, where: str) -> None:
    # CloudFormation does not resolve intrinsics inside a Definition object; the
    # synthesizer is meant to use DefinitionSubstitutions for deploy-time values.
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "Ref" or k.startswith("Fn::"):
                raise UnresolvableIntrinsic(f"{where}: intrinsic {k} inside the Definition")
            _refuse_intrinsics(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _refuse_intrinsics(v, f"{where}[{i}]")


def _account_and_region(body: dict) -> tuple[str, str]:
    # The synthesizer writes concrete ARNs (it knows the target account and Region);
    # the state machine's own ARN in the execution role's policy names both.
    text = json.dumps(body)
    m = re.search(r"arn:aws:states:([a-z0-9-]+):(\d{12}):stateMachine:", text)
    if not m:
        m = re.search(r"arn:aws:[a-z0-9-]+:([a-z]{2}-[a-z]+-\d):(\d{12}):", text)
    if not m:
        raise ValueError("cannot tell the target account and Region from the template")
    return m.group(2), m.group(1)


# --- the target tables' locations --------------------------------------------------

_CREATE_TABLE = re.compile(
    r"CREATE\s+EXTERNAL\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?([\w.]+)`?.*?LOCATION\s+'([^']+)'",
    re.IGNORECASE | re.DOTALL,
)


def target_table_locations(template: Template) -> dict[str, str]:
    """{"db.table": "s3://bucket/prefix/"} for the target tables, from the template's
    AWS::Glue::Table resources (catalog as code) or else the DDL rendered beside it."""
    locations: dict[str, str] = {}
    for lid, res in template.of_type("AWS::Glue::Table").items():
        props = template.resolve(res["Properties"])
        db = props["DatabaseName"]
        ti = props["TableInput"]
        locations[f"{db}.{ti['Name']}".lower()] = ti["StorageDescriptor"]["Location"]
    if locations:
        return locations
    ddl = template.path.with_name("target-create-database-and-table.sql")
    if ddl.exists():
        for m in _CREATE_TABLE.finditer(ddl.read_text(encoding="utf-8")):
            locations[m.group(1).lower()] = m.group(2)
    if not locations:
        raise ValueError(f"no target tables found in {template.path} or {ddl}")
    return locations
