"""Writes Swift L1 types from CloudFormation resource provider schemas.

One module per service (`CloudFormation<Service>`, folder
`Sources/CloudFormationResources/<Service>`), one file per resource type, one struct per type
(`<Service><Resource>Properties`) with its property types nested inside it. Used by
scripts/generate-cloudformation; tested by Tests/python/test_cfn_codegen.py on fixtures.

How a schema maps to Swift:
- a string, integer, number, boolean or multi-typed property is a `Value` (a literal or any
  intrinsic; its JSON type is checked by cfn-lint, and for raw resources and overrides at synth);
- an object with `properties` (inline or a `#/definitions` entry) is a nested struct;
- an object with only `patternProperties`/`additionalProperties` is `[String: T]`, rendered
  with its keys sorted; any other object (a policy document, free JSON) is a `Value`;
- an array is `[T]`; a list of `Key`/`Value` objects named `Tags` is `[Tag]`, and the type then
  conforms to `TaggableProperties` so stack tags reach it; a `Tags` map of strings makes it
  `MapTaggableProperties`, which adds them to the map;
- a string or integer `enum` is a Swift enum with one case per value and `other(Value)`, the
  escape for a value the schema does not list yet or an intrinsic;
- `oneOf`/`anyOf`/`allOf` branches that only restrict which properties are required are
  ignored (the properties stay optional); branches of different types make the property a
  `Value`;
- required properties are non-optional init parameters; read-only properties are not settable
  and become the type's `Attribute` cases (`Fn::GetAtt` names, nested ones joined with `.`);
- a struct that reaches itself through non-list properties stores those in `Indirect`.
Keys are rendered in sorted order, as the AWS CDK renders its L1s.
"""

import json
import re

DOCS = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference"

SWIFT_KEYWORDS = {
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
    "init", "inout", "internal", "let", "open", "operator", "private", "precedencegroup",
    "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
    "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for",
    "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "as", "Any",
    "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "Type",
    "Protocol",
}

# Type names that would shadow a name the generated code or its users rely on.
RESERVED_TYPE_NAMES = {
    "Value", "Tag", "Type", "Self", "Any", "Protocol", "String", "Int", "Bool", "Double", "Array",
    "Dictionary", "Optional", "Field", "Error", "Never", "Attribute", "Indirect", "PropertyValue",
    "ResourceProperties", "TaggableProperties", "ReadableAttributes", "CloudFormation",
}

# Member names a generated struct, resource struct or enum already has.
STRUCT_MEMBERS = {"propertyValue"}
RESOURCE_MEMBERS = {"fields", "resourceType", "attributeNames"}
ENUM_MEMBERS = {"propertyValue", "other"}

PRIMITIVE_TYPES = {"string", "integer", "number", "boolean"}


class CodegenError(Exception):
    pass


def words(name):
    """Splits a name on anything not a letter or digit."""
    return [w for w in re.split(r"[^A-Za-z0-9]+", name) if w]


def pascal(name):
    """`bucket_name` -> `BucketName`; an existing capitalisation is kept."""
    result = "".join(w[0].upper() + w[1:] for w in words(name))
    if not result:
        result = "Unnamed"
    if result[0].isdigit():
        result = "T" + result
    return result


def lower_camel(name):
    """`BucketName` -> `bucketName`, `SSEAlgorithm` -> `sseAlgorithm`, `ID` -> `id`, `IPv6` ->
    `ipv6`, `PAY_PER_REQUEST` -> `payPerRequest`, `aws:kms` -> `awsKms`, `t2.micro` -> `t2Micro`."""
    out = []
    for index, word in enumerate(words(name)):
        if word.isupper():
            word = word.lower()
        if index == 0:
            run = re.match(r"^[A-Z]*", word).group(0)
            followed_by_lower = len(run) < len(word) and word[len(run)].islower()
            if len(run) > 2 and followed_by_lower:
                run = run[:-1]
            word = run.lower() + word[len(run):]
        else:
            word = word[0].upper() + word[1:]
        out.append(word)
    return "".join(out)


def identifier(name):
    """A Swift identifier, backticked when it is a keyword."""
    return f"`{name}`" if name in SWIFT_KEYWORDS else name


def unique(name, used, suffix):
    candidate = name
    while candidate in used:
        candidate += suffix
    used.add(candidate)
    return candidate


