import CloudFormation
import CloudFormationGlue
import Constructs

/// A Glue database declared in a stack (catalog as code). Its resource is the "Default" child,
/// so its logical ID is the construct id.
public final class GlueDatabase: Construct {
    public private(set) var resource: CfnResource<GlueDatabaseProperties>!
    public let name: String

    public init(_ scope: Construct, _ id: String, name: String, catalogId: Value, description: String? = nil, locationUri: String? = nil) {
        self.name = name
        super.init(scope, id)
        resource = CfnResource(
            self, "Default",
            GlueDatabaseProperties(
                catalogId: catalogId,
                databaseInput: .init(description: description.map(Value.string), locationUri: locationUri.map(Value.string), name: .string(name))))
    }

    /// The database name, as a reference so tables are created after their database.
    public var nameRef: Value { resource.ref }
}
