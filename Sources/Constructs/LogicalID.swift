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
        if kept.count == 1 {
            let candidate = removeNonAlphanumeric(kept[0])
            if candidate.count <= maximumLength { return candidate }
        }
        let hash = pathHash(kept)
        let human = removeDuplicates(kept)
            .filter { $0 != hiddenFromHumanId }
            .map(removeNonAlphanumeric)
            .joined()
        return String(human.prefix(maximumHumanLength)) + hash
    }

    /// The first eight hex digits of the MD5 of the components joined by "/", upper-cased.
    static func pathHash(_ components: [String]) -> String {
        String(MD5.hex(components.joined(separator: "/")).prefix(hashLength)).uppercased()
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

    static func removeNonAlphanumeric(_ text: String) -> String {
        String(text.unicodeScalars.filter(isAlphanumeric).map(Character.init))
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// Whether `id` is a valid CloudFormation logical ID: 1 to 255 ASCII letters and digits.
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.count <= maximumLength && id.unicodeScalars.allSatisfy(isAlphanumeric)
    }
}
