import CloudFormation

/// What deploying a new template over an old one would do to each resource: added, removed,
/// updated in place or replaced, and whether data is lost. Pure: both templates are JSON values;
/// `synth diff` reads the old one from a folder or a file and prints ``lines(stack:)``.
///
/// A resource is replaced when its `Type` changes or a create-only property of its type changes
/// (`ReplacementFacts`, in CloudFormation); a changed logical ID is a removal and an addition. Removing or
/// replacing a resource of a ``statefulTypes`` type loses its data, unless its `DeletionPolicy`
/// (for a removal) is `Retain` or `RetainExceptOnCreate`, or its `UpdateReplacePolicy` (for a
/// replacement, the new template's) is `Retain`: then it is retained, not deleted.
public struct TemplateDiff: Equatable, Sendable {
    /// The resource types whose removal deletes data (objects, rows, log events, keys). The one
    /// list `synth diff` consults.
    public static let statefulTypes: Set<String> = [
        "AWS::S3::Bucket", "AWS::Glue::Database", "AWS::Glue::Table", "AWS::Logs::LogGroup", "AWS::DynamoDB::Table",
        "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::EFS::FileSystem", "AWS::KMS::Key",
    ]

    /// The property that names a resource's physical name, by type: a removed and an added
    /// resource of the same type and the same value there are probably one resource renamed.
    public static let physicalNameProperties: [String: String] = [
        "AWS::S3::Bucket": "BucketName", "AWS::Glue::Database": "DatabaseInput/Name", "AWS::Glue::Table": "TableInput/Name",
        "AWS::Logs::LogGroup": "LogGroupName", "AWS::DynamoDB::Table": "TableName", "AWS::RDS::DBInstance": "DBInstanceIdentifier",
        "AWS::RDS::DBCluster": "DBClusterIdentifier", "AWS::IAM::Role": "RoleName", "AWS::IAM::Policy": "PolicyName",
        "AWS::Lambda::Function": "FunctionName", "AWS::StepFunctions::StateMachine": "StateMachineName",
        "AWS::Athena::WorkGroup": "Name", "AWS::Athena::DataCatalog": "Name", "AWS::SNS::Topic": "TopicName",
        "AWS::SQS::Queue": "QueueName", "AWS::Events::Rule": "Name", "AWS::Scheduler::Schedule": "Name",
    ]

    /// What removing or replacing a resource does to its data.
    public enum DataFate: String, Equatable, Sendable {
        /// Not a stateful type (or not removed or replaced).
        case none
        /// Stateful and deleted: `DATA LOSS`.
        case lost = "DATA LOSS"
        /// Stateful, but kept by its policy: `retained, not deleted`.
        case retained = "retained, not deleted"
    }

    public struct Added: Equatable, Sendable {
        public var logicalID: String
        public var type: String
        public init(logicalID: String, type: String) {
            self.logicalID = logicalID
            self.type = type
        }
    }

    public struct Removed: Equatable, Sendable {
        public var logicalID: String
        public var type: String
        public var data: DataFate
        public init(logicalID: String, type: String, data: DataFate) {
            self.logicalID = logicalID
            self.type = type
            self.data = data
        }
    }

    public struct Modified: Equatable, Sendable {
        public var logicalID: String
        /// The new type; `oldType` differs when the type changed.
        public var type: String
        public var oldType: String
        /// Changed paths below `Properties`, sorted.
        public var changedPaths: [String]
        /// The create-only paths among the changes, in the facts' order.
        public var createOnlyPaths: [String]
        /// Changed resource attributes other than `Type` and `Properties` (`DependsOn`, `DeletionPolicy`…).
        public var changedAttributes: [String]
        public var data: DataFate

        public var replaces: Bool { type != oldType || !createOnlyPaths.isEmpty }
    }

    /// A removed and an added resource of the same type and physical name.
    public struct ProbableRename: Equatable, Sendable {
        public var from: String
        public var to: String
        public var type: String
        public var nameProperty: String
        public init(from: String, to: String, type: String, nameProperty: String) {
            self.from = from
            self.to = to
            self.type = type
            self.nameProperty = nameProperty
        }
    }

    public var added: [Added] = []
    public var removed: [Removed] = []
    public var modified: [Modified] = []
    public var renames: [ProbableRename] = []

