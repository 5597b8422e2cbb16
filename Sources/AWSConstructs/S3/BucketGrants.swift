import CloudFormation
import Constructs

/// Grants on a bucket: the actions of `BucketActions`, on the bucket and objects matching a key
/// pattern, to the grantee's policy, the bucket policy or both (`Grant.addToPrincipalOrResource`).
/// With a customer managed key, the grantee's policy also gets the key's actions
/// (`BucketKeyActions`); a grantee of another account needs the key's owner to allow them.
extension Bucket {
    /// Where a bucket grant's actions apply.
    public enum GrantTarget {
        /// The bucket and the objects matching a key pattern (`*`, `reports/*`), as the AWS CDK's
        /// grants: for actions on both.
        case bucketAndObjects(matching: String)
        /// Only the objects matching the patterns: for object actions (`s3:GetObject`).
        case objects(KeyPatterns)
        /// The bucket, listed only under the patterns (`StringLike s3:prefix`): for
        /// `s3:ListBucket`, so a reader sees no keys beyond those it may read.
        case listing(KeyPatterns)
    }

    /// Lets `grantee` read objects and list the bucket.
    @discardableResult
    public func grantRead(_ grantee: Grantable, objectsMatching keyPattern: String = "*", options: GrantOptions = GrantOptions()) -> Grant {
        grant(grantee, actions: BucketActions.read, objectsMatching: keyPattern, keyActions: BucketKeyActions.read, options: options)
    }

    /// Lets `grantee` write and delete objects.
    @discardableResult
    public func grantWrite(_ grantee: Grantable, objectsMatching keyPattern: String = "*", options: GrantOptions = GrantOptions()) -> Grant {
        grant(grantee, actions: BucketActions.write, objectsMatching: keyPattern, keyActions: BucketKeyActions.write, options: options)
    }

    /// Lets `grantee` read, write and delete objects.
    @discardableResult
    public func grantReadWrite(_ grantee: Grantable, objectsMatching keyPattern: String = "*", options: GrantOptions = GrantOptions()) -> Grant {
        grant(grantee, actions: BucketActions.readWrite, objectsMatching: keyPattern, keyActions: BucketKeyActions.write, options: options)
    }

    /// Lets `grantee` delete objects (and their versions); deleting touches no key.
    @discardableResult
    public func grantDelete(_ grantee: Grantable, objectsMatching keyPattern: String = "*", options: GrantOptions = GrantOptions()) -> Grant {
        grant(grantee, actions: BucketActions.delete, on: .objects(KeyPatterns([keyPattern])), keyActions: [], options: options)
    }

    /// Lets `grantee` upload objects, multipart uploads included.
    @discardableResult
    public func grantPut(_ grantee: Grantable, objectsMatching keyPattern: String = "*", options: GrantOptions = GrantOptions()) -> Grant {
        grant(grantee, actions: BucketActions.put, objectsMatching: keyPattern, keyActions: BucketKeyActions.write, options: options)
    }

    /// Lets `grantee` call `actions` on the bucket and the objects matching `keyPattern`
    /// (e.g. `*` or `reports/*`); with a customer managed key, also `keyActions` on the key.
    @discardableResult
    public func grant(
        _ grantee: Grantable, actions: [String], objectsMatching keyPattern: String = "*",
        keyActions: [String] = BucketKeyActions.write, options: GrantOptions = GrantOptions()
    ) -> Grant {
        grant(grantee, actions: actions, on: .bucketAndObjects(matching: keyPattern), keyActions: keyActions, options: options)
    }

    /// Lets `grantee` call `actions` on `target`; with a customer managed key, also `keyActions`
    /// on the key, in a statement of their own.
    @discardableResult
    public func grant(
        _ grantee: Grantable, actions: [String], on target: GrantTarget,
        keyActions: [String] = BucketKeyActions.write, options: GrantOptions = GrantOptions()
    ) -> Grant {
        let resources: [Value]
        var conditions: [PolicyStatement.Condition] = []
        switch target {
        case .bucketAndObjects(let keyPattern):
            resources = [bucketArn, arnForObjects(keyPattern)]
        case .objects(let keys):
            resources = keys.patterns.map(arnForObjects)
        case .listing(let keys):
            resources = [bucketArn]
            conditions = [.init("StringLike", "s3:prefix", [keys.list])]
        }
        let grant = Grant.addToPrincipalOrResource(
            grantee, actions: actions, resourceArns: resources, conditions: conditions,
            resource: self, options: options)
        guard let key = encryption.keyArn, !keyActions.isEmpty else { return grant }
        var keyOptions = options
        keyOptions.sid = options.sid.map { $0 + "Key" }
        return grant.combined(with: Grant.addToPrincipal(grantee, actions: keyActions, resourceArns: [key], options: keyOptions))
    }
}
