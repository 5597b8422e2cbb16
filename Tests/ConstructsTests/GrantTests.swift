import AWSConstructs
import CloudFormation
import Constructs
import XCTest

/// Grants as values: what each grant adds and where (the grantee's policy, the resource's policy
/// or both, by account, as the AWS CDK's `Grant.addToPrincipalOrResource`), and what a resource
/// that needs the permission can depend on.
final class GrantTests: XCTestCase {
    private static var kmsKey: Value { "arn:aws:kms:eu-west-1:111111111111:key/k" }

    private func statementJSON(_ statements: [PolicyStatement]) -> [JSON] { statements.map { $0.value.json() } }

    // MARK: - Bucket grants: actions and resources

    func test_givenEachBucketGrant_whenGranted_thenItsActionsOnItsResourcesInTheRolesPolicy() {
        let cases: [(name: String, grant: (Bucket, Role) -> Grant, actions: [String], objectsOnly: Bool)] = [
            ("grantRead", { $0.grantRead($1, objectsMatching: "data/*") }, BucketActions.read, false),
            ("grantWrite", { $0.grantWrite($1, objectsMatching: "data/*") }, BucketActions.delete + BucketActions.put, false),
            ("grantReadWrite", { $0.grantReadWrite($1, objectsMatching: "data/*") }, BucketActions.readWrite, false),
            ("grantDelete", { $0.grantDelete($1, objectsMatching: "data/*") }, ["s3:DeleteObject", "s3:DeleteObjectVersion"], true),
            ("grantPut", { $0.grantPut($1, objectsMatching: "data/*") }, BucketActions.put, false),
        ]
        for (name, makeGrant, actions, objectsOnly) in cases {
            let app = App()
            let stack = Stack(app, "MyStack")
            let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
            let bucket = Bucket(stack, "Data")

            let grant = makeGrant(bucket, role)

            let objects: JSON = ["Fn::Sub": "${Data666C94C7.Arn}/data/*"]
            let bucketArn: JSON = ["Fn::GetAtt": ["Data666C94C7", "Arn"]]
            XCTAssertEqual(grant.principalStatements.map(\.actions), [actions], name)
            XCTAssertEqual(grant.principalStatements.first?.value.json()["Resource"], objectsOnly ? objects : .array([bucketArn, objects]), name)
            XCTAssertEqual(
                statementJSON(role.defaultPolicy?.document.statements ?? []), statementJSON(grant.principalStatements),
                "\(name): the grant's statements are the ones the role got")
            XCTAssertTrue(grant.resourceStatements.isEmpty, name)
            XCTAssertNil(bucket.policy, "\(name): a grant to a role of the bucket's account leaves the bucket policy alone")
        }
    }

