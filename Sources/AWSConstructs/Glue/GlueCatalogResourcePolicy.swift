import CloudFormation
import Constructs

/// A Glue Data Catalog resource policy. CloudFormation has no resource type for it, so it is
/// rendered as a file of its own, applied with `aws glue put-resource-policy`. Grants to a
/// principal of another account add their statements to it (`ResourceWithPolicy`).
public final class GlueCatalogResourcePolicy: ResourceWithPolicy {
    /// The Glue quota on a catalog's resource policy.
    public static let maximumSizeBytes = 10 * 1024
    public static let readActions = ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"]

    public private(set) var document: PolicyDocument
    /// The account whose catalog the policy is on.
    public let resourceAccount: Value
    public let resourcePartition: Value

    public init(_ document: PolicyDocument = PolicyDocument(), account: Value, partition: Value) {
        self.document = document
        resourceAccount = account
        resourcePartition = partition
    }

    /// Adds the statement; the policy is a file, not a template resource, so nothing to depend on.
    @discardableResult
    public func addToResourcePolicy(_ statement: PolicyStatement) -> Construct? {
        document.add(statement)
        return nil
    }

    /// The policy's file, as `JSONWriter` writes it, or every reason it cannot be rendered (it
    /// must be all literals, because no template resolves it, and each statement needs a principal).
    public func render() -> Result<[UInt8], GlueCatalogPolicyError> {
        var problems = document.resourcePolicyProblems(policyName: "Glue resource policy")
        let value = document.value
        if !value.isLiteral {
            problems.append("the policy refers to template values; a Glue resource policy needs concrete account ids and region")
        }
        if !problems.isEmpty { return .failure(GlueCatalogPolicyError(problems: problems)) }
        let bytes = JSONWriter.data(value: value)
        let size = bytes.count
        if size > GlueCatalogResourcePolicy.maximumSizeBytes {
            return .failure(
                GlueCatalogPolicyError(problems: [
                    "the policy is \(size) bytes; Glue allows \(GlueCatalogResourcePolicy.maximumSizeBytes)"
                ]))
        }
        return .success(bytes)
    }
}

public struct GlueCatalogPolicyError: Error {
    public var problems: [String]
}
