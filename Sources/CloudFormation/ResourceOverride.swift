/// A raw change to a rendered resource, the AWS CDK's escape hatch (`addOverride`,
/// `addDeletionOverride`): a dotted path from the resource's top (`Properties.Tags`,
/// `DependsOn`, `Metadata.Note`) set to a value or deleted, after everything else is rendered.
///
/// A path component written `a\.b` is one key with a dot in it. Missing objects on the way are
/// created; a numeric component indexes an array that is there; setting replaces whatever was
/// at the path; deleting a path that is not there changes nothing.
public struct ResourceOverride {
    public var path: [String]
    /// nil deletes the path.
    public var value: Value?

    public init(path: [String], value: Value?) {
        self.path = path
        self.value = value
    }

    /// The components of `a.b\.c.d`: `["a", "b.c", "d"]`.
    public static func components(_ path: String) -> [String] {
        var components: [String] = []
        var current = ""
        var escaped = false
        for character in path {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "." {
                components.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        components.append(current)
        return components
    }

    /// The keys a resource has at its top, which every path must start with.
    public static let topLevelKeys = [
        "Type", "Properties", "DependsOn", "Metadata", "DeletionPolicy", "UpdateReplacePolicy",
        "UpdatePolicy", "CreationPolicy", "Condition",
    ]

    /// Why the path cannot be applied, or nil.
    public var problem: String? {
        if path.contains(where: \.isEmpty) { return "override path \"\(path.joined(separator: "."))\" has an empty component" }
        guard let first = path.first, ResourceOverride.topLevelKeys.contains(first) else {
            return
                "override path \"\(path.joined(separator: "."))\" does not start with one of \(ResourceOverride.topLevelKeys.joined(separator: ", "))"
        }
        return nil
    }

    public func apply(to resource: inout JSON) {
        guard problem == nil else { return }
        ResourceOverride.apply(path[...], value?.json(), to: &resource)
    }

    private static func apply(_ path: ArraySlice<String>, _ value: JSON?, to node: inout JSON) {
        guard let key = path.first else { return }
        let rest = path.dropFirst()
        switch node {
        case .array(var items):
            guard let index = Int(key), items.indices.contains(index) else { return }
            if rest.isEmpty {
                if let value { items[index] = value } else { items.remove(at: index) }
            } else {
                apply(rest, value, to: &items[index])
            }
            node = .array(items)
        case .object(var members):
            let position = members.firstIndex { $0.key == key }
            if rest.isEmpty {
                switch (position, value) {
                case (let position?, let value?): members[position].value = value
                case (nil, let value?): members.append(JSON.Member(key, value))
                case (let position?, nil): members.remove(at: position)
                case (nil, nil): break
                }
            } else if let position {
                apply(rest, value, to: &members[position].value)
            } else if value != nil {
                var child = JSON.object([JSON.Member]())
                apply(rest, value, to: &child)
                members.append(JSON.Member(key, child))
            }
            node = .object(members)
        default:
            // A scalar on the way is replaced by an object, as the CDK does.
            guard value != nil else { return }
            var child = JSON.object([JSON.Member]())
            apply(path, value, to: &child)
            node = child
        }
    }
}
