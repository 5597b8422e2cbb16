import AWSConstructs
import CloudFormation
import Constructs

/// A source account's Glue Data Catalog resource policy: the target execution role may read
/// exactly the catalog, databases and tables copied from that account.
enum GlueResourcePolicy {
    /// A grant to the target stack's execution role, from the tree: the role's ARN and account,
    /// in the stack's partition and Region (both known, as a Glue policy file holds no
    /// intrinsics). The role is another account's, so the grant goes to the catalog's policy,
    /// naming the account as principal and the role by condition, as the source bucket policy
    /// does: a role named as principal is stored by its unique id and breaks when re-created.
    /// One policy per source, in order; the role, partition and Region looked up once for all.
    static func policies(target: TargetStack, statementSid: String, sources: [CopyPlan.SourceReads]) -> [GlueCatalogResourcePolicy] {
        let partition = target.partitionValue
        let region = target.regionValue
        let role = ExternalRole(arn: target.executionRole.arnFromName ?? target.executionRole.roleArn, account: target.accountValue)
        return sources.map { source in
            let catalog = GlueCatalogArns(partition: partition, region: region, account: .string(source.accountId))
            let policy = GlueCatalogResourcePolicy(account: .string(source.accountId), partition: partition)
            Grant.addToPrincipalOrResource(
                role, actions: GlueCatalogResourcePolicy.readActions,
                resourceArns: ExecutionRolePermissions.hierarchy(of: source.tables, in: catalog),
                resource: policy, options: GrantOptions(sid: statementSid, resourcePolicyPrincipal: .accountAndPrincipalArn))
            return policy
        }
    }

    /// `glue-resource-policy.json` for one source, `glue-resource-policy-<account>.json` for each of several.
    static func fileName(for source: CopyPlan.SourceReads, sourceCount: Int) -> String {
        sourceCount == 1 ? CrossAccountSynthesizer.gluePolicyFile : "glue-resource-policy-\(source.accountId).json"
    }
}
