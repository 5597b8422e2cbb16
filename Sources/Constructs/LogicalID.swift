import CloudFormation

/// Logical IDs computed exactly as the AWS CDK computes them (`makeUniqueId` in
/// aws-cdk-lib `core/lib/private/uniqueid.ts`), so a stack moved from the CDK keeps every ID
/// and CloudFormation replaces nothing.
public enum LogicalID {
    /// CloudFormation's limit on a logical ID's length.
    public static let maximumLength = 255
    /// The CDK keeps at most this much of the readable part before the hash.
    static let maximumHumanLength = 240
    static let hashLength = 8
    /// Path components with this id are left out entirely.
    static let hiddenId = "Default"
    /// Path components with this id are left out of the readable part only.
    static let hiddenFromHumanId = "Resource"

    /// The logical ID for the path components below the stack, down to the element.
    public static func make(_ components: [String]) -> String {
        let kept = components.filter { $0 != hiddenId }
        if kept.isEmpty { return "" }
        // What removeNonAlphanumeric keeps is ASCII: its characters are its bytes.
        if kept.count == 1 {
            let candidate = removeNonAlphanumeric(kept[0])
            if candidate.utf8.count <= maximumLength { return candidate }
        }
        let hash = pathHash(kept)
        var human: [UInt8] = []
        for component in removeDuplicates(kept) where component != hiddenFromHumanId {
            for byte in component.utf8 where isAlphanumeric(byte) { human.append(byte) }
        }
        if human.count > maximumHumanLength { human.removeLast(human.count - maximumHumanLength) }
        return String(decoding: human, as: UTF8.self) + hash
    }

    /// The first eight hex digits of the MD5 of the components joined by "/", upper-cased.
    static func pathHash(_ components: [String]) -> String {
        MD5.hex(MD5.digest(Array(String.concatenating(components, separator: "/").utf8)).prefix(hashLength / 2), upperCase: true)
    }

    /// Drops a component when the previously kept one ends with it (`MyBucket/Bucket` reads `MyBucket`).
    static func removeDuplicates(_ components: [String]) -> [String] {
        var kept: [String] = []
        for component in components {
            if let previous = kept.last, previous.hasSuffix(component) { continue }
            kept.append(component)
        }
        return kept
    }

    /// The ASCII letters and digits of `text`. Filtered as UTF-8 bytes: every byte of a
    /// non-ASCII character is 0x80 or above, so none of them is kept.
    static func removeNonAlphanumeric(_ text: String) -> String {
        String(decoding: text.utf8.filter(isAlphanumeric), as: UTF8.self)
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// Whether `id` is a valid CloudFormation logical ID: 1 to 255 ASCII letters and digits.
    public static func isValid(_ id: String) -> Bool {
        // All ASCII letters and digits, so its bytes are its characters.
        !id.isEmpty && id.utf8.count <= maximumLength && id.utf8.allSatisfy(isAlphanumeric)
    }
}