def service_of(type_name):
    """`AWS::S3::Bucket` -> (`S3`, `Bucket`); `Alexa::ASK::Skill` -> (`AlexaASK`, `Skill`)."""
    vendor, service, resource = type_name.split("::")
    return (service if vendor == "AWS" else vendor + service), resource


def module_name(service):
    return "CloudFormation" + service


def struct_name(type_name):
    service, resource = service_of(type_name)
    return pascal(service) + pascal(resource) + "Properties"


def doc_slug(type_name):
    _, service, resource = type_name.split("::")
    vendor = type_name.split("::")[0]
    prefix = "" if vendor == "AWS" else vendor.lower() + "-"
    return f"{prefix}{service.lower()}-{resource.lower()}"


# --- Kinds: what a schema node becomes in Swift ------------------------------------------------


class Kind:
    """value | struct(def) | enum(spec) | tags | array(kind) | map(kind)."""

    def __init__(self, tag, inner=None, ref=None):
        self.tag = tag
        self.inner = inner
        self.ref = ref


VALUE = Kind("value")


def only_restricts_required(branches):
    """oneOf/anyOf/allOf branches that say nothing but which properties are required."""
    return all(isinstance(b, dict) and set(b) <= {"required", "not", "$comment"} for b in branches)


class ResourceModel:
    """Resolves one resource schema's properties and definitions into kinds and structs."""

    def __init__(self, type_name, schema, shared=None, name=None, resolve=True):
        self.type_name = type_name
        self.schema = schema
        self.definitions = schema.get("definitions", {})
        self.name = name or struct_name(type_name)
        self.shared = shared
        self.aliases = {}  # type name -> the shared struct it names
        self.structs = {}  # key -> StructModel, key is the definition name or a synthetic one
        self.struct_order = []
        self.used_type_names = {self.name}
        self.read_only = set()
        self.attributes = []
        for pointer in schema.get("readOnlyProperties", []):
            if not pointer.startswith("/properties/"):
                continue
            path = pointer[len("/properties/"):].split("/")
            if "*" in path:
                continue
            if len(path) == 1:
                self.read_only.add(path[0])
            if ".".join(path) not in self.attributes:
                self.attributes.append(".".join(path))
        self.create_only = set()
        for pointer in schema.get("createOnlyProperties", []):
            if pointer.startswith("/properties/") and "/" not in pointer[len("/properties/"):]:
                self.create_only.add(pointer[len("/properties/"):])
        tagging = schema.get("tagging", {})
        self.taggable = tagging.get("taggable", schema.get("taggable", True)) is not False
        self.root = StructModel(self, None, self.name, schema, doc_page=f"aws-resource-{doc_slug(type_name)}", is_resource=True)
        if resolve:
            self.root.resolve()
            self.mark_indirect()

    def struct_for_definition(self, definition_name):
        if self.shared is not None and self.shared.shares(self.type_name, definition_name):
            model = self.shared.struct_for_definition(definition_name)
            if model.name not in self.used_type_names or self.aliases.get(model.name) is model:
                self.used_type_names.add(model.name)
                self.aliases[model.name] = model
            return model
        key = "#" + definition_name
        if key not in self.structs:
            type_name = unique(pascal(definition_name) if pascal(definition_name) not in RESERVED_TYPE_NAMES else pascal(definition_name) + "Property", self.used_type_names, "Property")
            page = f"aws-properties-{doc_slug(self.type_name)}-{definition_name.lower()}"
            model = StructModel(self, key, type_name, self.definitions[definition_name], doc_page=page)
            self.structs[key] = model
            self.struct_order.append(key)
            model.resolve()
        return self.structs[key]

    def struct_for_inline(self, owner, property_name, schema):
        key = f"{owner.key or ''}/{property_name}"
        if key not in self.structs:
            base = pascal(property_name)
            if base in RESERVED_TYPE_NAMES:
                base += "Property"
            type_name = unique(base, self.used_type_names, "Property")
            model = StructModel(self, key, type_name, schema, doc_page=owner.doc_page)
            self.structs[key] = model
            self.struct_order.append(key)
            model.resolve()
        return self.structs[key]

    def definition(self, ref):
        if not ref.startswith("#/definitions/"):
            return None
        name = ref[len("#/definitions/"):]
        if "/" in name or name not in self.definitions:
            return None
        return name

    def kind_of(self, owner, property_name, schema, depth=0):
        if depth > 20 or not isinstance(schema, dict):
            return VALUE
        if "$ref" in schema:
            name = self.definition(schema["$ref"])
            if name is None:
                return VALUE
            target = self.definitions[name]
            if self.is_struct_schema(target):
                return Kind("struct", ref=self.struct_for_definition(name))
            return self.kind_of(owner, property_name, target, depth + 1)
        for combinator in ("oneOf", "anyOf", "allOf"):
            if combinator in schema and not only_restricts_required(schema[combinator]):
                if "type" not in schema and "properties" not in schema:
                    return VALUE
        types = schema.get("type")
        if isinstance(types, list):
            types = types[0] if len(types) == 1 else None
            if types is None:
                return VALUE
        if types is None and "properties" in schema:
            types = "object"
        if types in PRIMITIVE_TYPES:
            enum = schema.get("enum")
            if enum and types == "string" and all(isinstance(v, str) for v in enum):
                return Kind("enum", inner=("string", list(dict.fromkeys(enum))))
            if enum and types == "integer" and all(isinstance(v, int) and not isinstance(v, bool) for v in enum):
                return Kind("enum", inner=("integer", list(dict.fromkeys(enum))))
            return VALUE
        if types == "array":
            items = schema.get("items")
            if items is None or isinstance(items, list):
                return Kind("array", inner=VALUE)
            if property_name == "Tags" and owner.is_resource and self.is_key_value(items):
                return Kind("tags")
            return Kind("array", inner=self.kind_of(owner, property_name, items, depth + 1))
        if types == "object":
            if self.is_struct_schema(schema):
                return Kind("struct", ref=self.struct_for_inline(owner, property_name, schema))
            value_schema = None
            patterns = schema.get("patternProperties")
            if isinstance(patterns, dict) and len(patterns) == 1:
                value_schema = next(iter(patterns.values()))
            elif isinstance(schema.get("additionalProperties"), dict) and not patterns:
                value_schema = schema["additionalProperties"]
            if value_schema is not None:
                return Kind("map", inner=self.kind_of(owner, property_name, value_schema, depth + 1))
            return VALUE
        return VALUE

    def pattern_of(self, schema):
        """A string property's `pattern`, for its doc comment, when short enough to read."""
        if isinstance(schema, dict) and "$ref" in schema:
            name = self.definition(schema["$ref"])
            schema = self.definitions[name] if name else {}
        pattern = schema.get("pattern") if isinstance(schema, dict) else None
        if not isinstance(pattern, str) or len(pattern) > 120 or "`" in pattern or "\n" in pattern or "\r" in pattern:
            return None
        return pattern

    def is_struct_schema(self, schema):
        if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict) or not schema["properties"]:
            return False
        types = schema.get("type", "object")
        return types == "object" or types == ["object"]

    def is_key_value(self, items):
        if "$ref" in items:
            name = self.definition(items["$ref"])
            items = self.definitions.get(name, {}) if name else {}
        properties = items.get("properties", {})
        return set(properties) == {"Key", "Value"}

    def mark_indirect(self):
        """Finds the struct-to-struct edges (not through a list or map) that close a cycle."""
        structs = [self.root] + [self.structs[k] for k in self.struct_order]
        edges = {id(s): [p.kind.ref for p in s.properties if p.kind.tag == "struct" and p.kind.ref.resource is self] for s in structs}
        index, low, stack, on_stack, component = {}, {}, [], set(), {}
        counter = [0]

        def visit(node):
            index[id(node)] = low[id(node)] = counter[0]
            counter[0] += 1
            stack.append(node)
            on_stack.add(id(node))
            for target in edges[id(node)]:
                if id(target) not in index:
                    visit(target)
                    low[id(node)] = min(low[id(node)], low[id(target)])
                elif id(target) in on_stack:
                    low[id(node)] = min(low[id(node)], index[id(target)])
            if low[id(node)] == index[id(node)]:
                while True:
                    member = stack.pop()
                    on_stack.discard(id(member))
                    component[id(member)] = id(node)
                    if member is node:
                        break

        for struct in structs:
            if id(struct) not in index:
                visit(struct)
        for struct in structs:
            for prop in struct.properties:
                if prop.kind.tag == "struct" and id(prop.kind.ref) in component and component[id(prop.kind.ref)] == component[id(struct)]:
                    prop.indirect = True


