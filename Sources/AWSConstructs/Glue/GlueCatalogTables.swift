import CloudFormation
import Constructs

/// A Glue database declared in a stack (catalog as code). Its resource is the "Default" child,
/// so its logical ID is the construct id.
public final class GlueDatabase: Construct {
    public private(set) var resource: CfnResource<GlueDatabaseProperties>!
    public let name: String

    public init(_ scope: Construct, _ id: String, name: String, catalogId: Value, description: String? = nil, locationUri: String? = nil) {
        self.name = name
        super.init(scope, id)
        resource = CfnResource(self, "Default", GlueDatabaseProperties(catalogId: catalogId, name: name, description: description,
                                                                       locationUri: locationUri))
    }

    /// The database name, as a reference so tables are created after their database.
    public var nameRef: Value { resource.ref }
}

/// A Glue table over CSV files in S3 (catalog as code).
public final class GlueCsvTable: Construct {
    public private(set) var resource: CfnResource<GlueTableProperties>!

    public init(_ scope: Construct, _ id: String, database: GlueDatabase, name: String, columns: [GlueTableProperties.Column],
                location: String, headerRows: Int = 0, description: String? = nil) {
        super.init(scope, id)
        var parameters: [(key: String, value: String)] = [("classification", "csv")]
        if headerRows > 0 { parameters.append(("skip.header.line.count", String(headerRows))) }
        resource = CfnResource(self, "Default", GlueTableProperties(
            catalogId: database.resource.properties.catalogId, databaseName: database.nameRef, name: name,
            description: description, columns: columns, location: location, parameters: parameters))
    }
}
