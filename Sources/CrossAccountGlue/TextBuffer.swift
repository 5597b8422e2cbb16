/// Text that grows as UTF-8 bytes in one buffer, for the long generated files (DDL, deploy plan,
/// diagrams): appending a run of bytes costs a copy, where appending to a `String` piece by piece
/// or interpolating one per line costs far more at a thousand tables.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    mutating func append(_ text: Substring) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// A number in decimal, as `"\(number)"` writes it.
    mutating func append(_ number: Int) {
        if number < 0 {
            bytes.append(UInt8(ascii: "-"))
            // The magnitude of Int.min does not fit an Int; its digits do, one at a time.
            appendDigits(number.magnitude)
        } else {
            appendDigits(UInt(number))
        }
    }

    private mutating func appendDigits(_ number: UInt) {
        var divisor: UInt = 1
        while number / divisor >= 10 { divisor *= 10 }
        var rest = number
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// `text` inside SQL single quotes' content: each `'` doubled.
    mutating func appendSQLQuoted(_ text: String) {
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "'") { bytes.append(byte) }
        }
    }

    var count: Int { bytes.count }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