def definition_refs(schema, found=None):
    """The `#/definitions/` names a schema node refers to, anywhere below it."""
    found = set() if found is None else found
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/") and "/" not in ref[len("#/definitions/"):]:
            found.add(ref[len("#/definitions/"):])
        for value in schema.values():
            definition_refs(value, found)
    elif isinstance(schema, list):
        for value in schema:
            definition_refs(value, found)
    return found


class SharedTypes:
    """The property types several resource types of one service define identically (QuickSight's
    dashboards, analyses and templates share about a thousand), generated once in
    `<Service>PropertyTypes` and named in each resource type by a typealias, so the module
    compiles each once."""

    def __init__(self, service, schemas):
        self.name = pascal(service) + "PropertyTypes"
        by_name = {}
        for type_name in sorted(schemas):
            for name, definition in schemas[type_name].get("definitions", {}).items():
                text = json.dumps(definition, sort_keys=True)
                by_name.setdefault(name, {}).setdefault(text, []).append(type_name)
        # The variant most types share, when at least two do.
        chosen = {}
        for name, variants in by_name.items():
            text, users = max(variants.items(), key=lambda item: (len(item[1]), item[0]))
            if len(users) >= 2:
                chosen[name] = (text, users)
        # A type shares a definition only when it also shares every definition that one refers to.
        users = {name: set(chosen[name][1]) for name in chosen}
        refs = {name: definition_refs(json.loads(chosen[name][0])) for name in chosen}
        changed = True
        while changed:
            changed = False
            for name in sorted(users):
                narrowed = set(users[name])
                for ref in refs[name]:
                    narrowed &= users.get(ref, set())
                if narrowed != users[name]:
                    users[name] = narrowed
                    changed = True
        self.users = {name: sorted(types) for name, types in users.items() if len(types) >= 2}
        self.model = None
        if self.users:
            first = min(types[0] for types in self.users.values())
            namespace_schema = {"definitions": {name: json.loads(chosen[name][0]) for name in self.users}}
            self.model = ResourceModel(first, namespace_schema, shared=None, name=self.name, resolve=False)

    def shares(self, type_name, name):
        return type_name in self.users.get(name, ())

    def struct_for_definition(self, name):
        return self.model.struct_for_definition(name)

    def finish(self):
        if self.model is not None:
            self.model.mark_indirect()


