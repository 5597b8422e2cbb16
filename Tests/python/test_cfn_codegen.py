"""The L1 generator (scripts/cfn_codegen.py) on small schemas, one per shape it maps."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import cfn_codegen  # noqa: E402

WIDGET = {
    "typeName": "AWS::Demo::Widget",
    "additionalProperties": False,
    "properties": {
        "Name": {"type": "string", "pattern": "^[a-z]+$"},
        "Size": {"type": "integer"},
        "Mode": {"type": "string", "enum": ["FAST", "slow-ish", "none", "other", "1x"]},
        "Level": {"type": "integer", "enum": [1, 2]},
        "Config": {"$ref": "#/definitions/Config"},
        "Rules": {"type": "array", "items": {"$ref": "#/definitions/Rule"}},
        "Labels": {"type": "object", "patternProperties": {"^.+$": {"type": "string"}}},
        "Document": {"type": ["object", "string"]},
        "Choice": {"oneOf": [{"type": "string"}, {"$ref": "#/definitions/Config"}]},
        "Either": {"$ref": "#/definitions/Either"},
        "Tags": {"type": "array", "items": {"$ref": "#/definitions/Tag"}},
        "Arn": {"type": "string"},
        "Inline": {"type": "object", "properties": {"Depth": {"type": "integer"}}},
    },
    "definitions": {
        "Config": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"Enabled": {"type": "boolean"}, "Retention": {"type": "string", "enum": ["DAYS"]}},
            "required": ["Enabled"],
        },
        "Rule": {
            "type": "object",
            "properties": {"Id": {"type": "string"}, "Not": {"$ref": "#/definitions/Rule"}, "And": {"type": "array", "items": {"$ref": "#/definitions/Rule"}}},
        },
        "Either": {
            "type": "object",
            "properties": {"A": {"type": "string"}, "B": {"type": "string"}},
            "oneOf": [{"required": ["A"]}, {"required": ["B"]}],
        },
        "Tag": {"type": "object", "properties": {"Key": {"type": "string"}, "Value": {"type": "string"}}, "required": ["Key", "Value"]},
    },
    "required": ["Name", "Config"],
    "readOnlyProperties": ["/properties/Arn", "/properties/Config/Id", "/properties/Rules/*/Id"],
    "createOnlyProperties": ["/properties/Name"],
    "tagging": {"taggable": True},
}


def render(schema, type_name="AWS::Demo::Widget"):
    files = cfn_codegen.render_resource_files(type_name, schema, "0.0")
    return "\n".join(files.values())


@pytest.fixture(scope="module")
def widget():
    return render(WIDGET)


def test_resource_struct_names_its_type_and_module(widget):
    assert "public struct DemoWidgetProperties: TaggableProperties, ReadableAttributes {" in widget
    assert 'public static let resourceType = "AWS::Demo::Widget"' in widget
    assert cfn_codegen.module_name(cfn_codegen.service_of("AWS::Demo::Widget")[0]) == "CloudFormationDemo"
    assert cfn_codegen.service_of("Alexa::ASK::Skill") == ("AlexaASK", "Skill")


def test_required_properties_are_not_optional(widget):
    assert "public var name: Value\n" in widget
    assert "public var config: DemoWidgetProperties.Config\n" in widget
    assert "public var size: Value?\n" in widget
    assert "        name: Value,\n" in widget and "        size: Value? = nil,\n" in widget
    assert 'fields.append(Value.Field("Name", self.name))' in widget
    assert 'if let value = self.size { fields.append(Value.Field("Size", value)) }' in widget


def test_nested_definition_is_a_struct_with_its_required_member(widget):
    assert "public struct Config: PropertyValue {" in widget
    assert "public var enabled: Value\n" in widget
    assert 'fields.append(Value.Field("Config", self.config.propertyValue))' in widget


def test_enums_have_a_case_per_value_and_an_escape(widget):
    assert "public enum Mode: PropertyValue {" in widget
    for case, raw in [("fast", "FAST"), ("slowIsh", "slow-ish"), ("noneValue", "none"), ("other_", "other"), ("_1x", "1x")]:
        assert f"        case {case}\n" in widget
        assert f'case .{case}: "{raw}"' in widget
    assert "case other(Value)" in widget and "case .other(let value): value" in widget
    assert "public enum Level: PropertyValue {" in widget and "case ._1: .int(1)" in widget
    # An enum of a nested struct lives inside that struct.
    assert "public var retention: DemoWidgetProperties.Config.Retention?" in widget


def test_arrays_maps_and_free_json(widget):
    assert "public var rules: [DemoWidgetProperties.Rule]?" in widget
    assert '.array(value.map { $0.propertyValue })' in widget
    assert "public var labels: [String: Value]?" in widget
    assert '.sortedObject(value)' in widget
    assert "public var document: Value?" in widget


def test_one_of_with_different_types_is_a_value_and_required_only_branches_are_ignored(widget):
    assert "public var choice: Value?" in widget
    assert "public var either: DemoWidgetProperties.Either?" in widget
    assert "public var a: Value?" in widget and "public var b: Value?" in widget


def test_tags_use_the_library_tag_and_the_type_takes_stack_tags(widget):
    assert "public var tags: [Tag]\n" in widget
    assert "tags: [Tag] = []" in widget
    assert 'if !self.tags.isEmpty { fields.append(Value.Field("Tags", Tag.listValue(self.tags))) }' in widget
    assert "struct Tag" not in widget


def test_a_tags_map_makes_the_type_take_stack_tags_in_its_map():
    schema = {"properties": {"Tags": {"type": "object", "patternProperties": {"^.+$": {"type": "string"}}}, "Name": {"type": "string"}}, "tagging": {"taggable": True}}
    text = render(schema, "AWS::Demo::Mapped")
    assert "public struct DemoMappedProperties: MapTaggableProperties {" in text
    assert "public var tags: [String: Value]?" in text
    untaggable = render(dict(schema, tagging={"taggable": False}), "AWS::Demo::Mapped")
    assert "public struct DemoMappedProperties: ResourceProperties {" in untaggable
    assert "public var tags: [String: Value]?" in untaggable


def test_read_only_properties_are_attributes_not_settable(widget):
    assert "public var arn:" not in widget
    assert 'case arn = "Arn"' in widget
    assert 'case configId = "Config.Id"' in widget
    assert "Rules.*" not in widget


def test_create_only_and_required_are_documented_with_the_reference(widget):
    assert "/// `Name`. Required. Create-only: changing it replaces the resource. Pattern: `^[a-z]+$`." in widget
    assert "aws-resource-demo-widget.html#cfn-demo-widget-name" in widget
    assert "aws-properties-demo-widget-config.html" in widget


def test_a_pattern_too_long_or_with_a_backtick_is_left_out_of_the_docs():
    schema = {"properties": {"Long": {"type": "string", "pattern": "a" * 121}, "Tick": {"type": "string", "pattern": "^`$"}, "Short": {"type": "string", "pattern": "a" * 120}}}
    text = render(schema, "AWS::Demo::Patterns")
    assert "/// `Long`.\n" in text and "/// `Tick`.\n" in text
    assert f"/// `Short`. Pattern: `{'a' * 120}`." in text


def test_a_struct_that_contains_itself_is_stored_indirectly(widget):
    assert "private var _not: Indirect<DemoWidgetProperties.Rule>?" in widget
    assert "get { _not?.value }" in widget
    # Through a list there is no cycle in the struct's layout.
    assert "public var and: [DemoWidgetProperties.Rule]?" in widget


def test_inline_object_becomes_a_named_struct(widget):
    assert "public struct Inline: PropertyValue {" in widget
    assert "public var depth: Value?" in widget


def test_keys_render_in_sorted_order(widget):
    body = widget.split("public func fields()")[1]
    keys = [line.split('Value.Field("')[1].split('"')[0] for line in body.splitlines() if 'Value.Field("' in line]
    assert keys == sorted(keys)


def test_keywords_are_escaped_and_names_do_not_collide():
    schema = {
        "properties": {
            "Default": {"type": "string"},
            "Protocol": {"type": "string", "enum": ["tcp", "TCP"]},
            "PropertyValue": {"type": "string"},
            "Value": {"$ref": "#/definitions/Value"},
        },
        "definitions": {"Value": {"type": "object", "properties": {"Type": {"type": "string"}}}},
    }
    text = render(schema, "AWS::Demo::Keywords")
    assert "public var `default`: Value?" in text
    assert "self.`default` = `default`" in text
    assert "public enum ProtocolProperty: PropertyValue {" in text
    assert "case tcp\n" in text and "case tcp_\n" in text
    assert "public struct ValueProperty: PropertyValue {" in text
    assert "public var propertyValue: Value?" in text  # a resource has no propertyValue member


def test_lower_camel():
    cases = {
        "BucketName": "bucketName", "SSEAlgorithm": "sseAlgorithm", "KMSMasterKeyID": "kmsMasterKeyID", "ID": "id",
        "IPv6Address": "ipv6Address", "S3Bucket": "s3Bucket", "PAY_PER_REQUEST": "payPerRequest", "aws:kms": "awsKms",
        "t2.micro": "t2Micro", "AES256": "aes256",
    }
    assert {name: cfn_codegen.lower_camel(name) for name in cases} == cases


def test_identical_definitions_of_a_service_are_generated_once():
    shared_def = {"type": "object", "properties": {"Color": {"type": "string"}, "Inner": {"$ref": "#/definitions/Inner"}}}
    inner = {"type": "object", "properties": {"Depth": {"type": "integer"}}}
    one = {"properties": {"Look": {"$ref": "#/definitions/Look"}}, "definitions": {"Look": shared_def, "Inner": inner}}
    two = {"properties": {"Look": {"$ref": "#/definitions/Look"}}, "definitions": {"Look": shared_def, "Inner": inner}}
    # A third type whose Inner differs cannot share Look either.
    three = {"properties": {"Look": {"$ref": "#/definitions/Look"}}, "definitions": {"Look": shared_def, "Inner": {"type": "object", "properties": {"X": {"type": "string"}}}}}
    schemas = {"AWS::Demo::One": one, "AWS::Demo::Two": two, "AWS::Demo::Three": three}
    files, services = cfn_codegen.generated_files(schemas, schemas.__getitem__, "0.0")
    assert services == ["Demo"]
    assert "public typealias Look = DemoPropertyTypes.Look" in files["Demo/One.swift"]
    assert "public typealias Look = DemoPropertyTypes.Look" in files["Demo/Two.swift"]
    assert "typealias" not in files["Demo/Three.swift"]
    assert "public struct Look: PropertyValue {" in files["Demo/Three.swift"]
    shared = "".join(text for name, text in files.items() if name.startswith("Demo/DemoPropertyTypes"))
    assert "public enum DemoPropertyTypes {}" in shared
    assert shared.count("public struct Look: PropertyValue {") == 1
    assert "public var inner: DemoPropertyTypes.Inner?" in shared


def test_a_definition_is_not_shared_when_one_it_refers_to_differs_in_every_type():
    look = {"type": "object", "properties": {"Inner": {"$ref": "#/definitions/Inner"}}}
    schemas = {
        f"AWS::Demo::{name}": {"properties": {"Look": {"$ref": "#/definitions/Look"}}, "definitions": {"Look": look, "Inner": {"type": "object", "properties": {field: {"type": "string"}}}}}
        for name, field in (("One", "A"), ("Two", "B"))
    }
    files, _ = cfn_codegen.generated_files(schemas, schemas.__getitem__, "0.0")
    assert not any("PropertyTypes" in name for name in files)
    assert all("typealias" not in text for text in files.values())


def test_large_types_are_split_into_extension_files(monkeypatch):
    monkeypatch.setattr(cfn_codegen, "CHUNK_LINES", 40)
    definitions = {f"Part{i}": {"type": "object", "properties": {"A": {"type": "string"}, "B": {"type": "string"}}} for i in range(6)}
    schema = {"properties": {f"P{i}": {"$ref": f"#/definitions/Part{i}"} for i in range(6)}, "definitions": definitions}
    files = cfn_codegen.render_resource_files("AWS::Demo::Big", schema, "0.0")
    assert sorted(files)[0] == "Big+1.swift" and "Big.swift" in files and len(files) > 2
    assert all(text.count("public struct Part") >= 1 for name, text in files.items() if "+" in name)
    assert "extension DemoBigProperties {" in files["Big+1.swift"]


def test_two_types_with_one_swift_name_are_an_error():
    schemas = {"AWS::A::BC": {"properties": {}}, "AWS::AB::C": {"properties": {}}}
    with pytest.raises(cfn_codegen.CodegenError, match="both become ABCProperties"):
        cfn_codegen.generated_files(schemas, schemas.__getitem__, "0.0")
