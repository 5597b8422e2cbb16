/// Where each table's files live, shared by the DDL, the catalog-as-code resources and the
/// permissions (which allow reading exactly these folders).
enum CatalogLayout {
    static func sourceDatabaseLocation(bucket: String, database: String) -> String { "s3://\(bucket)/\(database)/" }
    /// A source table's folder unless the config names one: `<database>/<table>/`.
    static func defaultSourceTablePrefix(database: String, table: String) -> String {
        .concatenating(defaultSourceTablePrefixPieces(database: database, table: table))
    }
    static func sourceTableLocation(bucket: String, prefix: String) -> String { .concatenating("s3://", bucket, "/", prefix) }
    static func targetDatabaseLocation(bucket: String) -> String { "s3://\(bucket)/" }
    static func targetTableLocation(bucket: String, table: String) -> String { targetTableLocationPieces(bucket: bucket, table: table).joined() }
    /// The same locations as pieces, for text written a piece at a time (`CatalogDDL`): a source
    /// table's with its configured prefix, else the default one (`defaultSourceTablePrefixPieces`,
    /// written out here: one list, where adding the lists made two more at a thousand tables).
    static func sourceTableLocationPieces(bucket: String, database: String, table: String, prefix: String?) -> [String] {
        guard let prefix else { return ["s3://", bucket, "/", database, "/", table, "/"] }
        return ["s3://", bucket, "/", prefix]
    }
    static func targetTableLocationPieces(bucket: String, table: String) -> [String] { ["s3://", bucket, "/", table, "/"] }
    static func defaultSourceTablePrefixPieces(database: String, table: String) -> [String] { [database, "/", table, "/"] }
    /// The source CSV files have a header row; the copies written by INSERT do not.
    static let sourceHeaderRows = 1
}
