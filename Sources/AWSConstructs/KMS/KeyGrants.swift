import CloudFormation

/// The KMS actions key grants give, listed without wildcards (the AWS CDK's `kms:ReEncrypt*`
/// and `kms:GenerateDataKey*` expand to actions such as `kms:GenerateDataKeyPair`).
public enum KeyActions {
    public static let decrypt = ["kms:Decrypt"]
    public static let encrypt = [
        "kms:Encrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext",
    ]
    public static let encryptDecrypt = decrypt + encrypt
}

/// Grants on a key: to the grantee's policy when it is in the key's account (the key policy's
/// root statement lets IAM policies decide), else also in the key policy, where the key is `*`.
extension Key {
    /// Lets `grantee` call `actions` on the key.
    @discardableResult
    public func grant(_ grantee: Grantable, actions: [String], options: GrantOptions = GrantOptions()) -> Grant {
        Grant.addToPrincipalOrResource(
            grantee, actions: actions, resourceArns: [keyArn], resourceSelfArns: [.string("*")],
            resource: self, options: options)
    }

    /// Lets `grantee` encrypt and decrypt with the key.
    @discardableResult
    public func grantEncryptDecrypt(_ grantee: Grantable, options: GrantOptions = GrantOptions()) -> Grant {
        grant(grantee, actions: KeyActions.encryptDecrypt, options: options)
    }
}