class PropertyModel:
    def __init__(self, json_name, swift_name, kind, required, create_only, anchor):
        self.json_name = json_name
        self.swift_name = swift_name
        self.kind = kind
        self.required = required
        self.create_only = create_only
        self.anchor = anchor
        self.indirect = False
        self.enum = None  # EnumModel when kind is an enum (or a list/map of one)
        self.pattern = None


class EnumModel:
    def __init__(self, name, value_type, values):
        self.name = name
        self.value_type = value_type
        used = set(ENUM_MEMBERS)
        self.cases = []
        for number, value in enumerate(values):
            base = lower_camel(str(value)) if value_type == "string" else f"_{value}".replace("-", "minus")
            if not base:
                base = f"value{number}"
            if base[0].isdigit():
                base = "_" + base
            if base == "none":
                base = "noneValue"
            case = unique(base, used, "_")
            self.cases.append((case, value))


class StructModel:
    def __init__(self, resource, key, name, schema, doc_page, is_resource=False):
        self.resource = resource
        self.key = key
        self.name = name
        self.schema = schema
        self.doc_page = doc_page
        self.is_resource = is_resource
        self.properties = []
        self.enums = []

    @property
    def qualified(self):
        return self.name if self.is_resource else f"{self.resource.name}.{self.name}"

    def resolve(self):
        properties = self.schema.get("properties", {})
        required = set(self.schema.get("required", []))
        used_members = set(RESOURCE_MEMBERS if self.is_resource else STRUCT_MEMBERS)
        used_types = {self.name} | (self.resource.used_type_names if self.is_resource else set())
        for json_name in sorted(properties):
            if self.is_resource and json_name in self.resource.read_only:
                continue
            kind = self.resource.kind_of(self, json_name, properties[json_name])
            if kind.tag == "tags":
                swift_name = "tags"
            else:
                swift_name = unique(lower_camel(json_name) or "property", used_members, "Property")
            slug = self.doc_page.replace("aws-resource-", "").replace("aws-properties-", "")
            prop = PropertyModel(
                json_name, swift_name, kind, json_name in required and kind.tag != "tags",
                self.is_resource and json_name in self.resource.create_only,
                f"{DOCS}/{self.doc_page}.html#cfn-{slug}-{json_name.lower()}")
            if kind.tag == "value":
                prop.pattern = self.resource.pattern_of(properties[json_name])
            innermost = kind
            while innermost.tag in ("array", "map"):
                innermost = innermost.inner
            if innermost.tag == "enum":
                base = pascal(json_name)
                if base in RESERVED_TYPE_NAMES:
                    base += "Property"
                enum_name = unique(base, used_types, "Enum")
                prop.enum = EnumModel(enum_name, *innermost.inner)
                self.enums.append(prop.enum)
            self.properties.append(prop)


