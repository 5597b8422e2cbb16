/// `AWS::Glue::Table`: an external table over delimited text files in S3.
public struct GlueTableProperties: ResourceProperties {
    public static let resourceType = "AWS::Glue::Table"

    public struct Column {
        public var name: String
        public var type: String
        public var comment: String?
        public init(name: String, type: String, comment: String? = nil) {
            self.name = name
            self.type = type
            self.comment = comment
        }
    }

    public static let textInputFormat = "org.apache.hadoop.mapred.TextInputFormat"
    public static let textOutputFormat = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
    public static let lazySimpleSerDe = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"

    public var catalogId: Value
    public var databaseName: Value
    public var name: String
    public var description: String?
    public var columns: [Column]
    public var location: String
    public var fieldDelimiter: String
    /// Table parameters such as `classification` and `skip.header.line.count`, in order.
    public var parameters: [(key: String, value: String)]

    public init(catalogId: Value, databaseName: Value, name: String, description: String? = nil, columns: [Column],
                location: String, fieldDelimiter: String = ",", parameters: [(key: String, value: String)] = []) {
        self.catalogId = catalogId
        self.databaseName = databaseName
        self.name = name
        self.description = description
        self.columns = columns
        self.location = location
        self.fieldDelimiter = fieldDelimiter
        self.parameters = parameters
    }

    public func fields() -> [Value.Field] {
        let columnValues: [Value] = columns.map { column in
            var fields = PropertyFields()
            fields.set("Name", column.name)
            fields.set("Type", column.type)
            fields.set("Comment", column.comment)
            return .object(fields.sorted)
        }
        var storage = PropertyFields()
        storage.set("Columns", list: columnValues)
        storage.set("Location", location)
        storage.set("InputFormat", GlueTableProperties.textInputFormat)
        storage.set("OutputFormat", GlueTableProperties.textOutputFormat)
        storage.set("SerdeInfo", Value.object([
            "SerializationLibrary": .string(GlueTableProperties.lazySimpleSerDe),
            "Parameters": .object(["field.delim": .string(fieldDelimiter), "serialization.format": .string(fieldDelimiter)]),
        ]))
        var input = PropertyFields()
        input.set("Name", name)
        input.set("Description", description)
        input.set("TableType", "EXTERNAL_TABLE")
        if !parameters.isEmpty { input.set("Parameters", Value.object(parameters.map { Value.Field($0.key, .string($0.value)) })) }
        input.set("StorageDescriptor", Value.object(storage.sorted))
        var fields = PropertyFields()
        fields.set("CatalogId", catalogId)
        fields.set("DatabaseName", databaseName)
        fields.set("TableInput", Value.object(input.sorted))
        return fields.sorted
    }
}
