/// `AWS::Glue::Database`.
public struct GlueDatabaseProperties: ResourceProperties {
    public static let resourceType = "AWS::Glue::Database"

    public var catalogId: Value
    public var name: String
    public var description: String?
    public var locationUri: String?

    public init(catalogId: Value, name: String, description: String? = nil, locationUri: String? = nil) {
        self.catalogId = catalogId
        self.name = name
        self.description = description
        self.locationUri = locationUri
    }

    public func fields() -> [Value.Field] {
        var input = PropertyFields()
        input.set("Name", name)
        input.set("Description", description)
        input.set("LocationUri", locationUri)
        var fields = PropertyFields()
        fields.set("CatalogId", catalogId)
        fields.set("DatabaseInput", Value.object(input.sorted))
        return fields.sorted
    }
}
