/// Where each table's files live, shared by the DDL and the catalog-as-code resources.
enum CatalogLayout {
    static func sourceDatabaseLocation(bucket: String, database: String) -> String { "s3://\(bucket)/\(database)/" }
    static func sourceTableLocation(bucket: String, database: String, table: String) -> String { "s3://\(bucket)/\(database)/\(table)/" }
    static func targetDatabaseLocation(bucket: String) -> String { "s3://\(bucket)/" }
    static func targetTableLocation(bucket: String, table: String) -> String { "s3://\(bucket)/\(table)/" }
    /// The source CSV files have a header row; the copies written by INSERT do not.
    static let sourceHeaderRows = 1
}
