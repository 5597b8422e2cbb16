/// Writes `JSON` as canonical text: members in the order given, two-space indent, `": "` after
/// keys, `/` never escaped, non-ASCII characters written as UTF-8, and a trailing newline.
///
/// The same value always gives the same bytes, on every platform and locale.
///
/// Everything goes into one `ByteBuffer`: strings are copied a run of bytes at a time between
/// the bytes that need escaping, numbers are written digit by digit, and no `String` is made per
/// token (a synth run is short enough that these costs were most of it).
public enum JSONWriter {
    public static func render(_ value: JSON) -> String {
        String(decoding: data(value), as: UTF8.self)
    }

    public static func data(_ value: JSON) -> [UInt8] {
        var out = ByteBuffer(capacity: 4096)
        write(value, indent: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return out.finish()
    }

    /// The length of the value written without any whitespace between tokens, as IAM counts a
    /// policy's size against its quotas: in characters, so for ASCII text the bytes are counted
    /// without writing them, and only text with non-ASCII characters is written and counted.
    public static func compactLength(_ value: JSON) -> Int {
        var ascii = true
        let bytes = compactByteCount(value, ascii: &ascii)
        if ascii { return bytes }
        var out = ByteBuffer(capacity: bytes)
        writeCompact(value, into: &out)
        return String(decoding: out.finish(), as: UTF8.self).count
    }

    /// The compact form's length in bytes; clears `ascii` when a string holds a non-ASCII byte.
    static func compactByteCount(_ value: JSON, ascii: inout Bool) -> Int {
        switch value {
        case .null: return 4
        case .bool(let flag): return flag ? 4 : 5
        case .int(let number): return digitCount(number)
        case .double(let number): return format(number).utf8.count
        case .string(let text): return escapedCount(text, ascii: &ascii)
        case .array(let items):
            var total = 2 + max(items.count - 1, 0)  // brackets and commas
            for item in items { total += compactByteCount(item, ascii: &ascii) }
            return total
        case .object(let members):
            var total = 2 + max(members.count - 1, 0) + members.count  // braces, commas, colons
            for member in members {
                total += escapedCount(member.key, ascii: &ascii) + compactByteCount(member.value, ascii: &ascii)
            }
            return total
        }
    }

    /// How many bytes `writeString` writes for `text`, quotes included.
    static func escapedCount(_ text: String, ascii: inout Bool) -> Int {
        var total = 2
        var high: UInt8 = 0
        let widths = escapeWidth
        let counted = text.utf8.withContiguousStorageIfAvailable { bytes -> Int in
            var sum = 0
            for byte in bytes {
                high |= byte
                sum += widths[Int(byte)]
            }
            return sum
        }
        if let counted {
            total += counted
        } else {
            for byte in text.utf8 {
                high |= byte
                total += widths[Int(byte)]
            }
        }
        if high >= 0x80 { ascii = false }
        return total
    }

    private static func writeCompact(_ value: JSON, into out: inout ByteBuffer) {
        switch value {
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for index in items.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeCompact(items[index], into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for index in members.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(members[index].key, into: &out)
                out.append(UInt8(ascii: ":"))
                writeCompact(members[index].value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        default:
            write(value, indent: 0, into: &out)
        }
    }

    static func write(_ value: JSON, indent: Int, into out: inout ByteBuffer) {
        switch value {
        case .null: appendASCII("null", &out)
        case .bool(let flag): appendASCII(flag ? "true" : "false", &out)
        case .int(let number): writeInt(number, into: &out)
        case .double(let number): appendText(format(number), &out)
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            if items.isEmpty {
                appendASCII("[]", &out)
                return
            }
            appendASCII("[\n", &out)
            let last = items.count - 1
            for index in items.indices {
                pad(indent + 1, &out)
                write(items[index], indent: indent + 1, into: &out)
                if index < last { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                appendASCII("{}", &out)
                return
            }
            appendASCII("{\n", &out)
            let last = members.count - 1
            for index in members.indices {
                pad(indent + 1, &out)
                writeString(members[index].key, into: &out)
                out.append(UInt8(ascii: ":"))
                out.append(UInt8(ascii: " "))
                write(members[index].value, indent: indent + 1, into: &out)
                if index < last { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    static func appendASCII(_ text: StaticString, _ out: inout ByteBuffer) {
        out.append(text)
    }

    /// A string's UTF-8 bytes, unescaped.
    static func appendText(_ text: String, _ out: inout ByteBuffer) {
        var text = text
        text.withUTF8 { out.append($0) }
    }

    /// Two spaces a level.
    static func pad(_ level: Int, _ out: inout ByteBuffer) {
        out.append(UInt8(ascii: " "), count: level * 2)
    }

    /// The decimal digits of `number` (and its sign), written without making a `String`.
    static func writeInt(_ number: Int, into out: inout ByteBuffer) {
        if number < 0 { out.append(UInt8(ascii: "-")) }
        // The magnitude as UInt, so Int.min has one too.
        var rest = number.magnitude
        let count = digitCount(rest)
        let end = out.count + count
        out.append(UInt8(ascii: "0"), count: count)
        var position = end
        repeat {
            position -= 1
            out.set(UInt8(ascii: "0") + UInt8(rest % 10), at: position)
            rest /= 10
        } while rest > 0
    }

    private static func digitCount(_ number: Int) -> Int {
        (number < 0 ? 1 : 0) + digitCount(number.magnitude)
    }

    private static func digitCount(_ magnitude: UInt) -> Int {
        var count = 1
        var rest = magnitude
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }

    /// Integral doubles are written without a fraction so `1.0` and `1` render alike.
    private static func format(_ number: Double) -> String {
        if let whole = WholeNumber.exactly(number), abs(number) < 1e15 {
            return String(whole)
        }
        return number.isFinite ? String(number) : "null"
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// How many bytes each byte takes once escaped: 1 as is, 2 for a short escape (`\"`, `\\`,
    /// `\n`, `\r`, `\t`, `\b`, `\f`), 6 for `\u00XX` (the other control characters and DEL).
    /// UTF-8 lead and continuation bytes are all >= 0x80, so multi-byte characters pass whole.
    static let escapeWidth: [Int] = (0..<256).map { byte in
        switch byte {
        case 0x22, 0x5C, 0x0A, 0x0D, 0x09, 0x08, 0x0C: return 2
        case 0..<0x20, 0x7F: return 6
        default: return 1
        }
    }

    /// Whether any of the eight bytes in `word` is one `writeEscaped` escapes: below 0x20, `"`,
    /// a backslash or DEL. Exact as a yes or no (the classic "has a byte less than n" and "has a zero byte"
    /// word tricks); bytes of 0x80 and above never match, so UTF-8 passes.
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let control = (word &- ones &* 0x20) & ~word & highs != 0
        return control || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C)) || hasZeroByte(word ^ (ones &* 0x7F))
    }

    static func writeString(_ text: String, into out: inout ByteBuffer) {
        out.append(UInt8(ascii: "\""))
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            writeEscaped(bytes, into: &out)
        }
        if copied == nil {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { writeEscaped($0, into: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Copies `bytes` a run at a time, escaping the bytes between runs.
    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout ByteBuffer) {
        var start = 0
        var index = 0
        let count = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        while index < count {
            // Eight bytes at a time while none of them needs escaping (most of a template's text).
            if index + 8 <= count, !needsEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x7F {
                index += 1
                continue
            }
            if start < index { out.append(UnsafeBufferPointer(rebasing: bytes[start..<index])) }
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            default:
                appendASCII("u00", &out)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
            index += 1
            start = index
        }
        if start < count { out.append(UnsafeBufferPointer(rebasing: bytes[start..<count])) }
    }
}
