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

extension SchedulerScheduleProperties {
    public static var attributeNames: [String]? { ["Arn"] }
}

extension StepFunctionsStateMachineProperties {
    public static var attributeNames: [String]? { ["Arn", "Name", "StateMachineRevisionId"] }
}
