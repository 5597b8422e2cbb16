/// `AWS::Glue::Table`: an external table over files in S3, delimited text or Parquet.
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

    /// How the table's files are read and written: the StorageDescriptor's input and output
    /// formats and its SerDe, as Athena's `ROW FORMAT DELIMITED … STORED AS TEXTFILE` and
    /// `STORED AS PARQUET` record them in the Glue catalog.
    public struct FileFormat: Sendable {
        public var inputFormat: String
        public var outputFormat: String
        public var serializationLibrary: String
        /// The SerDe's parameters, in order.
        public var serdeParameters: [(key: String, value: String)]

        public init(
            inputFormat: String, outputFormat: String, serializationLibrary: String,
            serdeParameters: [(key: String, value: String)] = []
        ) {
            self.inputFormat = inputFormat
            self.outputFormat = outputFormat
            self.serializationLibrary = serializationLibrary
            self.serdeParameters = serdeParameters
        }

        /// Text with one character between fields (LazySimpleSerDe), such as CSV without quoting.
        public static func delimitedText(fieldDelimiter: String = ",") -> FileFormat {
            FileFormat(
                inputFormat: "org.apache.hadoop.mapred.TextInputFormat",
                outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                serializationLibrary: "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                serdeParameters: [("field.delim", fieldDelimiter), ("serialization.format", fieldDelimiter)])
        }

        /// Apache Parquet (https://docs.aws.amazon.com/athena/latest/ug/parquet-serde.html); the
        /// codec is the table parameter `parquet.compression`, not part of the format.
        public static let parquet = FileFormat(
            inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
            outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
            serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
            serdeParameters: [("serialization.format", "1")])
    }

    public var catalogId: Value
    public var databaseName: Value
    public var name: String
    public var description: String?
    public var columns: [Column]
    /// The partition keys, in order; Glue keeps them apart from the columns (`TableInput.PartitionKeys`).
    public var partitionKeys: [Column]
    public var location: String
    public var fileFormat: FileFormat
    /// Table parameters such as `classification` and `skip.header.line.count`, in order.
    public var parameters: [(key: String, value: String)]

    public init(
        catalogId: Value, databaseName: Value, name: String, description: String? = nil, columns: [Column],
        partitionKeys: [Column] = [], location: String, fileFormat: FileFormat = .delimitedText(),
        parameters: [(key: String, value: String)] = []
    ) {
        self.catalogId = catalogId
        self.databaseName = databaseName
        self.name = name
        self.description = description
        self.columns = columns
        self.partitionKeys = partitionKeys
        self.location = location
        self.fileFormat = fileFormat
        self.parameters = parameters
    }

    static func columnValues(_ columns: [Column]) -> [Value] {
        columns.map { column in
            var fields = PropertyFields()
            fields.set("Name", column.name)
            fields.set("Type", column.type)
            fields.set("Comment", column.comment)
            return .object(fields.sorted)
        }
    }

    public func fields() -> [Value.Field] {
        var serde: [Value.Field] = [.init("SerializationLibrary", .string(fileFormat.serializationLibrary))]
        if !fileFormat.serdeParameters.isEmpty {
            serde.append(.init("Parameters", .object(fileFormat.serdeParameters.map { Value.Field($0.key, .string($0.value)) })))
        }
        var storage = PropertyFields()
        storage.set("Columns", list: GlueTableProperties.columnValues(columns))
        storage.set("Location", location)
        storage.set("InputFormat", fileFormat.inputFormat)
        storage.set("OutputFormat", fileFormat.outputFormat)
        storage.set("SerdeInfo", Value.object(serde))
        var input = PropertyFields()
        input.set("Name", name)
        input.set("Description", description)
        input.set("TableType", "EXTERNAL_TABLE")
        input.set("PartitionKeys", list: GlueTableProperties.columnValues(partitionKeys))
        if !parameters.isEmpty { input.set("Parameters", Value.object(parameters.map { Value.Field($0.key, .string($0.value)) })) }
        input.set("StorageDescriptor", Value.object(storage.sorted))
        var fields = PropertyFields()
        fields.set("CatalogId", catalogId)
        fields.set("DatabaseName", databaseName)
        fields.set("TableInput", Value.object(input.sorted))
        return fields.sorted
    }
}
