/// What the scanners of the seed's SQL files (`SQLTemplate`, `SQLStatements`) compare: a byte of
/// text whose every byte is one `Character`, or a `Character` of any other text. Each scanner is
/// written once over units, so scanning bytes gives exactly what scanning Characters gives.
protocol SQLTextUnit: Equatable {
    /// The unit of one ASCII character.
    static func ascii(_ scalar: Unicode.Scalar) -> Self
    /// Whether every Unicode scalar of the unit satisfies `predicate`.
    func allScalars(_ predicate: (Unicode.Scalar) -> Bool) -> Bool
}

extension UInt8: SQLTextUnit {
    @inline(__always)
    static func ascii(_ scalar: Unicode.Scalar) -> UInt8 { UInt8(ascii: scalar) }
    func allScalars(_ predicate: (Unicode.Scalar) -> Bool) -> Bool { predicate(Unicode.Scalar(self)) }
}

extension Character: SQLTextUnit {
    static func ascii(_ scalar: Unicode.Scalar) -> Character { Character(scalar) }
    func allScalars(_ predicate: (Unicode.Scalar) -> Bool) -> Bool { unicodeScalars.allSatisfy(predicate) }
}

enum SQLTextUnits {
    /// Whether each byte of `bytes` is a `Character` of its own: ASCII without carriage returns
    /// (`"\r\n"` is one Character). Then the bytes can be scanned as the units.
    static func bytesAreCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 || byte == UInt8(ascii: "\r") { return false }
        return true
    }

    /// The UTF-8 offset of each Character of `characters`, and of their end.
    static func byteOffsets(_ characters: [Character]) -> [Int] {
        var offsets: [Int] = []
        offsets.reserveCapacity(characters.count + 1)
        var offset = 0
        for character in characters {
            offsets.append(offset)
            offset += character.utf8.count
        }
        offsets.append(offset)
        return offsets
    }
}
