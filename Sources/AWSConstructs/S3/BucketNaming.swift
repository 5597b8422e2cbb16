/// S3's rules for general-purpose bucket names (S3 user guide, "Bucket naming rules").
public enum BucketNaming {
    public static let minimumLength = 3
    public static let maximumLength = 63
    public static let reservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"]
    public static let reservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]

    /// Why `name` is not a valid bucket name, or nil when it is.
    public static func problem(_ name: String) -> String? {
        if name.count < minimumLength || name.count > maximumLength {
            return "is \(name.count) characters long; bucket names are \(minimumLength) to \(maximumLength)"
        }
        let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
        if !allowed { return "may contain only lower-case letters, digits, dots and hyphens" }
        if let first = name.first, let last = name.last, !(first.isLetter || first.isNumber) || !(last.isLetter || last.isNumber) {
            return "must begin and end with a letter or digit"
        }
        if hasDotBesideDotOrHyphen(name) { return "must not contain \"..\", \".-\" or \"-.\"" }
        if let prefix = reservedPrefixes.first(where: name.hasPrefix) { return "starts with the reserved prefix \"\(prefix)\"" }
        if let suffix = reservedSuffixes.first(where: name.hasSuffix) { return "ends with the reserved suffix \"\(suffix)\"" }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }) {
            return "is formatted as an IP address"
        }
        return nil
    }

    /// Whether `name` contains "..", ".-" or "-.", read as bytes: only called once every
    /// character is known to be ASCII, where a byte is a character (searching for substrings
    /// costs far more).
    private static func hasDotBesideDotOrHyphen(_ name: String) -> Bool {
        let dot = UInt8(ascii: ".")
        let hyphen = UInt8(ascii: "-")
        var previous: UInt8 = 0
        for byte in name.utf8 {
            if (previous == dot && (byte == dot || byte == hyphen)) || (previous == hyphen && byte == dot) { return true }
            previous = byte
        }
        return false
    }
}
