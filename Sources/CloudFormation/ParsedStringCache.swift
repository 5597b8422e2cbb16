/// Strings a parser has already made from its input, found again by their bytes: a config
/// repeats its keys and many of its values (column names and types), and a repeat then costs a
/// comparison of bytes instead of a new String (and, over 15 bytes, an allocation).
///
/// A small table, one string per slot: a string whose slot holds another replaces it, so the
/// cache never grows and a miss costs little more than the String it makes anyway.
struct ParsedStringCache: ~Copyable {
    private struct Entry {
        /// The string's first eight bytes (fewer for a shorter string, the rest zero) and its
        /// length: the whole string up to eight bytes, else where to compare the others.
        var head: UInt64
        var count: Int
        var start: Int
        var string: String
    }

    private static let slotBits = 8
    private let input: UnsafeBufferPointer<UInt8>
    private let entries: UnsafeMutablePointer<Entry>
    /// One less than the number of slots, a power of two: about one for every 64 bytes of input,
    /// from 16 to 256, so a small file sets up no more than it can use.
    private let slotMask: Int

    /// A cache of strings from `input`, which must outlive it.
    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        let sixtyFours = input.count / 64
        let slotCount = 1 << min(ParsedStringCache.slotBits, max(4, sixtyFours.bitWidth - sixtyFours.leadingZeroBitCount))
        slotMask = slotCount - 1
        entries = .allocate(capacity: slotCount)
        entries.initialize(repeating: Entry(head: 0, count: -1, start: 0, string: ""), count: slotCount)
    }

    deinit {
        entries.deinitialize(count: slotMask + 1)
        entries.deallocate()
    }

    /// The string of the UTF-8 bytes `input[range]`, the one made before for the same bytes when
    /// the cache still holds it.
    @inline(__always)
    mutating func string(_ range: Range<Int>) -> String {
        let count = range.count
        let head = leadingBytes(range)
        let mixed = (head ^ UInt64(truncatingIfNeeded: count)) &* 0x9E37_79B9_7F4A_7C15
        let entry = entries + Int(truncatingIfNeeded: mixed >> (64 - UInt64(ParsedStringCache.slotBits))) & slotMask
        if entry.pointee.head == head, entry.pointee.count == count,
            count <= ByteWords.width || sameBytes(entry.pointee.start, range.lowerBound, count)
        {
            return entry.pointee.string
        }
        let string = String(decoding: UnsafeBufferPointer(rebasing: input[range]), as: UTF8.self)
        entry.pointee = Entry(head: head, count: count, start: range.lowerBound, string: string)
        return string
    }

    /// The first (up to) eight bytes of `input[range]` as a word, zero past the range's end.
    @inline(__always)
    private func leadingBytes(_ range: Range<Int>) -> UInt64 {
        let count = min(range.count, ByteWords.width)
        if range.lowerBound + ByteWords.width <= input.count {
            return ByteWords.prefix(count, of: ByteWords.word(input, at: range.lowerBound))
        }
        var head: UInt64 = 0
        for offset in 0..<count { head |= UInt64(input[range.lowerBound + offset]) &<< UInt64(offset * 8) }
        return head
    }

    /// Whether the bytes after the first eight of two strings of `count` bytes at `first` and
    /// `second` are the same.
    private func sameBytes(_ first: Int, _ second: Int, _ count: Int) -> Bool {
        var offset = ByteWords.width
        while offset + ByteWords.width <= count {
            if ByteWords.word(input, at: first + offset) != ByteWords.word(input, at: second + offset) { return false }
            offset += ByteWords.width
        }
        guard offset < count else { return true }
        if max(first, second) + offset + ByteWords.width <= input.count {
            // The last bytes in one word each, read past the strings' ends and masked off.
            let difference = ByteWords.word(input, at: first + offset) ^ ByteWords.word(input, at: second + offset)
            return ByteWords.prefix(count - offset, of: difference) == 0
        }
        while offset < count {
            if input[first + offset] != input[second + offset] { return false }
            offset += 1
        }
        return true
    }
}
