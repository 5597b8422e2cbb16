import CloudFormation
import Constructs

/// A Glue table over files in S3 (catalog as code): comma-separated text or Parquet,
/// partitioned or not. Its resource is the "Default" child, so its logical ID is the construct id.
public final class GlueTable: Construct {
    /// How the table's files are stored, with the table parameters Athena reads for it.
    public enum Storage {
        /// Comma-separated text; the first `headerRows` lines of each file are not data.
        case csv(headerRows: Int)
        /// Parquet, written with `compression`: the value of Athena's `parquet.compression`
        /// table property (SNAPPY, GZIP, ZSTD or NONE;
        /// https://docs.aws.amazon.com/athena/latest/ug/alter-table-set-tblproperties.html).
        case parquet(compression: String)

        var fileFormat: GlueTableProperties.FileFormat {
            switch self {
            case .csv: return .delimitedText(fieldDelimiter: ",")
            case .parquet: return .parquet
            }
        }

        /// `classification` is what Glue and Athena take the data type from.
        var parameters: [(key: String, value: String)] {
            switch self {
            case .csv(let headerRows):
                return [("classification", "csv")] + (headerRows > 0 ? [("skip.header.line.count", String(headerRows))] : [])
            case .parquet(let compression):
                return [("classification", "parquet"), ("parquet.compression", compression)]
            }
        }
    }

    public private(set) var resource: CfnResource<GlueTableProperties>!

    public init(
        _ scope: Construct, _ id: String, database: GlueDatabase, name: String, columns: [GlueTableProperties.Column],
        partitionKeys: [GlueTableProperties.Column] = [], location: String, storage: Storage = .csv(headerRows: 0),
        description: String? = nil
    ) {
        super.init(scope, id)
        resource = CfnResource(
            self, "Default",
            GlueTableProperties(
                catalogId: database.resource.properties.catalogId, databaseName: database.nameRef, name: name,
                description: description, columns: columns, partitionKeys: partitionKeys, location: location,
                fileFormat: storage.fileFormat, parameters: storage.parameters))
    }
}
