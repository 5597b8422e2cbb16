import AWSConstructs
import CloudFormation

/// A configured table as catalog as code declares it: the source as its CSV files are, the
/// target in its own columns (`targetColumns`) and format; both with the partition keys.
enum GlueTableShape {
    static func glueColumns(_ columns: [Pipeline.Column]) -> [GlueTable.Column] {
        columns.map { GlueTable.Column(name: $0.name, type: $0.type, comment: $0.comment) }
    }

    /// The copies INSERT and CTAS write have no header row.
    static func targetStorage(_ format: Pipeline.StorageFormat) -> GlueTable.Storage {
        switch format {
        case .textfile: return .csv(headerRows: 0)
        case .parquet(let compression): return .parquet(compression: compression.parquetCodecName)
        }
    }
}
