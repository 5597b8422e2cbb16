import CloudFormation

/// How the copy queries name a source account's Glue catalog.
///
/// The seed registers it in the target account as an `AWS::Athena::DataCatalog` and selects
/// from `<catalogName>.<db>.<table>`. One resource per source account does not fit a template
/// of 500 resources once there are hundreds of accounts, and Athena does not need it: it
/// addresses another account's catalog by ARN, `"glue:arn:<partition>:glue:<region>:<account>:catalog".<db>.<table>`,
/// when the IAM and S3 permissions are in place
/// (https://docs.aws.amazon.com/athena/latest/ug/security-iam-cross-account-glue-catalog-access.html,
/// "Use the format glue:<arn>").
///
/// The rule: every source keeps its registered catalog while one per source fits the target
/// stack beside everything else it declares; beyond that, every source is addressed by ARN.
/// All or none, so one pipeline's queries read one way.
public enum CatalogAddressing: Sendable, Equatable {
    case registered
    case arn

    /// What the target stack may declare besides catalogs and catalog-as-code tables: the role and
    /// its managed policies (at most 10), the bucket, its policy and auto-delete provider, the
    /// workgroup, log group, state machine, schedule, alerts, with room to spare.
    static let reservedResources = 60

    /// The most source accounts whose catalogs the target stack registers.
    static func maximumRegisteredCatalogs(declaredTables: Int) -> Int {
        Limits.resourcesPerTemplate - reservedResources - (declaredTables > 0 ? declaredTables + 1 : 0)
    }

    static func choose(sourceCount: Int, declaredTables: Int) -> CatalogAddressing {
        sourceCount <= maximumRegisteredCatalogs(declaredTables: declaredTables) ? .registered : .arn
    }

    /// `"glue:arn:<partition>:glue:<region>:<account>:catalog"`, quoted as Athena needs it.
    static func catalogReference(account: String, partition: Value, region: Value) -> Value {
        .interpolate([.string("\"glue:arn:"), partition, .string(":glue:"), region, .string(":\(account):catalog\"")])
    }
}
