import CloudFormation
import CloudFormationAthena
import Constructs

/// An Athena data catalog. A `.glue(catalogId:)` catalog registers another account's Glue Data
/// Catalog, so queries can read `<catalog>.<database>.<table>` across accounts.
public final class DataCatalog: Construct {
    /// Athena's API documents 127 characters as the usable part of a catalog name.
    public static let maximumNameLength = 127

    public enum Kind {
        case glue(catalogId: String)
    }

    public private(set) var resource: CfnResource<AthenaDataCatalogProperties>!
    public let name: String

    public init(_ scope: Construct, _ id: String, name: String, kind: Kind, description: String? = nil) {
        self.name = name
        super.init(scope, id)
        switch kind {
        case .glue(let catalogId):
            resource = CfnResource(
                self, "Default",
                AthenaDataCatalogProperties(
                    description: description.map(Value.string), name: .string(name), parameters: ["catalog-id": .string(catalogId)],
                    type: .glue))
        }
    }

    /// `arn:<partition>:athena:<region>:<account>:datacatalog/<name>`.
    public var arn: Value { stack?.formatArn(service: "athena", resource: "datacatalog/\(name)") ?? .string(name) }

    public override func validate() -> [String] {
        let valid =
            !name.isEmpty && name.count <= DataCatalog.maximumNameLength
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_@-".unicodeScalars.contains($0)
            }
        return valid ? [] : ["data catalog name \"\(name)\" must be 1 to \(DataCatalog.maximumNameLength) letters, digits, '_', '@' or '-'"]
    }
}
