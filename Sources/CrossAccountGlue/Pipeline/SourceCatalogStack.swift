import AWSConstructs
import CloudFormation
import Constructs

/// Catalog as code in one source account: its Glue databases and tables, so no console SQL is
/// needed. One template per account, because each account holds different tables.
public final class SourceCatalogStack: Stack {
    static func fileName(for source: Pipeline.Source) -> String { "source-catalog-stack-\(source.accountId).json" }
    static func stackName(names: ResourceNames) -> String { "\(names.projectName)-\(names.envName)-catalog" }

    init(_ app: App, config: AppConfig, source: Pipeline.Source) {
        let names = config.names
        super.init(
            app, "\(names.projectName)-catalog-\(source.accountId)", stackName: SourceCatalogStack.stackName(names: names),
            description: "Glue databases and tables of source account \(source.accountId) for the cross-account copy",
            account: source.accountId, region: config.region,
            tags: [
                Tag("Project", .string(names.projectName)), Tag("Environment", .string(names.envName)),
                Tag("Repository", .string(AppConfig.repositoryTag)),
            ])
        for database in source.databases {
            let glueDatabase = GlueDatabase(
                self, "GlueDatabase-\(database.name)", name: database.name, catalogId: accountValue,
                description: "Source database for cross-account data copy",
                locationUri: CatalogLayout.sourceDatabaseLocation(bucket: source.bucket, database: database.name))
            for table in database.tables {
                _ = GlueTable(
                    self, "GlueTable-\(database.name)-\(table.name)", database: glueDatabase, name: table.name,
                    columns: GlueTableShape.glueColumns(table.columns),
                    partitionKeys: GlueTableShape.glueColumns(table.partitionKeys),
                    location: CatalogLayout.sourceTableLocation(bucket: source.bucket, prefix: table.dataPrefix(in: database)),
                    storage: .csv(headerRows: CatalogLayout.sourceHeaderRows))
            }
        }
    }
}
