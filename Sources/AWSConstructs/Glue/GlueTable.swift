import CloudFormation
import CloudFormationGlue
import Constructs

/// A Glue table over files in S3 (catalog as code): comma-separated text or Parquet,
/// partitioned or not. Its resource is the "Default" child, so its logical ID is the construct id.
public final class GlueTable: Construct {
    /// A column or partition key: its name, Hive type and comment.
    public typealias Column = GlueTableProperties.Column

    /// How the table's files are stored, with the table parameters Athena reads for it.
    public enum Storage {
        /// Comma-separated text; the first `headerRows` lines of each file are not data.
        case csv(headerRows: Int)
        /// Parquet, written with `compression`: the value of Athena's `parquet.compression`
        /// table property (SNAPPY, GZIP, ZSTD or NONE;
        /// https://docs.aws.amazon.com/athena/latest/ug/alter-table-set-tblproperties.html).
        case parquet(compression: String)

        /// The StorageDescriptor's input and output formats and its SerDe, as Athena's
        /// `ROW FORMAT DELIMITED … STORED AS TEXTFILE` and `STORED AS PARQUET` record them.
        var formats: (input: String, output: String, serde: GlueTableProperties.SerdeInfo) {
            switch self {
            case .csv:
                let delimiter = Value.string(",")
                return (
                    "org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                    .init(
                        parameters: .object(["field.delim": delimiter, "serialization.format": delimiter]),
                        serializationLibrary: "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                )
            case .parquet:
                // https://docs.aws.amazon.com/athena/latest/ug/parquet-serde.html; the codec is the
                // table parameter `parquet.compression`, not part of the format.
                return (
                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                    .init(
                        parameters: .object(["serialization.format": "1"]),
                        serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                )
            }
        }

        /// `classification` is what Glue and Athena take the data type from.
        var parameters: Value {
            switch self {
            case .csv(let headerRows):
                var fields = [Value.Field("classification", "csv")]
                if headerRows > 0 { fields.append(Value.Field("skip.header.line.count", .string(String(headerRows)))) }
                return .object(fields)
            case .parquet(let compression):
                return .object(["classification": "parquet", "parquet.compression": .string(compression)])
            }
        }
    }

    public private(set) var resource: CfnResource<GlueTableProperties>!

    public init(
        _ scope: Construct, _ id: String, database: GlueDatabase, name: String, columns: [Column],
        partitionKeys: [Column] = [], location: String, storage: Storage = .csv(headerRows: 0),
        description: String? = nil
    ) {
        super.init(scope, id)
        let formats = storage.formats
        resource = CfnResource(
            self, "Default",
            GlueTableProperties(
                catalogId: database.resource.properties.catalogId,
                databaseName: database.nameRef,
                tableInput: .init(
                    description: description.map(Value.string),
                    name: .string(name),
                    parameters: storage.parameters,
                    partitionKeys: partitionKeys.isEmpty ? nil : partitionKeys,
                    storageDescriptor: .init(
                        columns: columns.isEmpty ? nil : columns, inputFormat: .string(formats.input), location: .string(location),
                        outputFormat: .string(formats.output), serdeInfo: formats.serde),
                    tableType: .externalTable)))
    }
}

extension GlueTable.Column {
    /// A column named `name` of Hive type `type`.
    public init(name: String, type: String, comment: String? = nil) {
        self.init(comment: comment.map(Value.string), name: .string(name), type: .string(type))
    }
}
