/// Writes a template straight from its values (`JSONWriter.write(Value)`), the same bytes as
/// `JSONWriter.data(template.json())`; only a resource with overrides goes through `JSON`, where
/// the overrides are applied.
extension Template {
    /// The canonical text of the template, as bytes.
    public func data() -> [UInt8] {
        var out = ByteBuffer(capacity: 16_384)
        let sections = presentSections
        JSONWriter.writeObject(count: sections.count, indent: 0, into: &out) { index, out, level in
            writeSection(sections[index], indent: level, into: &out)
        }
        out.append(UInt8(ascii: "\n"))
        return out.finish()
    }

    private enum Section {
        case formatVersion, description, metadata, parameters, rules, mappings, conditions, resources, outputs
    }

    /// The sections `json()` writes, in its order.
    private var presentSections: [Section] {
        var sections: [Section] = [.formatVersion]
        if description != nil { sections.append(.description) }
        if !metadata.isEmpty { sections.append(.metadata) }
        if !parameters.isEmpty { sections.append(.parameters) }
        if !rules.isEmpty { sections.append(.rules) }
        if !mappings.isEmpty { sections.append(.mappings) }
        if !conditions.isEmpty { sections.append(.conditions) }
        sections.append(.resources)
        if !outputs.isEmpty { sections.append(.outputs) }
        return sections
    }

    private func writeSection(_ section: Section, indent: Int, into out: inout ByteBuffer) {
        switch section {
        case .formatVersion:
            writeKey("AWSTemplateFormatVersion", into: &out)
            JSONWriter.writeString(Template.formatVersion, into: &out)
        case .description:
            writeKey("Description", into: &out)
            JSONWriter.writeString(description ?? "", into: &out)
        case .metadata:
            writeKey("Metadata", into: &out)
            JSONWriter.writeFields(metadata, indent: indent, into: &out)
        case .parameters:
            writeKey("Parameters", into: &out)
            writeNamed(parameters.count, indent: indent, into: &out) { index, out, level in
                JSONWriter.writeMemberName(parameters[index].name, into: &out)
                JSONWriter.write(parameters[index].parameter.json(), indent: level, into: &out)
            }
        case .rules:
            writeKey("Rules", into: &out)
            writeNamed(rules.count, indent: indent, into: &out) { index, out, level in
                JSONWriter.writeMemberName(rules[index].name, into: &out)
                JSONWriter.write(rules[index].rule.json(), indent: level, into: &out)
            }
        case .mappings:
            writeKey("Mappings", into: &out)
            writeNamed(mappings.count, indent: indent, into: &out) { index, out, level in
                let mapping = mappings[index]
                JSONWriter.writeMemberName(mapping.name, into: &out)
                writeNamed(mapping.entries.count, indent: level, into: &out) { entry, out, level in
                    JSONWriter.writeMemberName(mapping.entries[entry].key, into: &out)
                    JSONWriter.writeFields(mapping.entries[entry].attributes, indent: level, into: &out)
                }
            }
        case .conditions:
            writeKey("Conditions", into: &out)
            writeNamed(conditions.count, indent: indent, into: &out) { index, out, level in
                JSONWriter.writeMemberName(conditions[index].name, into: &out)
                JSONWriter.write(conditions[index].expression, indent: level, into: &out)
            }
        case .resources:
            writeKey("Resources", into: &out)
            writeNamed(resources.count, indent: indent, into: &out) { index, out, level in
                JSONWriter.writeMemberName(resources[index].logicalId, into: &out)
                resources[index].resource.write(indent: level, into: &out)
            }
        case .outputs:
            writeKey("Outputs", into: &out)
            writeNamed(outputs.count, indent: indent, into: &out) { index, out, level in
                JSONWriter.writeMemberName(outputs[index].name, into: &out)
                outputs[index].output.write(indent: level, into: &out)
            }
        }
    }

    private func writeNamed(_ count: Int, indent: Int, into out: inout ByteBuffer, _ member: (Int, inout ByteBuffer, Int) -> Void) {
        JSONWriter.writeObject(count: count, indent: indent, into: &out, member)
    }
}

/// `"key": `, for keys that need no escaping.
private func writeKey(_ key: StaticString, into out: inout ByteBuffer) {
    out.append(UInt8(ascii: "\""))
    JSONWriter.appendASCII(key, &out)
    JSONWriter.appendASCII("\": ", &out)
}

extension Resource {
    private enum Member { case type, properties, dependsOn, updateReplacePolicy, deletionPolicy, metadata, condition }

    /// As `JSONWriter.write(json())`.
    func write(indent: Int, into out: inout ByteBuffer) {
        guard overrides.isEmpty else {
            JSONWriter.write(json(), indent: indent, into: &out)
            return
        }
        var members: [Member] = [.type]
        if !properties.isEmpty { members.append(.properties) }
        if !dependsOn.isEmpty { members.append(.dependsOn) }
        if updateReplacePolicy != nil { members.append(.updateReplacePolicy) }
        if deletionPolicy != nil { members.append(.deletionPolicy) }
        if !metadata.isEmpty { members.append(.metadata) }
        if condition != nil { members.append(.condition) }
        JSONWriter.writeObject(count: members.count, indent: indent, into: &out) { index, out, level in
            switch members[index] {
            case .type:
                writeKey("Type", into: &out)
                JSONWriter.writeString(type, into: &out)
            case .properties:
                writeKey("Properties", into: &out)
                JSONWriter.writeFields(properties, indent: level, into: &out)
            case .dependsOn:
                writeKey("DependsOn", into: &out)
                JSONWriter.writeStrings(dependsOn, indent: level, into: &out)
            case .updateReplacePolicy:
                writeKey("UpdateReplacePolicy", into: &out)
                JSONWriter.writeString(updateReplacePolicy?.rawValue ?? "", into: &out)
            case .deletionPolicy:
                writeKey("DeletionPolicy", into: &out)
                JSONWriter.writeString(deletionPolicy?.rawValue ?? "", into: &out)
            case .metadata:
                writeKey("Metadata", into: &out)
                JSONWriter.writeFields(metadata, indent: level, into: &out)
            case .condition:
                writeKey("Condition", into: &out)
                JSONWriter.writeString(condition ?? "", into: &out)
            }
        }
    }
}

extension Output {
    private enum Member { case description, value, export, condition }

    /// As `JSONWriter.write(json())`.
    func write(indent: Int, into out: inout ByteBuffer) {
        var members: [Member] = []
        if description != nil { members.append(.description) }
        members.append(.value)
        if exportName != nil { members.append(.export) }
        if condition != nil { members.append(.condition) }
        JSONWriter.writeObject(count: members.count, indent: indent, into: &out) { index, out, level in
            switch members[index] {
            case .description:
                writeKey("Description", into: &out)
                JSONWriter.writeString(description ?? "", into: &out)
            case .value:
                writeKey("Value", into: &out)
                JSONWriter.write(value, indent: level, into: &out)
            case .export:
                writeKey("Export", into: &out)
                JSONWriter.writeFields([Value.Field("Name", exportName ?? .null)], indent: level, into: &out)
            case .condition:
                writeKey("Condition", into: &out)
                JSONWriter.writeString(condition ?? "", into: &out)
            }
        }
    }
}
