/// The growable buffer the JSON writers write into: an append is a capacity check and a copy.
///
/// A template is hundreds of thousands of small appends (a quote, a colon, two spaces, a key);
/// appending each to an `[UInt8]` checked that the array was uniquely referenced and went
/// through its generic copying paths, which cost more than the bytes. The memory is released by
/// ``finish()``, which every writer calls once, at its end.
struct ByteBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// The bytes written, as an array; the buffer's memory is freed and it must not be used again.
    mutating func finish() -> [UInt8] {
        let bytes = [UInt8](UnsafeBufferPointer(start: base, count: count))
        base.deallocate()
        count = 0
        capacity = 0
        return bytes
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if capacity - count < bytes.count { grow(toHold: bytes.count) }
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// `byte`, `count` times.
    mutating func append(_ byte: UInt8, count repeated: Int) {
        guard repeated > 0 else { return }
        if capacity - count < repeated { grow(toHold: repeated) }
        (base + count).initialize(repeating: byte, count: repeated)
        count += repeated
    }

    /// Overwrites the byte at `offset`, one already written.
    mutating func set(_ byte: UInt8, at offset: Int) {
        precondition(offset < count, "ByteBuffer.set past the bytes written")
        base[offset] = byte
    }

    private mutating func grow(toHold extra: Int) {
        var newCapacity = max(capacity * 2, 16)
        while newCapacity - count < extra { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.initialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
