/// Eight bytes of the input read as one word, for the parser's scans over runs of bytes
/// (indentation, the characters of a string, a comparison): one test for up to eight bytes.
///
/// A word holds its bytes in memory order from the lowest bits up, so the first byte a test
/// marks is `firstMarked`. The marks come from the classic borrow trick, whose lowest mark is
/// always right; marks above it may not be, so only the first is used.
enum ByteWords {
    static let width = 8
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes from `position` on; `position + width` must not pass the end of `bytes`.
    @inline(__always)
    static func word(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + position).loadUnaligned(as: UInt64.self))
    }

    /// `byte` in each of the eight bytes.
    @inline(__always)
    static func repeating(_ byte: UInt8) -> UInt64 { ones &* UInt64(byte) }

    /// Marks the bytes of `word` below `limit` (at most 0x80).
    @inline(__always)
    static func marks(below limit: UInt8, in word: UInt64) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highBits
    }

    /// Marks the bytes of `word` that are `byte`.
    @inline(__always)
    static func marks(of byte: UInt8, in word: UInt64) -> UInt64 {
        marks(below: 1, in: word ^ repeating(byte))
    }

    /// Where in the word the first marked byte is (`marks` must not be zero); also the first
    /// byte that differs, for `marks` = one word XOR another.
    @inline(__always)
    static func firstMarked(_ marks: UInt64) -> Int { marks.trailingZeroBitCount / 8 }

    /// Keeps the first `count` bytes of `word` (`count` from 0 to `width`) and clears the others.
    @inline(__always)
    static func prefix(_ count: Int, of word: UInt64) -> UInt64 {
        count >= width ? word : word & ((1 &<< UInt64(truncatingIfNeeded: count &* 8)) &- 1)
    }
}
