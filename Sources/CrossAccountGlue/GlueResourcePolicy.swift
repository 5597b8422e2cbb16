import AWSConstructs
import CloudFormation
import Constructs

/// A source account's Glue Data Catalog resource policy: the target execution role may read
/// exactly the catalog, databases and tables copied from that account.
enum GlueResourcePolicy {
    static func document(config: AppConfig, targetAccountId: String, region: String, source: CopyPlan.SourceReads) -> PolicyDocument {
        let partition = Partition(region: region).rawValue
        let roleArn = "arn:\(partition):iam::\(targetAccountId):role/\(config.names.executionRoleName)"
        let catalog = GlueCatalogArns(partition: .string(partition), region: .string(region), account: .string(source.accountId))
        return PolicyDocument([PolicyStatement(
            sid: config.names.catalogReadStatementSid,
            actions: GlueCatalogResourcePolicy.readActions,
            principals: [.arn(.string(roleArn))],
            resources: ExecutionRolePermissions.hierarchy(of: source.tables, in: catalog))])
    }

    /// `glue-resource-policy.json` for one source, `glue-resource-policy-<account>.json` for each of several.
    static func fileName(for source: CopyPlan.SourceReads, sourceCount: Int) -> String {
        sourceCount == 1 ? CrossAccountSynthesizer.gluePolicyFile : "glue-resource-policy-\(source.accountId).json"
    }
}