# --- Swift rendering ---------------------------------------------------------------------------


def swift_type(struct, prop):
    def of(kind):
        if kind.tag == "value":
            return "Value"
        if kind.tag == "struct":
            return kind.ref.qualified
        if kind.tag == "enum":
            return f"{struct.qualified}.{prop.enum.name}"
        if kind.tag == "tags":
            return "[Tag]"
        if kind.tag == "array":
            return f"[{of(kind.inner)}]"
        if kind.tag == "map":
            return f"[String: {of(kind.inner)}]"
        raise CodegenError(kind.tag)

    return of(prop.kind)


def render_expression(kind, expression):
    """The Swift expression that turns `expression` (of `kind`) into a `Value`."""
    if kind.tag == "value":
        return expression
    if kind.tag in ("struct", "enum"):
        return f"{expression}.propertyValue"
    if kind.tag == "tags":
        return f"Tag.listValue({expression})"
    if kind.tag == "array":
        if kind.inner.tag == "value":
            return f".array({expression})"
        return f".array({expression}.map {{ {render_expression(kind.inner, '$0')} }})"
    if kind.tag == "map":
        if kind.inner.tag == "value":
            return f".sortedObject({expression})"
        return f".sortedObject({expression}.mapValues {{ {render_expression(kind.inner, '$0')} }})"
    raise CodegenError(kind.tag)


def is_tag_map(prop):
    """A resource's `Tags` given as a map of key to value (`AWS::SSM::Parameter`)."""
    return prop.json_name == "Tags" and prop.swift_name == "tags" and prop.kind.tag == "map" and prop.kind.inner.tag == "value"


def doc_lines(prop):
    notes = []
    if prop.required:
        notes.append("Required.")
    if prop.create_only:
        notes.append("Create-only: changing it replaces the resource.")
    if prop.pattern:
        notes.append(f"Pattern: `{prop.pattern}`.")
    summary = f"`{prop.json_name}`." + ("" if not notes else " " + " ".join(notes))
    return [summary, "", f"[CloudFormation reference]({prop.anchor})"]


def render_enum(enum, indent):
    pad = " " * indent
    lines = [
        f"{pad}/// The values the schema lists; `other` takes one it does not list yet, or an intrinsic.",
        f"{pad}public enum {enum.name}: PropertyValue {{",
    ]
    for case, _ in enum.cases:
        lines.append(f"{pad}    case {identifier(case)}")
    lines.append(f"{pad}    case other(Value)")
    lines.append("")
    lines.append(f"{pad}    public var propertyValue: Value {{")
    lines.append(f"{pad}        switch self {{")
    for case, value in enum.cases:
        literal = json.dumps(value) if enum.value_type == "string" else f".int({value})"
        lines.append(f"{pad}        case .{identifier(case)}: {literal}")
    lines.append(f"{pad}        case .other(let value): value")
    lines.append(f"{pad}        }}")
    lines.append(f"{pad}    }}")
    lines.append(f"{pad}}}")
    return lines