    public init() {}

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && modified.isEmpty }
    public var replacements: Int { modified.filter(\.replaces).count }
    public var dataLosses: Int { removed.filter { $0.data == .lost }.count + modified.filter { $0.data == .lost }.count }
    /// What `--fail-on-replace` fails on: a replacement, or a removal that loses data.
    public var replacesOrLosesData: Bool { replacements > 0 || removed.contains { $0.data == .lost } }

    /// Compares two templates' `Resources`; a template without them has none.
    public static func compare(old: JSON, new: JSON, facts: ReplacementFacts = .pinned) -> TemplateDiff {
        let oldResources = resources(of: old)
        let newResources = resources(of: new)
        var diff = TemplateDiff()
        for (id, resource) in newResources.sorted(by: { $0.key < $1.key }) {
            guard let before = oldResources[id] else {
                diff.added.append(Added(logicalID: id, type: typeName(of: resource)))
                continue
            }
            if before.isEquivalent(to: resource) { continue }
            let oldType = typeName(of: before)
            let type = typeName(of: resource)
            let changed = changedPaths(before["Properties"], resource["Properties"], at: []).map { $0.joined(separator: "/") }.sorted()
            let createOnly = oldType == type ? facts.changedCreateOnlyPaths(of: type, old: before["Properties"], new: resource["Properties"]) : []
            let attributes = Set(before.keys + resource.keys).subtracting(["Type", "Properties"]).filter {
                !before[$0].isEquivalent(to: resource[$0])
            }.sorted()
            var modified = Modified(
                logicalID: id, type: type, oldType: oldType, changedPaths: changed, createOnlyPaths: createOnly,
                changedAttributes: attributes, data: .none)
            if modified.replaces && statefulTypes.contains(oldType) {
                modified.data = resource["UpdateReplacePolicy"]?.stringValue == "Retain" ? .retained : .lost
            }
            diff.modified.append(modified)
        }
        for (id, resource) in oldResources.sorted(by: { $0.key < $1.key }) where newResources[id] == nil {
            let type = typeName(of: resource)
            var data = DataFate.none
            if statefulTypes.contains(type) {
                let policy = resource["DeletionPolicy"]?.stringValue
                data = policy == "Retain" || policy == "RetainExceptOnCreate" ? .retained : .lost
            }
            diff.removed.append(Removed(logicalID: id, type: type, data: data))
        }
        diff.renames = probableRenames(diff, old: oldResources, new: newResources)
        return diff
    }

    private static func probableRenames(_ diff: TemplateDiff, old: [String: JSON], new: [String: JSON]) -> [ProbableRename] {
        var renames: [ProbableRename] = []
        for removed in diff.removed {
            guard let property = physicalNameProperties[removed.type] else { continue }
            let segments = property.split(separator: "/").map(String.init)
            let name = ReplacementFacts.select(segments, in: old[removed.logicalID]?["Properties"])
            guard !name.isEmpty else { continue }
            for added in diff.added where added.type == removed.type {
                if ReplacementFacts.select(segments, in: new[added.logicalID]?["Properties"]) == name {
                    renames.append(ProbableRename(from: removed.logicalID, to: added.logicalID, type: removed.type, nameProperty: property))
                }
            }
        }
        return renames
    }

    private static func resources(of template: JSON) -> [String: JSON] {
        var result: [String: JSON] = [:]
        for member in template["Resources"]?.objectMembers ?? [] { result[member.key] = member.value }
        return result
    }

    private static func typeName(of resource: JSON) -> String { resource["Type"]?.stringValue ?? "(no Type)" }

    /// Whether `value` is an intrinsic function (`{"Ref": …}`, `{"Fn::…": …}`): compared whole.
    private static func isIntrinsic(_ value: JSON) -> Bool {
        guard let members = value.objectMembers, members.count == 1 else { return false }
        return members[0].key == "Ref" || members[0].key == "Condition" || members[0].key.hasPrefix("Fn::")
    }

    /// The paths where `old` and `new` differ: objects member by member, arrays of one length
    /// element by element (by index), anything else (and intrinsics) whole.
    static func changedPaths(_ old: JSON?, _ new: JSON?, at path: [String]) -> [[String]] {
        if old.isEquivalent(to: new) { return [] }
        guard let old, let new else { return [path] }
        switch (old, new) {
        case (.object(let before), .object(let after)) where !isIntrinsic(old) && !isIntrinsic(new):
            var keys = before.map(\.key)
            for member in after where !keys.contains(member.key) { keys.append(member.key) }
            return keys.flatMap { changedPaths(old[$0], new[$0], at: path + [$0]) }
        case (.array(let before), .array(let after)) where before.count == after.count:
            return before.indices.flatMap { changedPaths(before[$0], after[$0], at: path + [String($0)]) }
        default:
            return [path]
        }
    }

    /// The report of one stack, one line each: a heading, then added (`+`), removed (`-`) and
    /// modified (`~`) resources in logical-ID order, each modified one's changed paths below it.
    public func lines(stack: String) -> [String] {
        if isEmpty { return ["stack \(stack): no differences"] }
        var lines = ["stack \(stack): \(added.count) added, \(removed.count) removed, \(modified.count) modified"]
        for resource in added { lines.append("  + \(resource.logicalID) (\(resource.type))") }
        for resource in removed {
            let fate = resource.data == .none ? "" : " \(resource.data.rawValue)"
            lines.append("  - \(resource.logicalID) (\(resource.type))\(fate)")
        }
        for rename in renames {
            lines.append("    probably renamed: \(rename.from) -> \(rename.to) (same \(rename.nameProperty)): REPLACE")
        }
        for resource in modified {
            let type = resource.type == resource.oldType ? resource.type : "\(resource.oldType) -> \(resource.type)"
            let fate = resource.data == .none ? "" : " \(resource.data.rawValue)"
            lines.append("  ~ \(resource.logicalID) (\(type)) \(resource.replaces ? "REPLACE" : "update")\(fate)")
            if resource.type != resource.oldType { lines.append("      Type") }
            for path in resource.changedPaths {
                let createOnly = resource.createOnlyPaths.contains { Self.covers($0, path) }
                lines.append("      \(path.isEmpty ? "Properties" : path)\(createOnly ? " (create-only)" : "")")
            }
            for attribute in resource.changedAttributes { lines.append("      \(attribute) (attribute)") }
        }
        return lines
    }

    /// Whether a changed path lies under (or over) a create-only path, `*` matching any segment.
    static func covers(_ createOnly: String, _ changed: String) -> Bool {
        let pattern = createOnly.split(separator: "/")
        let path = changed.split(separator: "/")
        return zip(pattern, path).allSatisfy { $0 == "*" || $0 == $1 }
    }
}
