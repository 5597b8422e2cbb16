extension JSON {
    /// Whether two values are the same as CloudFormation reads them: an object is a map, so the
    /// order of its members does not matter (a template whose keys were reordered changes no
    /// resource); arrays compare element by element, in order; anything else by value.
    public func isEquivalent(to other: JSON) -> Bool {
        switch (self, other) {
        case (.object(let members), .object(let otherMembers)):
            guard members.count == otherMembers.count else { return false }
            var byKey: [String: JSON] = [:]
            for member in otherMembers { byKey[member.key] = member.value }
            guard byKey.count == otherMembers.count else { return self == other }
            return members.allSatisfy { member in byKey[member.key].map { member.value.isEquivalent(to: $0) } ?? false }
        case (.array(let items), .array(let otherItems)):
            return items.count == otherItems.count && zip(items, otherItems).allSatisfy { $0.isEquivalent(to: $1) }
        default:
            return self == other
        }
    }
}

extension Optional where Wrapped == JSON {
    /// Both absent, or both present and equivalent (`JSON.isEquivalent(to:)`).
    public func isEquivalent(to other: JSON?) -> Bool {
        switch (self, other) {
        case (nil, nil): return true
        case (let value?, let otherValue?): return value.isEquivalent(to: otherValue)
        default: return false
        }
    }
}
