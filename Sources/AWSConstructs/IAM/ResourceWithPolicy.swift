import CloudFormation
import Constructs

/// A resource with a policy of its own (a bucket, a topic, a key), which a grant adds to when the
/// grantee is not provably in the resource's account: the AWS CDK's `IResourceWithPolicy`.
public protocol ResourceWithPolicy: AnyObject {
    /// Adds `statement` to the resource's policy; returns the construct whose template resource
    /// holds the policy, `nil` when the policy is no template resource (a Glue catalog's).
    @discardableResult
    func addToResourcePolicy(_ statement: PolicyStatement) -> Construct?
    /// The account that owns the resource.
    var resourceAccount: Value { get }
    /// The partition, for naming an account's root (`arn:<partition>:iam::<account>:root`).
    var resourcePartition: Value { get }
}

extension ResourceWithPolicy where Self: Construct {
    /// The stack's account; `AWS::AccountId` when the stack does not name one.
    public var resourceAccount: Value { stack?.accountValue ?? .pseudo(.accountId) }
    public var resourcePartition: Value { stack?.partitionValue ?? .pseudo(.partition) }
}