def render_struct(struct, indent, inline_blocks=(), aliases=()):
    pad = " " * indent
    resource = struct.resource
    lines = []
    if struct.is_resource:
        lines.append(f"/// `{resource.type_name}`, typed from its CloudFormation resource provider schema.")
        lines.append("///")
        lines.append(f"/// [CloudFormation reference]({DOCS}/{struct.doc_page}.html)")
        if any(p.kind.tag == "tags" for p in struct.properties):
            conformances = ["TaggableProperties"]
        elif resource.taggable and any(is_tag_map(p) for p in struct.properties):
            conformances = ["MapTaggableProperties"]
        else:
            conformances = ["ResourceProperties"]
        if resource.attributes:
            conformances.append("ReadableAttributes")
        lines.append(f"public struct {struct.name}: {', '.join(conformances)} {{")
        lines.append(f"    public static let resourceType = {json.dumps(resource.type_name)}")
        lines.append("")
        if resource.attributes:
            lines.append("    /// The attributes `Fn::GetAtt` can read (the schema's read-only properties).")
            lines.append("    public enum Attribute: String, CaseIterable {")
            used = set()
            for attribute in resource.attributes:
                case = unique(lower_camel(attribute) or "attribute", used, "_")
                lines.append(f"        case {identifier(case)} = {json.dumps(attribute)}")
            lines.append("    }")
            lines.append("")
            lines.append("    public static var attributeNames: [String]? { Attribute.allCases.map(\\.rawValue) }")
        else:
            lines.append("    public static var attributeNames: [String]? { [] }")
        lines.append("")
    else:
        lines.append(f"{pad}/// `{resource.type_name}` `{struct.name}`.")
        lines.append(f"{pad}///")
        lines.append(f"{pad}/// [CloudFormation reference]({DOCS}/{struct.doc_page}.html)")
        lines.append(f"{pad}public struct {struct.name}: PropertyValue {{")
    inner = pad + "    "
    for enum in struct.enums:
        lines.extend(render_enum(enum, indent + 4))
        lines.append("")
    if aliases:
        lines.extend(aliases)
        lines.append("")
    for block in inline_blocks:
        lines.extend(block)
        lines.append("")
    # Stored properties.
    for prop in struct.properties:
        type_text = swift_type(struct, prop)
        optional = "" if prop.required or prop.kind.tag == "tags" else "?"
        for line in doc_lines(prop):
            lines.append(f"{inner}/// {line}".rstrip())
        name = identifier(prop.swift_name)
        if prop.indirect:
            storage = f"_{prop.swift_name}"
            lines.append(f"{inner}public var {name}: {type_text}{optional} {{")
            if optional:
                lines.append(f"{inner}    get {{ {storage}?.value }}")
                lines.append(f"{inner}    set {{ {storage} = newValue.map(Indirect.init) }}")
            else:
                lines.append(f"{inner}    get {{ {storage}.value }}")
                lines.append(f"{inner}    set {{ {storage} = Indirect(newValue) }}")
            lines.append(f"{inner}}}")
            lines.append(f"{inner}private var {storage}: Indirect<{type_text}>{optional}")
        else:
            lines.append(f"{inner}public var {name}: {type_text}{optional}")
    if struct.properties:
        lines.append("")
    # Init.
    if struct.properties:
        lines.append(f"{inner}public init(")
        params = []
        for prop in struct.properties:
            type_text = swift_type(struct, prop)
            if prop.kind.tag == "tags":
                params.append(f"{inner}    {prop.swift_name}: [Tag] = []")
            elif prop.required:
                params.append(f"{inner}    {identifier(prop.swift_name)}: {type_text}")
            else:
                params.append(f"{inner}    {identifier(prop.swift_name)}: {type_text}? = nil")
        lines.append(",\n".join(params))
        lines.append(f"{inner}) {{")
        for prop in struct.properties:
            name = identifier(prop.swift_name)
            if prop.indirect:
                if prop.required:
                    lines.append(f"{inner}    self._{prop.swift_name} = Indirect({name})")
                else:
                    lines.append(f"{inner}    self._{prop.swift_name} = {name}.map(Indirect.init)")
            else:
                lines.append(f"{inner}    self.{name} = {name}")
        lines.append(f"{inner}}}")
    else:
        lines.append(f"{inner}public init() {{}}")
    lines.append("")
    # Rendering.
    if struct.is_resource:
        lines.append(f"{inner}public func fields() -> [Value.Field] {{")
    else:
        lines.append(f"{inner}public var propertyValue: Value {{")
    if struct.properties:
        lines.append(f"{inner}    var fields: [Value.Field] = []")
        for prop in struct.properties:
            name = identifier(prop.swift_name)
            access = f"self.{name}"
            if prop.kind.tag == "tags":
                lines.append(f"{inner}    if !{access}.isEmpty {{ fields.append(Value.Field({json.dumps(prop.json_name)}, Tag.listValue({access}))) }}")
            elif prop.required:
                lines.append(f"{inner}    fields.append(Value.Field({json.dumps(prop.json_name)}, {render_expression(prop.kind, access)}))")
            else:
                lines.append(f"{inner}    if let value = {access} {{ fields.append(Value.Field({json.dumps(prop.json_name)}, {render_expression(prop.kind, 'value')})) }}")
        lines.append(f"{inner}    return {'fields' if struct.is_resource else '.object(fields)'}")
    else:
        lines.append(f"{inner}    {'[]' if struct.is_resource else '.object([])'}")
    lines.append(f"{inner}}}")
    lines.append(f"{pad}}}")
    return lines


