/// Writes a `Value` as the bytes `JSONWriter` writes for `value.json()`, without building that
/// JSON tree first: a template's values are written once, so making (and then freeing) a second
/// tree of the same size was about half the cost of rendering it.
///
/// Each intrinsic is laid out as `JSONWriter` lays out the object it stands for, so the two paths
/// give the same bytes; `ValueWriterTests` holds them to that for every case.
extension JSONWriter {
    /// The canonical text of `value`, with the trailing newline, as `data(value.json())`.
    public static func data(value: Value) -> [UInt8] {
        var out = ByteBuffer(capacity: 4096)
        write(value, indent: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return out.finish()
    }

    static func write(_ value: Value, indent: Int, into out: inout ByteBuffer) {
        switch value {
        case .null: appendASCII("null", &out)
        case .string(let text): writeString(text, into: &out)
        case .int(let number): writeInt(number, into: &out)
        case .double: write(value.json(), indent: indent, into: &out)
        case .bool(let flag): appendASCII(flag ? "true" : "false", &out)
        case .array(let items): writeList(items, indent: indent, into: &out)
        case .object(let fields): writeFields(fields, indent: indent, into: &out)
        case .ref(let element):
            writeIntrinsic("Ref", indent: indent, into: &out) { out, _ in writeString(element.logicalId, into: &out) }
        case .pseudo(let parameter):
            writeIntrinsic("Ref", indent: indent, into: &out) { out, _ in writeString(parameter.rawValue, into: &out) }
        case .getAtt(let element, let attribute):
            writeIntrinsic("Fn::GetAtt", indent: indent, into: &out) { out, level in
                writeArguments(2, indent: level, into: &out) { index, out, _ in
                    writeString(index == 0 ? element.logicalId : attribute, into: &out)
                }
            }
        case .join(let separator, let items):
            writeIntrinsic("Fn::Join", indent: indent, into: &out) { out, level in
                writeArguments(2, indent: level, into: &out) { index, out, level in
                    if index == 0 { writeString(separator, into: &out) } else { writeList(items, indent: level, into: &out) }
                }
            }
        case .sub(let template, let variables):
            writeIntrinsic("Fn::Sub", indent: indent, into: &out) { out, level in
                if variables.isEmpty {
                    writeString(template, into: &out)
                    return
                }
                writeArguments(2, indent: level, into: &out) { index, out, level in
                    if index == 0 { writeString(template, into: &out) } else { writeFields(variables, indent: level, into: &out) }
                }
            }
        case .concat(let parts):
            if let template = Value.subTemplate(parts) {
                writeIntrinsic("Fn::Sub", indent: indent, into: &out) { out, _ in writeString(template, into: &out) }
            } else {
                write(.join("", parts), indent: indent, into: &out)
            }
        case .findInMap(let map, let top, let second):
            writeIntrinsic("Fn::FindInMap", indent: indent, into: &out) { out, level in
                writeArguments(3, indent: level, into: &out) { index, out, level in
                    switch index {
                    case 0: writeString(map.logicalId, into: &out)
                    case 1: write(top, indent: level, into: &out)
                    default: write(second, indent: level, into: &out)
                    }
                }
            }
        case .select(let index, let list):
            writeIntrinsic("Fn::Select", indent: indent, into: &out) { out, level in
                writeArguments(2, indent: level, into: &out) { argument, out, level in
                    if argument == 0 { writeInt(index, into: &out) } else { write(list, indent: level, into: &out) }
                }
            }
        case .if(let condition, let whenTrue, let whenFalse):
            writeIntrinsic("Fn::If", indent: indent, into: &out) { out, level in
                writeArguments(3, indent: level, into: &out) { index, out, level in
                    switch index {
                    case 0: writeString(condition.logicalId, into: &out)
                    case 1: write(whenTrue, indent: level, into: &out)
                    default: write(whenFalse, indent: level, into: &out)
                    }
                }
            }
        case .condition(let condition):
            writeIntrinsic("Condition", indent: indent, into: &out) { out, _ in writeString(condition.logicalId, into: &out) }
        case .equals(let a, let b):
            writeIntrinsic("Fn::Equals", indent: indent, into: &out) { out, level in
                writeArguments(2, indent: level, into: &out) { index, out, level in write(index == 0 ? a : b, indent: level, into: &out) }
            }
        case .and(let conditions):
            writeIntrinsic("Fn::And", indent: indent, into: &out) { out, level in writeList(conditions, indent: level, into: &out) }
        case .or(let conditions):
            writeIntrinsic("Fn::Or", indent: indent, into: &out) { out, level in writeList(conditions, indent: level, into: &out) }
        case .not(let condition):
            writeIntrinsic("Fn::Not", indent: indent, into: &out) { out, level in
                writeArguments(1, indent: level, into: &out) { _, out, level in write(condition, indent: level, into: &out) }
            }
        case .split(let delimiter, let source):
            writeIntrinsic("Fn::Split", indent: indent, into: &out) { out, level in
                writeArguments(2, indent: level, into: &out) { index, out, level in
                    if index == 0 { writeString(delimiter, into: &out) } else { write(source, indent: level, into: &out) }
                }
            }
        case .importValue(let name):
            writeIntrinsic("Fn::ImportValue", indent: indent, into: &out) { out, level in write(name, indent: level, into: &out) }
        case .getAZs(let region):
            writeIntrinsic("Fn::GetAZs", indent: indent, into: &out) { out, level in write(region, indent: level, into: &out) }
        case .base64(let text):
            writeIntrinsic("Fn::Base64", indent: indent, into: &out) { out, level in write(text, indent: level, into: &out) }
        case .cidr(let block, let count, let bits):
            writeIntrinsic("Fn::Cidr", indent: indent, into: &out) { out, level in
                writeArguments(3, indent: level, into: &out) { index, out, level in
                    write(index == 0 ? block : index == 1 ? count : bits, indent: level, into: &out)
                }
            }
        }
    }

    /// An object's fields, laid out as `write(JSON.object)` lays out its members.
    static func writeFields(_ fields: [Value.Field], indent: Int, into out: inout ByteBuffer) {
        writeObject(count: fields.count, indent: indent, into: &out) { index, out, level in
            writeMemberName(fields[index].key, into: &out)
            write(fields[index].value, indent: level, into: &out)
        }
    }

    /// `"name": `, an object member's name and colon.
    static func writeMemberName(_ name: String, into out: inout ByteBuffer) {
        writeString(name, into: &out)
        appendASCII(": ", &out)
    }

    /// A list of values, laid out as `write(JSON.array)` lays out its items.
    static func writeList(_ items: [Value], indent: Int, into out: inout ByteBuffer) {
        writeArguments(items.count, indent: indent, into: &out) { index, out, level in write(items[index], indent: level, into: &out) }
    }

    /// A list of strings, as `write(JSON.array(strings.map(JSON.string)))`.
    static func writeStrings(_ items: [String], indent: Int, into out: inout ByteBuffer) {
        writeArguments(items.count, indent: indent, into: &out) { index, out, _ in writeString(items[index], into: &out) }
    }

    /// `{"key": …}`, an object of one member whose key needs no escaping.
    private static func writeIntrinsic(
        _ key: StaticString, indent: Int, into out: inout ByteBuffer, _ body: (inout ByteBuffer, Int) -> Void
    ) {
        appendASCII("{\n", &out)
        pad(indent + 1, &out)
        out.append(UInt8(ascii: "\""))
        appendASCII(key, &out)
        appendASCII("\": ", &out)
        body(&out, indent + 1)
        out.append(UInt8(ascii: "\n"))
        pad(indent, &out)
        out.append(UInt8(ascii: "}"))
    }

    /// An array of `count` elements, each written by `element(index, &out, itsIndent)`.
    private static func writeArguments(
        _ count: Int, indent: Int, into out: inout ByteBuffer, _ element: (Int, inout ByteBuffer, Int) -> Void
    ) {
        writeContainer(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), count: count, indent: indent, into: &out, element)
    }

    /// An object of `count` members, each (key, colon and value) written by `member(index, &out, itsIndent)`.
    static func writeObject(count: Int, indent: Int, into out: inout ByteBuffer, _ member: (Int, inout ByteBuffer, Int) -> Void) {
        writeContainer(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), count: count, indent: indent, into: &out, member)
    }

    private static func writeContainer(
        open: UInt8, close: UInt8, count: Int, indent: Int, into out: inout ByteBuffer, _ element: (Int, inout ByteBuffer, Int) -> Void
    ) {
        out.append(open)
        if count == 0 {
            out.append(close)
            return
        }
        out.append(UInt8(ascii: "\n"))
        for index in 0..<count {
            pad(indent + 1, &out)
            element(index, &out, indent + 1)
            if index < count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\n"))
        }
        pad(indent, &out)
        out.append(close)
    }
}
