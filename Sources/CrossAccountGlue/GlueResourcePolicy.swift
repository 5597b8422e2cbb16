import AWSConstructs
import CloudFormation
import Constructs

/// The source account's Glue Data Catalog resource policy: the target execution role may read
/// exactly the catalog, databases and tables the insert query reads.
enum GlueResourcePolicy {
    static func document(config: AppConfig, targetAccountId: String, region: String, tables: QueryTables) -> PolicyDocument {
        let partition = Partition(region: region).rawValue
        let roleArn = "arn:\(partition):iam::\(targetAccountId):role/\(config.names.executionRoleName)"
        let catalog = GlueCatalogArns(partition: .string(partition), region: .string(region), account: .string(config.sourceAccountId))
        return PolicyDocument([PolicyStatement(
            sid: "AllowTargetAccountCatalogRead",
            actions: GlueCatalogResourcePolicy.readActions,
            principals: [.arn(.string(roleArn))],
            resources: TargetStack.hierarchy(of: tables.read, in: catalog))])
    }
}
