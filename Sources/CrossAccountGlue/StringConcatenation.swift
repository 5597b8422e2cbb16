extension String {
    /// `pieces.joined()`, made in one allocation of the total length: an interpolation or `+=`
    /// grows its string piece by piece, reallocating as it goes, which at a thousand tables is
    /// most of the cost of naming each one (`<database>.<table>`, a catalog ARN).
    static func concatenating(_ pieces: String...) -> String {
        concatenating(pieces)
    }

    /// `pieces.joined()`, made in one allocation of the total length.
    static func concatenating(_ pieces: [String]) -> String {
        let length = pieces.reduce(0) { $0 + $1.utf8.count }
        // Valid UTF-8 pieces make valid UTF-8 text, so the bytes are taken as they are.
        return String(unsafeUninitializedCapacity: length) { buffer in
            var end = 0
            for piece in pieces {
                end += UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(from: piece.utf8).index
            }
            return end
        }
    }
}