# A file holds at most about this many lines of nested types; the rest go to extension files,
# so the compiler's batches can spread one large type over both cores.
CHUNK_LINES = 6000


def header(subject, version):
    return [
        f"// Generated by scripts/generate-cloudformation from cfn-lint {version}'s schema for {subject}.",
        "// Do not edit: regenerate with `scripts/generate-cloudformation`; CI fails when this file is stale.",
        "// swift-format-ignore-file",
        "",
        "import CloudFormation",
        "",
    ]


def chunks(blocks):
    """Groups rendered type blocks (lists of lines) into runs of about CHUNK_LINES lines."""
    groups, current, size = [], [], 0
    for block in blocks:
        if current and size + len(block) > CHUNK_LINES:
            groups.append(current)
            current, size = [], 0
        current.append(block)
        size += len(block) + 1
    if current:
        groups.append(current)
    return groups


def nested_blocks(model):
    keys = sorted(model.struct_order, key=lambda k: model.structs[k].name)
    return [render_struct(model.structs[k], 4) for k in keys]


def extension_files(stem, namespace, blocks, subject, version):
    """`<stem>+<n>.swift` files, each an extension of `namespace` with a run of the blocks."""
    files = {}
    for number, group in enumerate(chunks(blocks), start=1):
        lines = header(subject, version) + [f"extension {namespace} {{"]
        for index, block in enumerate(group):
            if index:
                lines.append("")
            lines.extend(block)
        lines.append("}")
        files[f"{stem}+{number}.swift"] = "\n".join(lines) + "\n"
    return files


def render_resource_files(type_name, schema, version, shared=None):
    """{file name: text} for one resource type: its struct, and extension files when it is large."""
    model = ResourceModel(type_name, schema, shared=shared)
    stem = pascal(service_of(type_name)[1])
    blocks = nested_blocks(model)
    aliases = [f"    public typealias {name} = {shared_model.qualified}" for name, shared_model in sorted(model.aliases.items())]
    inline = blocks if sum(len(b) for b in blocks) <= CHUNK_LINES else []
    body = render_struct(model.root, 0, inline_blocks=inline, aliases=aliases)
    files = {f"{stem}.swift": "\n".join(header(type_name, version) + body) + "\n"}
    if not inline:
        files.update(extension_files(stem, model.name, blocks, type_name, version))
    return files


def render_shared_files(shared, service, version):
    """The service's shared property types: a namespace enum and its extension files."""
    if shared.model is None:
        return {}
    blocks = nested_blocks(shared.model)
    subject = f"the property types several {service} resource types share"
    lines = header(subject, version) + [
        f"/// The property types several `{service}` resource types define identically, generated once;",
        "/// each resource type names the ones it uses with a typealias.",
        f"public enum {shared.name} {{}}",
    ]
    files = {f"{shared.name}.swift": "\n".join(lines) + "\n"}
    files.update(extension_files(shared.name, shared.name, blocks, subject, version))
    return files


def generated_files(types, load_schema, version):
    """{relative path: text} for every type, plus the list of services, sorted."""
    by_service = {}
    names = {}
    for type_name in sorted(types):
        if type_name.count("::") != 2:
            continue
        name = struct_name(type_name)
        if name in names:
            raise CodegenError(f"{type_name} and {names[name]} both become {name}")
        names[name] = type_name
        by_service.setdefault(service_of(type_name)[0], []).append(type_name)
    files = {}
    for service, type_names in sorted(by_service.items()):
        schemas = {type_name: load_schema(type_name) for type_name in type_names}
        shared = SharedTypes(service, schemas)
        for type_name in type_names:
            for file_name, text in render_resource_files(type_name, schemas[type_name], version, shared).items():
                files[f"{service}/{file_name}"] = text
        shared.finish()
        for file_name, text in render_shared_files(shared, service, version).items():
            files[f"{service}/{file_name}"] = text
    return files, sorted(by_service)
