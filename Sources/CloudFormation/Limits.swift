/// AWS quotas that synth checks before anything is deployed. Each cites where it is documented.
public enum Limits {
    /// A template passed inline (`TemplateBody`, what `aws cloudformation deploy` sends without
    /// `--s3-bucket`): 51,200 bytes. CloudFormation user guide, "CloudFormation quotas";
    /// botocore `CreateStack.TemplateBody`.
    public static let inlineTemplateBytes = 51_200
    /// A template uploaded to S3 (`TemplateURL`): 1 MB. CloudFormation user guide, "CloudFormation quotas".
    public static let s3TemplateBytes = 1_000_000
    /// Resources per template. CloudFormation user guide, "CloudFormation quotas".
    public static let resourcesPerTemplate = 500
    /// Parameters per template. CloudFormation user guide, "CloudFormation quotas".
    public static let parametersPerTemplate = 200
    /// Outputs per template. CloudFormation user guide, "CloudFormation quotas".
    public static let outputsPerTemplate = 200
    /// Mappings per template. CloudFormation user guide, "CloudFormation quotas".
    public static let mappingsPerTemplate = 200
    /// Top-level keys ("mapping attributes") of one mapping; cfn-lint's E7010 checks the same.
    /// CloudFormation user guide, "CloudFormation quotas".
    public static let keysPerMapping = 200
    /// Template description. CloudFormation user guide, "CloudFormation quotas".
    public static let descriptionBytes = 1_024
    /// All inline policies of one role together, whitespace not counted. IAM user guide,
    /// "IAM and AWS STS quotas" (role policy size).
    public static let roleInlinePolicyCharacters = 10_240
    /// One customer managed policy, whitespace not counted. IAM user guide, "IAM and AWS STS quotas".
    public static let managedPolicyCharacters = 6_144
    /// Managed policies attached to one role (default quota). IAM user guide, "IAM and AWS STS quotas".
    public static let managedPoliciesPerRole = 10
}
