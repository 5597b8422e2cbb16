import Synthesis

/// Text that grows as UTF-8 bytes in one buffer, for the long generated files (DDL, deploy plan,
/// diagrams): appending a run of bytes costs a copy, where appending to a `String` piece by piece
/// or interpolating one per line costs far more at a thousand tables. The bytes live in storage
/// of its own rather than an `[UInt8]`, whose `append(contentsOf:)` costs about a hundred
/// instructions for the few bytes of a name; a copy of the buffer shares them until either writes
/// (copy on write, as an array does, hence safe to send).
struct TextBuffer: @unchecked Sendable {
    private final class Storage {
        var base: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 16)
            base = .allocate(capacity: self.capacity)
        }

        func copy(capacity: Int) -> Storage {
            let copy = Storage(capacity: capacity)
            copy.base.initialize(from: base, count: count)
            copy.count = count
            return copy
        }

        deinit { base.deallocate() }
    }

    private var storage: Storage

    init(capacity: Int = 0) {
        storage = Storage(capacity: capacity)
    }

    /// Room for `extra` more bytes, in storage this buffer alone holds: where they go.
    @inline(__always)
    private mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        let needed = storage.count + extra
        if !isKnownUniquelyReferenced(&storage) || needed > storage.capacity {
            storage = storage.copy(capacity: needed > storage.capacity ? max(needed, 2 * storage.capacity) : storage.capacity)
        }
        return storage.base + storage.count
    }

    @inline(__always)
    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append(bytes: $0) }) == nil {
            for byte in text.utf8 { append(byte: byte) }
        }
    }

    mutating func append(_ text: Substring) {
        var text = text
        text.withUTF8 { append(bytes: $0) }
    }

    /// `bytes`, as they are.
    @inline(__always)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count).initialize(from: source, count: bytes.count)
        storage.count += bytes.count
    }

    @inline(__always)
    mutating func append(byte: UInt8) {
        reserve(1).initialize(to: byte)
        storage.count += 1
    }

    /// The bytes of `other` in `range`.
    mutating func append(_ other: TextBuffer, range: Range<Int>) {
        other.withBytes { append(bytes: UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// A number in decimal, as `"\(number)"` writes it.
    mutating func append(_ number: Int) {
        if number < 0 {
            append(byte: UInt8(ascii: "-"))
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
            append(byte: UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// `text` inside SQL single quotes' content: each `'` doubled.
    mutating func appendSQLQuoted(_ text: String) {
        appendEscaping(text) { $0 == UInt8(ascii: "'") ? "''" : nil }
    }

    /// The bytes of `text`, each that `escape` gives text for replaced by it; the runs between
    /// such bytes appended whole.
    @inline(__always)
    mutating func appendEscaping(_ text: String, _ escape: (UInt8) -> StaticString?) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                guard let replacement = escape(bytes[index]) else { continue }
                append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                replacement.withUTF8Buffer { append(bytes: $0) }
                runStart = index + 1
            }
            append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    var count: Int { storage.count }

    /// Calls `body` with the bytes.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    var text: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// The bytes in `range` as a String.
    func text(in range: Range<Int>) -> String { withBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) } }

    /// The text as a file synth writes: where a generated file's bytes become its contents.
    func file(named name: String, executable: Bool = false) -> RenderedFile {
        RenderedFile(name: name, bytes: withBytes { Array($0) }, executable: executable)
    }
}
