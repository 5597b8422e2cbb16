/// The attributes `Fn::GetAtt` can read from each hand-written resource type: the
/// `readOnlyProperties` of its CloudFormation resource provider schema (as the pinned cfn-lint
/// 1.51.0 ships it for us-east-1), nested ones joined with `.`. A `GetAtt` of any other name is
/// a synth-time error (`Stack`), not a failed deploy.

extension AthenaDataCatalogProperties {
    public static var attributeNames: [String]? { [] }
}

extension AthenaWorkGroupProperties {
    public static var attributeNames: [String]? {
        [
            "CreationTime", "WorkGroupConfiguration.EngineVersion.EffectiveEngineVersion",
            "WorkGroupConfigurationUpdates.EngineVersion.EffectiveEngineVersion",
        ]
    }
}

extension EventsRuleProperties {
    public static var attributeNames: [String]? { ["Arn"] }
}

extension GlueDatabaseProperties {
    public static var attributeNames: [String]? { [] }
}

extension GlueTableProperties {
    public static var attributeNames: [String]? { ["Id"] }
}

extension IAMManagedPolicyProperties {
    public static var attributeNames: [String]? {
        ["PolicyArn", "AttachmentCount", "CreateDate", "DefaultVersionId", "IsAttachable", "PermissionsBoundaryUsageCount", "PolicyId", "UpdateDate"]
    }
}

extension IAMPolicyProperties {
    public static var attributeNames: [String]? { ["Id"] }
}

extension IAMRoleProperties {
    public static var attributeNames: [String]? { ["Arn", "RoleId"] }
}

extension KMSKeyProperties {
    public static var attributeNames: [String]? { ["Arn", "KeyId"] }
}

extension LambdaFunctionProperties {
    public static var attributeNames: [String]? { ["SnapStartResponse", "SnapStartResponse.ApplyOn", "SnapStartResponse.OptimizationStatus", "Arn"] }
}

extension LogsLogGroupProperties {
    public static var attributeNames: [String]? { ["Arn"] }
}

extension S3BucketProperties {
    public static var attributeNames: [String]? {
        [
            "Arn", "DomainName", "DualStackDomainName", "RegionalDomainName", "MetadataTableConfiguration.S3TablesDestination.TableNamespace",
            "MetadataTableConfiguration.S3TablesDestination.TableArn", "MetadataConfiguration.Destination",
            "MetadataConfiguration.JournalTableConfiguration.TableName", "MetadataConfiguration.JournalTableConfiguration.TableArn",
            "MetadataConfiguration.InventoryTableConfiguration.TableName", "MetadataConfiguration.InventoryTableConfiguration.TableArn", "WebsiteURL",
        ]
    }
}

extension S3BucketPolicyProperties {
    public static var attributeNames: [String]? { [] }
}

extension SNSSubscriptionProperties {
    public static var attributeNames: [String]? { ["Arn"] }
}

extension SNSTopicProperties {
    public static var attributeNames: [String]? { ["TopicArn"] }
}

extension SNSTopicPolicyProperties {
    public static var attributeNames: [String]? { ["Id"] }
}

extension SchedulerScheduleProperties {
    public static var attributeNames: [String]? { ["Arn"] }
}

extension StepFunctionsStateMachineProperties {
    public static var attributeNames: [String]? { ["Arn", "Name", "StateMachineRevisionId"] }
}
