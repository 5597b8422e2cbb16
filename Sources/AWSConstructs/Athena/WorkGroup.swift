import CloudFormation
import CloudFormationAthena
import Constructs

/// An Athena workgroup. Its resource is the construct's "Default" child, so its logical ID is
/// the construct id itself (`TargetAthenaWorkgroup`), as for a CDK `CfnWorkGroup`.
public final class WorkGroup: Construct {
    public static let maximumNameLength = 128

    public private(set) var resource: CfnResource<AthenaWorkGroupProperties>!
    public let name: String

    public init(
        _ scope: Construct,
        _ id: String,
        name: String,
        description: String? = nil,
        enforceConfiguration: Bool = true,
        publishCloudWatchMetrics: Bool = true,
        engineVersion: String = "AUTO",
        managedQueryResults: Bool = true,
        deletesQueryHistory: Bool = true
    ) {
        self.name = name
        super.init(scope, id)
        resource = CfnResource(
            self, "Default",
            AthenaWorkGroupProperties(
                description: description.map(Value.string),
                name: .string(name),
                // DeleteWorkGroup refuses a workgroup with query history unless it is recursive
                // (https://docs.aws.amazon.com/athena/latest/APIReference/API_DeleteWorkGroup.html),
                // so without it the stack cannot be deleted after its first query.
                recursiveDeleteOption: .bool(deletesQueryHistory),
                workGroupConfiguration: .init(
                    enforceWorkGroupConfiguration: .bool(enforceConfiguration),
                    engineVersion: .init(selectedEngineVersion: .string(engineVersion)),
                    managedQueryResultsConfiguration: .init(enabled: .bool(managedQueryResults)),
                    publishCloudWatchMetricsEnabled: .bool(publishCloudWatchMetrics))))
    }

    /// The workgroup's name as a reference (`Ref`), so users of it are created after it.
    public var nameRef: Value { resource.ref }

    /// `arn:<partition>:athena:<region>:<account>:workgroup/<name>`.
    public var arn: Value { stack?.formatArn(service: "athena", resource: "workgroup/\(name)") ?? .string(name) }

    public override func validate() -> [String] {
        let valid =
            !name.isEmpty && name.count <= WorkGroup.maximumNameLength
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
            }
        return valid ? [] : ["workgroup name \"\(name)\" must be 1 to \(WorkGroup.maximumNameLength) letters, digits, '.', '_' or '-'"]
    }
}
