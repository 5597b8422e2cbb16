/// The project's SQL files, read by the caller (the CLI reads them from disk) and passed in,
/// so rendering stays a pure function.
public struct ProjectSources: Sendable {
    /// `target/insert-query.sql`, with `${TARGET_DATABASE}` and `${SOURCE_CATALOG}` placeholders.
    public var insertQuery: String
    /// `source/create-database-and-table.sql`, with `<SOURCE_BUCKET_NAME>`.
    public var sourceDDL: String
    /// `target/create-database-and-table.sql`, with `<TARGET_BUCKET_NAME>`.
    public var targetDDL: String

    public static let insertQueryPath = "target/insert-query.sql"
    public static let sourceDDLPath = "source/create-database-and-table.sql"
    public static let targetDDLPath = "target/create-database-and-table.sql"

    public init(insertQuery: String, sourceDDL: String, targetDDL: String) {
        self.insertQuery = insertQuery
        self.sourceDDL = sourceDDL
        self.targetDDL = targetDDL
    }
}
