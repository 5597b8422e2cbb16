import AWSConstructs
import CloudFormation
import Constructs

/// A source account's Glue Data Catalog resource policy: the target execution role may read
/// exactly the catalog, databases and tables copied from that account.
enum GlueResourcePolicy {
    /// Rendered from the target stack: its execution role's ARN and account, in its partition
    /// and Region (both known, as a Glue policy file holds no intrinsics).
    static func document(target: TargetStack, statementSid: String, source: CopyPlan.SourceReads) -> PolicyDocument {
        let catalog = GlueCatalogArns(partition: target.partitionValue, region: target.regionValue, account: .string(source.accountId))
        let targetAccount = target.formatArn(service: "iam", region: .string(""), resource: "root")
        // The account as principal and the role by condition, as in the source bucket policy:
        // a role named as principal is stored by its unique id and breaks when re-created.
        return PolicyDocument([PolicyStatement(
            sid: statementSid,
            actions: GlueCatalogResourcePolicy.readActions,
            principals: [.arn(targetAccount)],
            resources: ExecutionRolePermissions.hierarchy(of: source.tables, in: catalog),
            conditions: [.init("ArnEquals", "aws:PrincipalArn", [target.executionRole.arnFromName ?? target.executionRole.roleArn])])])
    }

    /// `glue-resource-policy.json` for one source, `glue-resource-policy-<account>.json` for each of several.
    static func fileName(for source: CopyPlan.SourceReads, sourceCount: Int) -> String {
        sourceCount == 1 ? CrossAccountSynthesizer.gluePolicyFile : "glue-resource-policy-\(source.accountId).json"
    }
}