    func test_givenAGrantWithASid_whenGranted_thenTheStatementHasIt() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))

        let grant = Bucket(stack, "Data").grantRead(role, options: GrantOptions(sid: "ReadTheData"))

        XCTAssertEqual(grant.principalStatements.map(\.sid), ["ReadTheData"])
    }

    func test_givenObjectsAndListingTargets_whenGranted_thenObjectArnsAndAnS3PrefixCondition() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let bucket = Bucket(stack, "Data")
        let keys = KeyPatterns(["sales/*", "orders/*"])

        let read = bucket.grant(role, actions: ["s3:GetObject"], on: .objects(keys))
        let list = bucket.grant(role, actions: ["s3:ListBucket"], on: .listing(keys))

        assertJSON(
            read.principalStatements.first?.value.json(),
            equals: #"""
                {"Action": "s3:GetObject", "Effect": "Allow",
                 "Resource": [{"Fn::Sub": "${Data666C94C7.Arn}/sales/*"}, {"Fn::Sub": "${Data666C94C7.Arn}/orders/*"}]}
                """#)
        assertJSON(
            list.principalStatements.first?.value.json(),
            equals: #"""
                {"Action": "s3:ListBucket", "Condition": {"StringLike": {"s3:prefix": ["sales/*", "orders/*"]}}, "Effect": "Allow",
                 "Resource": {"Fn::GetAtt": ["Data666C94C7", "Arn"]}}
                """#)
    }

    // MARK: - A KMS-encrypted bucket

    func test_givenAKMSBucket_whenGranted_thenTheKeysActionsInAStatementOfTheirOwn() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let bucket = Bucket(stack, "Data", encryption: .kms(keyArn: GrantTests.kmsKey))

        let read = bucket.grantRead(role, options: GrantOptions(sid: "Read"))
        let write = bucket.grantWrite(role)
        let delete = bucket.grantDelete(role)

        XCTAssertEqual(read.principalStatements.map(\.actions), [BucketActions.read, ["kms:Decrypt"]])
        XCTAssertEqual(read.principalStatements.map(\.sid), ["Read", "ReadKey"], "a Sid is never used twice in one policy")
        XCTAssertEqual(read.principalStatements.last?.resources.map { $0.json() }, [GrantTests.kmsKey.json()])
        XCTAssertEqual(write.principalStatements.last?.actions, ["kms:Decrypt", "kms:GenerateDataKey"])
        XCTAssertEqual(delete.principalStatements.count, 1, "deleting needs no key")
    }

    func test_givenAnS3ManagedBucket_whenGranted_thenNoKeyStatement() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))

        XCTAssertEqual(Bucket(stack, "Data").grantReadWrite(role).principalStatements.count, 1)
    }

    // MARK: - Routing by account

    func test_givenAccounts_whenCompared_thenLiteralsByValueIdenticalTokensSameElseUnknown() {
        XCTAssertEqual(AccountMatch(principal: "111111111111", resource: "111111111111"), .same)
        XCTAssertEqual(AccountMatch(principal: "111111111111", resource: "222222222222"), .different)
        XCTAssertEqual(AccountMatch(principal: .pseudo(.accountId), resource: .pseudo(.accountId)), .same)
        XCTAssertEqual(AccountMatch(principal: "111111111111", resource: .pseudo(.accountId)), .unknown)
        XCTAssertEqual(AccountMatch(principal: nil, resource: "111111111111"), .unknown)
    }

    func test_givenARoleOfTheBucketsLiteralAccount_whenGranted_thenOnlyTheRolesPolicy() {
        let app = App()
        let stack = Stack(app, "Here", account: "111111111111", region: "eu-west-1")
        let role = Role(
            Stack(app, "AlsoHere", account: "111111111111", region: "eu-west-1"), "Role",
            assumedBy: .service("states.amazonaws.com"))
        let bucket = Bucket(stack, "Data")

        let grant = bucket.grantRead(role)

        XCTAssertTrue(grant.addedToPrincipalPolicy)
        XCTAssertFalse(grant.addedToResourcePolicy)
        XCTAssertNil(bucket.policy)
    }

    func test_givenARoleOfAnotherLiteralAccount_whenGranted_thenBothTheRolesPolicyAndTheBucketPolicy() throws {
        let app = App()
        let stack = Stack(app, "Source", account: "111111111111", region: "eu-west-1")
        let role = Role(
            Stack(app, "Target", account: "222222222222", region: "eu-west-1"), "Role",
            assumedBy: .service("states.amazonaws.com"))
        let bucket = Bucket(stack, "Data")

        let grant = bucket.grantRead(role)

        XCTAssertEqual(grant.principalStatements.count, 1)
        XCTAssertEqual(grant.resourceStatements.count, 1)
        XCTAssertEqual(statementJSON(try XCTUnwrap(bucket.policy).document.statements), statementJSON(grant.resourceStatements))
        XCTAssertEqual(grant.resourceStatements.first?.value.json()["Principal"], ["AWS": role.roleArn.json()])
        XCTAssertEqual(grant.resourceStatements.first?.actions, BucketActions.read)
    }

    func test_givenARoleWhoseAccountIsAToken_whenGrantedOnABucketOfALiteralAccount_thenTheBucketPolicyToo() {
        let app = App()
        let stack = Stack(app, "Source", account: "111111111111", region: "eu-west-1")
        let role = Role(Stack(app, "Anywhere"), "Role", assumedBy: .service("states.amazonaws.com"))
        let bucket = Bucket(stack, "Data")

        let grant = bucket.grantRead(role)

        XCTAssertTrue(grant.addedToPrincipalPolicy)
        XCTAssertTrue(grant.addedToResourcePolicy, "an unknown account may be another one: the bucket policy must allow it")
    }

    func test_givenARoleAndBucketOfOneAccountAgnosticStack_whenGranted_thenOnlyTheRolesPolicy() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let bucket = Bucket(stack, "Data")

        let grant = bucket.grantRead(role)

        XCTAssertFalse(grant.addedToResourcePolicy, "both accounts are AWS::AccountId")
        XCTAssertNil(bucket.policy)
    }

    func test_givenPrincipalsOfOtherAccounts_whenGranted_thenOnlyTheBucketPolicy() {
        let principals: [(Grantable, String?)] = [
            (Principal.account("333333333333"), "333333333333"),
            (Principal.arn("arn:aws:iam::333333333333:role/reader"), "333333333333"),
            (Principal.account("111111111111"), "111111111111"),
            (Principal.service("athena.amazonaws.com"), nil),
        ]
        for (grantee, account) in principals {
            let app = App()
            let bucket = Bucket(Stack(app, "Source", account: "111111111111", region: "eu-west-1"), "Data")

            let grant = bucket.grantRead(grantee)

            XCTAssertEqual(grantee.principalAccount?.literalString, account)
            XCTAssertFalse(grant.addedToPrincipalPolicy, "\(grantee.grantPrincipal): this app renders no policy of its own for it")
            XCTAssertEqual(grant.resourceStatements.count, 1, "even an account-level principal of the bucket's own account")
            XCTAssertEqual(bucket.policy?.document.statements.count, 1)
        }
    }

    func test_givenAnExternalRoleByAccountAndPrincipalArn_whenGranted_thenTheAccountIsThePrincipalAndTheRoleACondition() {
        let app = App()
        let stack = Stack(app, "Source")
        let account = CfnParameter(stack, "TargetAccountId", Parameter(defaultValue: "222222222222"))
        let roleArn: Value = .interpolate([.string("arn:aws:iam::"), account.value, .string(":role/reader")])
        let bucket = Bucket(stack, "Data")

        let grant = bucket.grant(
            ExternalRole(arn: roleArn, account: account.value), actions: ["s3:ListBucket"], on: .listing(KeyPatterns(["data/*"])),
            options: GrantOptions(sid: "List", resourcePolicyPrincipal: .accountAndPrincipalArn))

        assertJSON(
            grant.resourceStatements.first?.value.json(),
            equals: #"""
                {"Action": "s3:ListBucket",
                 "Condition": {"ArnEquals": {"aws:PrincipalArn": {"Fn::Sub": "arn:aws:iam::${TargetAccountId}:role/reader"}},
                               "StringLike": {"s3:prefix": ["data/*"]}},
                 "Effect": "Allow",
                 "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${TargetAccountId}:root"}},
                 "Resource": {"Fn::GetAtt": ["Data666C94C7", "Arn"]},
                 "Sid": "List"}
                """#)
        XCTAssertTrue(grant.principalStatements.isEmpty)
    }

    func test_givenAServiceByAccountAndPrincipalArn_whenGranted_thenNamedAsItself() {
        let app = App()
        let bucket = Bucket(Stack(app, "MyStack"), "Data")

        let grant = bucket.grantRead(
            Principal.service("athena.amazonaws.com"), options: GrantOptions(resourcePolicyPrincipal: .accountAndPrincipalArn))

        XCTAssertEqual(grant.resourceStatements.first?.value.json()["Principal"], ["Service": "athena.amazonaws.com"])
        XCTAssertNil(grant.resourceStatements.first?.value.json()["Condition"])
    }

    // MARK: - What to depend on

    func test_givenGrants_whenAsked_thenTheirDependablesAreThePoliciesTheyAddedTo() throws {
        let app = App()
        let source = Stack(app, "Source", account: "111111111111", region: "eu-west-1")
        let target = Stack(app, "Target", account: "222222222222", region: "eu-west-1")
        let localRole = Role(source, "Local", assumedBy: .service("states.amazonaws.com"))
        let remoteRole = Role(target, "Remote", assumedBy: .service("states.amazonaws.com"))
        let bucket = Bucket(source, "Data")

        let local = bucket.grantRead(localRole)
        let remote = bucket.grantRead(remoteRole)
        let external = bucket.grantRead(Principal.account("333333333333"))

        XCTAssertEqual(local.dependables.map(\.path), ["Source/Local"], "the role: its default and overflow policies are below it")
        XCTAssertEqual(remote.dependables.map(\.path), ["Target/Remote", "Source/Data/Policy"])
        XCTAssertEqual(external.dependables.map(\.path), ["Source/Data/Policy"])
    }

    func test_givenAResourceThatDependsOnAGrant_whenSynthesized_thenItWaitsForTheGrantsPolicies() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let grant = Bucket(stack, "Data").grantRead(Principal.account("333333333333")).combined(with: Bucket(stack, "Other").grantRead(role))
        let waiter = CfnRawResource(stack, "Waiter", type: "Custom::Waiter", properties: [])

        waiter.addDependency(on: grant)
        let template = try synthesizedTemplate(app, stack: "MyStack")

        XCTAssertEqual(
            template["Resources"]?["Waiter"]?["DependsOn"],
            ["DataPolicyB80589C3", "RoleDefaultPolicy5FFB7DAB", "Role1ABCC5F0"])
    }

    // MARK: - Keys, topics, state machines

    func test_givenAServiceGrantOnAKey_whenGranted_thenTheKeyPolicyNamesTheKeyAsStar() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let key = Key(stack, "Key", description: "k")
        let rule: Value = "arn:aws:events:eu-west-1:111111111111:rule/r"

        let grant = key.grant(
            Principal.service("events.amazonaws.com"), actions: ["kms:Decrypt", "kms:GenerateDataKey"],
            options: GrantOptions(sid: "Events", conditions: [.init("ArnEquals", "aws:SourceArn", [rule])]))

        XCTAssertEqual(grant.dependables.map(\.path), ["MyStack/Key"], "the key policy is a property of the key")
        XCTAssertEqual(key.policy.statements.count, 2)
        assertJSON(
            key.policy.statements.last?.value.json(),
            equals: #"""
                {"Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:events:eu-west-1:111111111111:rule/r"}},
                 "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Resource": "*", "Sid": "Events"}
                """#)
    }

    func test_givenARoleOfTheKeysAccount_whenGrantedEncryptDecrypt_thenItsPolicyNamesTheKeyAndTheKeyPolicyStaysAsIs() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let key = Key(stack, "Key", description: "k")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))

        let grant = key.grantEncryptDecrypt(role)

        XCTAssertEqual(grant.principalStatements.first?.actions, KeyActions.encryptDecrypt)
        XCTAssertEqual(grant.principalStatements.first?.resources.map { $0.json() }, [key.keyArn.json()])
        XCTAssertEqual(key.policy.statements.count, 1, "the root statement lets IAM policies of the account decide")
        XCTAssertFalse(KeyActions.encryptDecrypt.contains { $0.contains("*") })
    }

    func test_givenAServiceGrantOnATopic_whenGranted_thenTheTopicPolicyIsCreated() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let topic = Topic(stack, "Topic", topicName: "alerts", masterKey: nil)

        let grant = topic.grantPublish(Principal.service("events.amazonaws.com"))

        XCTAssertEqual(grant.dependables.map(\.path), ["MyStack/Topic/Policy"])
        XCTAssertEqual(topic.policy?.document.statements.first?.actions, ["sns:Publish"])
        XCTAssertEqual(topic.policy?.document.statements.first?.resources.map { $0.json() }, [topic.topicArn.json()])
    }

    func test_givenAStateMachine_whenGrantedStartExecution_thenTheRolesPolicyOnly() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "MachineRole", assumedBy: .service("states.amazonaws.com"))
        let machine = StateMachine(stack, "Machine", definition: StateMachineDefinition(graph: StateGraph(single: "Done", .succeed())), role: role)
        let starter = Role(stack, "Starter", assumedBy: .service("scheduler.amazonaws.com"))

        let grant = machine.grantStartExecution(starter)
        let nothing = machine.grantStartExecution(Principal.account("333333333333"))

        assertJSON(
            grant.principalStatements.first?.value.json(),
            equals: #"""
                {"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "Machine6FC8AE80"}}
                """#)
        XCTAssertEqual(grant.dependables.map(\.path), ["MyStack/Starter"])
        XCTAssertFalse(nothing.addedToPrincipalPolicy || nothing.addedToResourcePolicy, "a state machine's grants use no resource policy")
    }
}
