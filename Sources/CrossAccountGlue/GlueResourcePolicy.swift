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
        // The account as principal and the role by condition, as in the source bucket policy:
        // a role named as principal is stored by its unique id and breaks when re-created.
        return PolicyDocument([PolicyStatement(
            sid: config.names.catalogReadStatementSid,
            actions: GlueCatalogResourcePolicy.readActions,
            principals: [.arn(.string("arn:\(partition):iam::\(targetAccountId):root"))],
            resources: ExecutionRolePermissions.hierarchy(of: source.tables, in: catalog),
            conditions: [.init("ArnEquals", "aws:PrincipalArn", roleArn)])])
    }

    /// `glue-resource-policy.json` for one source, `glue-resource-policy-<account>.json` for each of several.
    static func fileName(for source: CopyPlan.SourceReads, sourceCount: Int) -> String {
        sourceCount == 1 ? CrossAccountSynthesizer.gluePolicyFile : "glue-resource-policy-\(source.accountId).json"
    }
}
