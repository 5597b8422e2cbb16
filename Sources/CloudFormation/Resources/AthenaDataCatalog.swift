/// `AWS::Athena::DataCatalog`.
public struct AthenaDataCatalogProperties: TaggableProperties {
    public static let resourceType = "AWS::Athena::DataCatalog"

    public enum CatalogType: String, Sendable {
        case glue = "GLUE"
        case hive = "HIVE"
        case lambda = "LAMBDA"
        case federated = "FEDERATED"
    }

    public var name: String
    public var type: CatalogType
    public var description: String?
    /// Catalog parameters in the order given, e.g. `catalog-id` for a GLUE catalog.
    public var parameters: [(key: String, value: Value)]
    public var tags: [Tag]

    public init(name: String, type: CatalogType, description: String? = nil, parameters: [(key: String, value: Value)] = [], tags: [Tag] = []) {
        self.name = name
        self.type = type
        self.description = description
        self.parameters = parameters
        self.tags = tags
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("Name", name)
        fields.set("Type", type.rawValue)
        fields.set("Description", description)
        if !parameters.isEmpty {
            fields.set("Parameters", Value.object(parameters.map { Value.Field($0.key, $0.value) }))
        }
        fields.setTags(tags)
        return fields.sorted
    }
}
