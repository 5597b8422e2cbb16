import AWSConstructs
import CloudFormation
import Constructs

/// The execution role's source reads when even one ARN per database does not fit IAM's quotas
/// (a thousand source accounts): Glue's catalog, databases and tables, and the source buckets'
/// table folders, in any account, with `aws:ResourceAccount` naming exactly the source accounts.
///
/// `aws:ResourceAccount` is the account that owns the resource a request acts on
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount).
/// A cross-account read also needs the owner's grant (the Glue resource policy and the bucket
/// policy, which still name exactly the tables and folders read), so the role reads exactly what
/// it did with one ARN per table; this form only stops naming the owner's side twice.
///
/// A condition is not split across policies, so the accounts are cut into groups that each fit
/// one managed policy, one statement per group.
enum AccountScopedReads {
    /// Account ids per statement: each id takes 15 characters (`"123456789012",`), and a managed
    /// policy holds 6,144, with room for the statement's actions and resources.
    static let accountsPerStatement = (Limits.managedPolicyCharacters - 1_000) / 15

    static func statements(plan: CopyPlan, stack: Stack) -> [PolicyStatement] {
        let anyAccount = Value.string("*")
        let glue = GlueCatalogArns(stack: stack, account: anyAccount)
        let folders = SourceDataAccess.keyPatterns(plan.sources.flatMap(\.dataPrefixes), granularity: .account)
        let anyBucket = stack.formatGlobalArn(service: "s3", resource: "*")
        let groups = stride(from: 0, to: plan.sources.count, by: accountsPerStatement).map {
            Array(plan.sources[$0..<min($0 + accountsPerStatement, plan.sources.count)].map(\.accountId))
        }
        func owned(by accounts: [String]) -> PolicyStatement.Condition {
            .init("StringEquals", "aws:ResourceAccount", accounts.map(Value.string))
        }
        func sid(_ base: String, _ index: Int) -> String { index == 0 ? base : "\(base)\(index + 1)" }
        var statements: [PolicyStatement] = []
        for (index, accounts) in groups.enumerated() {
            statements.append(
                PolicyStatement(
                    sid: sid("AllowSourceGlueCatalogReadAccess", index),
                    actions: GlueCatalogResourcePolicy.readActions,
                    resources: [glue.catalog, glue.database("*"), glue.table("*", "*")],
                    conditions: [owned(by: accounts)]))
        }
        for (index, accounts) in groups.enumerated() {
            statements.append(
                PolicyStatement(
                    sid: sid("AllowSourceS3BucketReadAccess", index),
                    actions: ["s3:GetObject"],
                    resources: folders.map { Value.interpolate([anyBucket, .string("/" + $0)]) },
                    conditions: [owned(by: accounts)]))
        }
        for (index, accounts) in groups.enumerated() {
            statements.append(
                PolicyStatement(
                    sid: sid("AllowSourceS3BucketList", index),
                    actions: ["s3:ListBucket"],
                    resources: [anyBucket],
                    conditions: [SourceDataAccess.listCondition(folders), owned(by: accounts)]))
        }
        return statements
    }
}
