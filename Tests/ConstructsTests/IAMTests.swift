import AWSConstructs
import CloudFormation
import Constructs
import XCTest

/// IAM policy statements and documents render canonically, as the AWS CDK renders them, and
/// roles collect statements in a DefaultPolicy.
final class IAMTests: XCTestCase {
    let role = LogicalName("ExecutionRole")

    // MARK: - PolicyStatement

    func test_givenStatementWithEveryElement_whenRendered_thenCanonicalKeyOrderAndGroupedPrincipals() {
        let statement = PolicyStatement(
            sid: "ReadData",
            effect: .allow,
            actions: ["s3:GetObject", "s3:ListBucket", "s3:GetObject"],
            principals: [.service("states.amazonaws.com"), .arn(.getAtt(role, "Arn")), .account("111111111111")],
            resources: ["arn:aws:s3:::b", "arn:aws:s3:::b/*", "arn:aws:s3:::b"],
            conditions: [
                .init("StringEquals", "aws:PrincipalAccount", "111111111111"),
                .init("Bool", "aws:SecureTransport", "true"),
                .init("StringEquals", "aws:RequestedRegion", ["ap-northeast-1", "us-east-1"]),
            ])

        let json = statement.value.json()

        XCTAssertEqual(json.keys, ["Action", "Condition", "Effect", "Principal", "Resource", "Sid"])
        assertJSON(
            json,
            equals: #"""
                {
                  "Action": ["s3:GetObject", "s3:ListBucket"],
                  "Condition": {
                    "StringEquals": {"aws:PrincipalAccount": "111111111111", "aws:RequestedRegion": ["ap-northeast-1", "us-east-1"]},
                    "Bool": {"aws:SecureTransport": "true"}
                  },
                  "Effect": "Allow",
                  "Principal": {"AWS": [{"Fn::GetAtt": ["ExecutionRole", "Arn"]}, "111111111111"], "Service": "states.amazonaws.com"},
                  "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
                  "Sid": "ReadData"
                }
                """#)
    }

    func test_givenActionAndNotAction_whenRendered_thenActionBeforeNotActionBeforeEffect() {
        let statement = PolicyStatement(effect: .deny, actions: ["s3:PutObject"], notActions: ["iam:*", "iam:*"], resources: ["*"])

        assertJSON(statement.value.json(), equals: #"{"Action": "s3:PutObject", "NotAction": "iam:*", "Effect": "Deny", "Resource": "*"}"#)
    }

    func test_givenSingleElementLists_whenRendered_thenCollapsedToScalars() {
        let statement = PolicyStatement(actions: ["sts:AssumeRole"], principals: [.service("lambda.amazonaws.com")], resources: [.ref(role)])

        assertJSON(
            statement.value.json(),
            equals: #"""
                {"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Resource": {"Ref": "ExecutionRole"}}
                """#)
    }

    func test_givenDuplicatesThatLeaveOneElement_whenRendered_thenCollapsedToAScalar() {
        let statement = PolicyStatement(actions: ["s3:GetObject", "s3:GetObject"], resources: [.getAtt(role, "Arn"), .getAtt(role, "Arn")])

        assertJSON(
            statement.value.json(),
            equals: #"""
                {"Action": "s3:GetObject", "Effect": "Allow", "Resource": {"Fn::GetAtt": ["ExecutionRole", "Arn"]}}
                """#)
    }

    func test_givenAnyoneAlone_whenRendered_thenPrincipalIsAStar() {
        let statement = PolicyStatement(effect: .deny, actions: ["s3:*"], principals: [.anyone], resources: ["*"])

        XCTAssertEqual(statement.value.json()["Principal"], "*")
    }

    func test_givenAnyoneWithOtherPrincipals_whenRendered_thenStarInsideTheAWSGroup() {
        let statement = PolicyStatement(actions: ["s3:*"], principals: [.service("s3.amazonaws.com"), .anyone], resources: ["*"])

        assertJSON(statement.value.json()["Principal"], equals: #"{"AWS": "*", "Service": "s3.amazonaws.com"}"#)
    }

    func test_givenDuplicatePrincipals_whenRendered_thenEachWrittenOnce() {
        let statement = PolicyStatement(
            actions: ["s3:*"], principals: [.service("a.amazonaws.com"), .service("a.amazonaws.com"), .service("b.amazonaws.com")])

        assertJSON(statement.value.json()["Principal"], equals: #"{"Service": ["a.amazonaws.com", "b.amazonaws.com"]}"#)
    }

    // MARK: - PolicyDocument

    func test_givenDocumentWithIdenticalStatements_whenRendered_thenStatementThenVersionAndEachStatementOnce() {
        let read = PolicyStatement(actions: ["s3:GetObject"], resources: ["*"])
        let write = PolicyStatement(actions: ["s3:PutObject"], resources: ["*"])
        let document = PolicyDocument([read, write, read])

        let json = document.value.json()

        XCTAssertEqual(json.keys, ["Statement", "Version"])
        assertJSON(
            json,
            equals: #"""
                {
                  "Statement": [
                    {"Action": "s3:GetObject", "Effect": "Allow", "Resource": "*"},
                    {"Action": "s3:PutObject", "Effect": "Allow", "Resource": "*"}
                  ],
                  "Version": "2012-10-17"
                }
                """#)
    }

    func test_givenStatementsThatRenderAlikeAfterDeduplication_whenRendered_thenWrittenOnce() {
        let one = PolicyStatement(actions: ["s3:GetObject"], resources: ["*"])
        let same = PolicyStatement(actions: ["s3:GetObject", "s3:GetObject"], resources: ["*", "*"])

        XCTAssertEqual(PolicyDocument([one, same]).value.json()["Statement"]?.arrayValue?.count, 1)
    }

    func test_givenDocument_whenSizeMeasured_thenWhitespaceNotCounted() {
        let document = PolicyDocument([PolicyStatement(actions: ["s3:GetObject"], resources: ["*"])])

        let compact = #"{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}"#

        XCTAssertEqual(document.sizeWithoutWhitespace, compact.count)
    }

    func test_givenValidDocument_whenChecked_thenNoProblems() {
        let document = PolicyDocument([
            PolicyStatement(sid: "AllowRead", actions: ["s3:GetObject"], resources: ["*"]),
            PolicyStatement(sid: "AllowAll", actions: ["*"], resources: ["*"]),
            PolicyStatement(notActions: ["iam:*"], resources: ["*"]),
        ])

        XCTAssertEqual(document.problems(), [])
    }

    func test_givenDuplicateSid_whenChecked_thenReported() {
        let document = PolicyDocument([
            PolicyStatement(sid: "Read", actions: ["s3:GetObject"], resources: ["*"]),
            PolicyStatement(sid: "Read", actions: ["s3:ListBucket"], resources: ["*"]),
        ])

        XCTAssertEqual(document.problems(), ["statement id \"Read\" is used twice in one policy"])
    }

    func test_givenNonAlphanumericSid_whenChecked_thenReported() {
        let document = PolicyDocument([PolicyStatement(sid: "Allow-Read", actions: ["s3:GetObject"], resources: ["*"])])

        XCTAssertEqual(document.problems(), ["statement id \"Allow-Read\" may contain only letters and digits"])
    }

    func test_givenActionWithoutAColon_whenChecked_thenReported() {
        let document = PolicyDocument([PolicyStatement(actions: ["s3GetObject"], notActions: ["iamPassRole"], resources: ["*"])])

        XCTAssertEqual(
            document.problems(),
            [
                "action \"s3GetObject\" is not of the form service:Action",
                "action \"iamPassRole\" is not of the form service:Action",
            ])
    }

    func test_givenStatementWithoutActions_whenChecked_thenReported() {
        XCTAssertEqual(PolicyStatement(resources: ["*"]).problems(), ["a policy statement has no actions"])
    }

    // MARK: - Role

    func test_givenAServicePrincipalAndTheResourceItActsFor_whenSynthesized_thenTrustLimitedToThatAccountAndArn() throws {
        let app = App()
        let stack = Stack(app, "MyStack", account: "123456789012", region: "eu-west-1")
        let machine = stack.formatArn(service: "states", resource: "stateMachine:nightly")
        _ = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"), assumedFor: machine)

        let template = try synthesizedTemplate(app, stack: "MyStack")

        assertJSON(
            template["Resources"]?["Role1ABCC5F0"]?["Properties"]?["AssumeRolePolicyDocument"],
            equals: #"""
                {
                  "Statement": [{
                    "Action": "sts:AssumeRole",
                    "Condition": {
                      "StringEquals": {"aws:SourceAccount": "123456789012"},
                      "ArnLike": {"aws:SourceArn": "arn:aws:states:eu-west-1:123456789012:stateMachine:nightly"}
                    },
                    "Effect": "Allow",
                    "Principal": {"Service": "states.amazonaws.com"}
                  }],
                  "Version": "2012-10-17"
                }
                """#)
    }

    func test_givenARoleTrustingAnAccount_whenSynthesized_thenNoServiceConditions() throws {
        let app = App()
        let stack = Stack(app, "MyStack", account: "123456789012")
        _ = Role(stack, "Role", assumedBy: .account("210987654321"))

        let template = try synthesizedTemplate(app, stack: "MyStack")

        assertJSON(
            template["Resources"]?["Role1ABCC5F0"]?["Properties"]?["AssumeRolePolicyDocument"],
            equals: #"""
                {"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"AWS": "210987654321"}}], "Version": "2012-10-17"}
                """#)
    }

    func test_givenRoleWithStatements_whenSynthesized_thenDefaultPolicyNamedByItsLogicalId() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "StepFunctionsExecutionRole", roleName: "demo-sfn-execution-role", assumedBy: .service("states.amazonaws.com"))
        XCTAssertNil(role.defaultPolicy)

        role.addToPolicy(PolicyStatement(sid: "AllowRead", actions: ["s3:GetObject"], resources: ["*"]))
        let firstPolicy = role.defaultPolicy
        role.addToPolicy(PolicyStatement(sid: "AllowList", actions: ["s3:ListBucket"], resources: ["*"]))
        let template = try synthesizedTemplate(app, stack: "MyStack")

        XCTAssertNotNil(firstPolicy)
        XCTAssertTrue(role.defaultPolicy === firstPolicy)
        assertJSON(
            template["Resources"],
            equals: #"""
                {
                  "StepFunctionsExecutionRole5B21F5A6": {
                    "Type": "AWS::IAM::Role",
                    "Properties": {
                      "AssumeRolePolicyDocument": {
                        "Statement": [{"Action": "sts:AssumeRole",
                                       "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}},
                                       "Effect": "Allow", "Principal": {"Service": "states.amazonaws.com"}}],
                        "Version": "2012-10-17"
                      },
                      "RoleName": "demo-sfn-execution-role"
                    }
                  },
                  "StepFunctionsExecutionRoleDefaultPolicyD10BF6E3": {
                    "Type": "AWS::IAM::Policy",
                    "Properties": {
                      "PolicyDocument": {
                        "Statement": [
                          {"Action": "s3:GetObject", "Effect": "Allow", "Resource": "*", "Sid": "AllowRead"},
                          {"Action": "s3:ListBucket", "Effect": "Allow", "Resource": "*", "Sid": "AllowList"}
                        ],
                        "Version": "2012-10-17"
                      },
                      "PolicyName": "StepFunctionsExecutionRoleDefaultPolicyD10BF6E3",
                      "Roles": [{"Ref": "StepFunctionsExecutionRole5B21F5A6"}]
                    }
                  }
                }
                """#)
    }

    func test_givenRoleWithoutStatements_whenSynthesized_thenNoDefaultPolicy() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))

        let template = try synthesizedTemplate(app, stack: "MyStack")

        XCTAssertEqual(template["Resources"]?.keys.count, 1)
        XCTAssertTrue(role.policyDependencies.isEmpty)
        XCTAssertEqual(template["Resources"]?[role.resource.logicalId]?["Properties"]?.keys, ["AssumeRolePolicyDocument"])
    }

    func test_givenPolicyLogicalIdLongerThan128_whenSynthesized_thenPolicyNameIsItsLast128Characters() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, String(repeating: "R", count: 150), assumedBy: .service("states.amazonaws.com"))
        role.addToPolicy(PolicyStatement(actions: ["s3:GetObject"], resources: ["*"]))

        _ = try app.synthesize()
        let policy = try XCTUnwrap(role.defaultPolicy)

        XCTAssertGreaterThan(policy.resource.logicalId.count, 128)
        XCTAssertEqual(policy.resource.properties.policyName.literalString, String(policy.resource.logicalId.suffix(128)))
    }

    func test_givenDefaultPolicyOverTheInlineQuota_whenSynthesized_thenRestMovedToManagedPoliciesThatFit() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let sids = (1...80).map { "Statement\($0)" }
        for sid in sids {
            role.addToPolicy(
                PolicyStatement(
                    sid: sid, actions: ["s3:GetObject", "s3:PutObject"],
                    resources: (1...3).map {
                        .string("arn:aws:s3:::a-rather-long-bucket-name-for-\(sid.lowercased())-\($0)/prefix/*")
                    }))
        }
        let original = try XCTUnwrap(role.defaultPolicy).document.sizeWithoutWhitespace

        let template = try synthesizedTemplate(app, stack: "MyStack")

        let inline = try XCTUnwrap(role.defaultPolicy).document
        XCTAssertGreaterThan(original, 10_240)
        XCTAssertLessThanOrEqual(inline.sizeWithoutWhitespace, 10_240)
        XCTAssertFalse(role.managedPolicies.isEmpty)
        for managed in role.managedPolicies {
            XCTAssertLessThanOrEqual(managed.document.sizeWithoutWhitespace, 6_144, managed.path)
        }
        let moved = role.managedPolicies.flatMap(\.document.statements)
        XCTAssertEqual((inline.statements + moved).compactMap(\.sid), sids, "every statement kept once, in order")
        XCTAssertEqual(role.managedPolicies.map(\.path), (1...role.managedPolicies.count).map { "MyStack/Role/OverflowPolicy\($0)" })
        let first = try XCTUnwrap(template["Resources"]?[role.managedPolicies[0].resource.logicalId])
        XCTAssertEqual(first["Type"], "AWS::IAM::ManagedPolicy")
        assertJSON(first["Properties"]?["Roles"], equals: #"[{"Ref": "Role1ABCC5F0"}]"#)
        XCTAssertEqual(role.policyDependencies.count, 1 + role.managedPolicies.count)
    }

    /// Issue 12: the split is order-independent. A user of the role (the state machine) created
    /// before the statements, and statements added after a first preparation, end in the same
    /// template as adding everything first.
    func test_givenStatementsAddedAfterTheRolePrepared_whenPreparedAgain_thenSplitAsIfAddedFirst() throws {
        func statements(_ range: ClosedRange<Int>) -> [PolicyStatement] {
            range.map { index in
                PolicyStatement(
                    sid: "Statement\(index)", actions: ["s3:GetObject", "s3:PutObject"],
                    resources: (1...3).map {
                        .string("arn:aws:s3:::a-rather-long-bucket-name-for-statement\(index)-\($0)/prefix/*")
                    })
            }
        }
        func build(late: Bool) throws -> String {
            let app = App()
            let stack = Stack(app, "MyStack")
            let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
            _ = StateMachine(stack, "Machine", definition: StateMachineDefinition(graph: StateGraph(single: "Done", .succeed())), role: role)
            for statement in statements(1...40) { role.addToPolicy(statement) }
            if late { app.prepareTree() }
            for statement in statements(41...80) { role.addToPolicy(statement) }
            return try XCTUnwrap(try app.synthesize().stacks.first).body
        }
        let early = try build(late: false)
        XCTAssertEqual(try build(late: true), early)
        let template = try JSONParser.parse(early)
        let dependsOn = template["Resources"]?.objectMembers?.first { $0.value["Type"] == "AWS::StepFunctions::StateMachine" }?.value["DependsOn"]
        XCTAssertGreaterThan(dependsOn?.arrayValue?.count ?? 0, 1, "the state machine waits for the overflow policies too")
    }

    func test_givenOneStatementWithTooManyResources_whenSynthesized_thenCutIntoPartsWithNumberedSids() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let resources: [Value] = (1...300).map { .string("arn:aws:s3:::a-rather-long-bucket-name-for-the-cut-\($0)/prefix/*") }
        role.addToPolicy(PolicyStatement(sid: "ReadAll", actions: ["s3:GetObject"], resources: resources))

        _ = try synthesizedTemplate(app, stack: "MyStack")

        let inline = try XCTUnwrap(role.defaultPolicy).document
        let parts = inline.statements + role.managedPolicies.flatMap(\.document.statements)
        XCTAssertEqual(parts.compactMap(\.sid), ["ReadAll"] + (2...parts.count).map { "ReadAllPart\($0)" })
        XCTAssertEqual(parts.flatMap(\.resources).map { $0.literalString }, resources.map { $0.literalString }, "every resource once, in order")
        XCTAssertTrue(parts.allSatisfy { $0.actions == ["s3:GetObject"] })
        XCTAssertLessThanOrEqual(inline.sizeWithoutWhitespace, 10_240)
        for managed in role.managedPolicies {
            XCTAssertLessThanOrEqual(managed.document.sizeWithoutWhitespace, 6_144, managed.path)
        }
    }

    func test_givenDefaultPolicyWithinTheInlineQuota_whenSynthesized_thenNoManagedPolicies() throws {
        let app = App()
        let role = Role(Stack(app, "MyStack"), "Role", assumedBy: .service("states.amazonaws.com"))
        role.addToPolicy(PolicyStatement(actions: ["s3:GetObject"], resources: ["*"]))

        _ = try app.synthesize()

        XCTAssertTrue(role.managedPolicies.isEmpty)
    }

    func test_givenRoleNameOver64Characters_whenSynthesized_thenReportedAtTheRole() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let name = String(repeating: "r", count: 65)
        _ = Role(stack, "Role", roleName: name, assumedBy: .service("states.amazonaws.com"))

        let errors = synthesisErrors(app)

        XCTAssertEqual(errors.map(\.location), ["MyStack/Role"])
        XCTAssertEqual(errors.first?.message, "role name \"\(name)\" is 65 characters long; IAM allows 1 to 64")
    }

    func test_givenRoleNameOfExactly64Characters_whenSynthesized_thenAccepted() {
        let app = App()
        _ = Role(Stack(app, "MyStack"), "Role", roleName: String(repeating: "r", count: 64), assumedBy: .service("states.amazonaws.com"))

        XCTAssertNoThrow(try app.synthesize())
    }

    func test_givenRoleNameWithASpace_whenSynthesized_thenReported() {
        let app = App()
        _ = Role(Stack(app, "MyStack"), "Role", roleName: "my role", assumedBy: .service("states.amazonaws.com"))

        XCTAssertEqual(synthesisErrors(app).map(\.message), ["role name \"my role\" may contain only letters, digits and +=,.@_-"])
    }

    func test_givenInvalidStatementInTheDefaultPolicy_whenSynthesized_thenReportedAtThePolicy() {
        let app = App()
        let role = Role(Stack(app, "MyStack"), "Role", assumedBy: .service("states.amazonaws.com"))
        role.addToPolicy(PolicyStatement(sid: "Bad-Sid", actions: ["s3:GetObject"], resources: ["*"]))

        let errors = synthesisErrors(app)

        XCTAssertEqual(errors.map(\.location), ["MyStack/Role/DefaultPolicy"])
        XCTAssertEqual(errors.first?.message, "statement id \"Bad-Sid\" may contain only letters and digits")
    }

    func test_givenRoleAsGrantee_whenPrincipalPolicyAdded_thenGoesToTheDefaultPolicy() {
        let app = App()
        let role = Role(Stack(app, "MyStack"), "Role", assumedBy: .service("states.amazonaws.com"))
        let grantee: any Grantable = role

        grantee.addToPrincipalPolicy(PolicyStatement(actions: ["s3:GetObject"], resources: ["*"]))

        XCTAssertEqual(role.defaultPolicy?.document.statements.count, 1)
        XCTAssertEqual(role.policyDependencies.map(\.path), ["MyStack/Role/DefaultPolicy/Resource"])
        assertJSON(
            PolicyStatement(actions: ["s3:GetObject"], principals: [grantee.grantPrincipal]).value.json()["Principal"],
            equals: #"{"AWS": {"Fn::GetAtt": ["Role1ABCC5F0", "Arn"]}}"#)
    }
}
