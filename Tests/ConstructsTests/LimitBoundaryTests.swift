import AWSConstructs
import CloudFormation
import Constructs
import XCTest

/// Both sides of every limit the constructs enforce: the last valid value passes, the first
/// invalid one fails with its exact message. Sizes are reached exactly by padding one string,
/// whose every ASCII character adds one to the measured size.
final class LimitBoundaryTests: XCTestCase {
    /// Synthesizes and returns every diagnostic (errors, or warnings on success).
    func diagnostics(_ build: (Stack) -> Void) -> [Diagnostic] {
        let app = App()
        let stack = Stack(app, "limits", account: "123456789012", region: "eu-west-1")
        build(stack)
        do { return try app.synthesize().warnings } catch { return error.diagnostics }
    }

    func descriptions(_ build: (Stack) -> Void) -> [String] { diagnostics(build).map(\.description) }

    /// The body size of a stack holding one `Test::Thing` whose `Pad` is `padding` characters.
    func bodySize(padding: Int, resources: Int = 1) -> Int {
        let app = App()
        let stack = Stack(app, "limits", account: "123456789012", region: "eu-west-1")
        padded(stack, padding: padding, resources: resources)
        return (try? app.synthesize().stacks[0].body.utf8.count) ?? -1
    }

    func padded(_ stack: Stack, padding: Int, resources: Int = 1) {
        _ = CfnResource(stack, "Padded", TestProperties(["Pad": .string(String(repeating: "p", count: padding))]))
        for index in 1..<max(resources, 1) { _ = CfnResource(stack, "R\(index)", TestProperties()) }
    }

    // MARK: Template body: 51,200 inline (warning), 1,000,000 from S3 (error)

    func test_givenBodyOfExactly51200Bytes_whenSynthesized_thenNoWarning_and51201Warns() {
        let padding = Limits.inlineTemplateBytes - bodySize(padding: 0)
        XCTAssertEqual(bodySize(padding: padding), 51_200)
        XCTAssertEqual(descriptions { padded($0, padding: padding) }, [])

        let over = diagnostics { padded($0, padding: padding + 1) }
        XCTAssertEqual(over.map(\.severity), [.warning])
        XCTAssertEqual(
            over.map(\.description),
            [
                "limits: template is 51201 bytes, over the 51200 bytes CloudFormation accepts inline (deploy it through S3: aws cloudformation deploy --s3-bucket BUCKET ...)"
            ])
    }

    func test_givenBodyOfExactly1000000Bytes_whenSynthesized_thenOnlyTheInlineWarning_and1000001Fails() {
        let padding = Limits.s3TemplateBytes - bodySize(padding: 0)
        let atLimit = diagnostics { padded($0, padding: padding) }
        XCTAssertEqual(atLimit.map(\.severity), [.warning])
        XCTAssertEqual(atLimit.first?.message, "template is 1000000 bytes, over the 51200 bytes CloudFormation accepts inline")

        let over = diagnostics { padded($0, padding: padding + 1) }
        XCTAssertEqual(over.map(\.severity), [.error])
        XCTAssertEqual(
            over.map(\.description),
            [
                "limits: template is 1000001 bytes; CloudFormation allows 1000000 even from S3 (split the stack into several stacks)"
            ])
    }

    // MARK: Counts per template

    func test_given500Resources_whenSynthesized_thenAccepted_and501Reported() {
        XCTAssertEqual(descriptions { padded($0, padding: 0, resources: 500) }, [])
        XCTAssertEqual(
            descriptions { padded($0, padding: 0, resources: 501) },
            ["limits: has 501 resources; CloudFormation allows 500 per template (split the stack into several stacks)"])
    }

    func test_given200ParametersAndOutputs_whenSynthesized_thenAccepted_and201OfEachReported() {
        func build(_ count: Int) -> (Stack) -> Void {
            { stack in
                _ = CfnResource(stack, "Thing", TestProperties())
                for index in 0..<count {
                    _ = CfnParameter(stack, "P\(index)", Parameter())
                    _ = CfnOutput(stack, "O\(index)", Output(value: "x"))
                }
            }
        }
        XCTAssertEqual(descriptions(build(200)), [])
        XCTAssertEqual(
            descriptions(build(201)),
            [
                "limits: has 201 parameters; CloudFormation allows 200 per template (split the stack into several stacks)",
                "limits: has 201 outputs; CloudFormation allows 200 per template (split the stack into several stacks)",
            ])
    }

    func test_givenDescriptionOf1024Bytes_whenSynthesized_thenAccepted_and1025Reported() {
        func build(_ bytes: Int) -> [String] {
            let app = App()
            let stack = Stack(app, "limits", description: String(repeating: "d", count: bytes))
            _ = CfnResource(stack, "Thing", TestProperties())
            do { return try app.synthesize().warnings.map(\.description) } catch { return error.diagnostics.map(\.description) }
        }
        XCTAssertEqual(build(1_024), [])
        XCTAssertEqual(build(1_025), ["limits: description is 1025 bytes; CloudFormation allows 1024 (shorten the description)"])
    }

    // MARK: Names

    func test_givenRoleNameOfEveryAllowedCharacter_whenSynthesized_thenAccepted_andEachOtherCharacterReported() {
        XCTAssertEqual(descriptions { _ = Role($0, "Role", roleName: "Az09+=,.@_-", assumedBy: .service("states.amazonaws.com")) }, [])
        for bad in [" ", "/", ":", "*", "é", "!"] {
            let name = "role\(bad)name"
            XCTAssertEqual(
                descriptions { _ = Role($0, "Role", roleName: name, assumedBy: .service("states.amazonaws.com")) },
                ["limits/Role: role name \"\(name)\" may contain only letters, digits and +=,.@_-"], bad)
        }
        XCTAssertEqual(
            descriptions { _ = Role($0, "Role", roleName: "", assumedBy: .service("states.amazonaws.com")) },
            ["limits/Role: role name \"\" is 0 characters long; IAM allows 1 to 64"])
        XCTAssertEqual(descriptions { _ = Role($0, "Role", roleName: "r", assumedBy: .service("states.amazonaws.com")) }, [])
    }

    func test_givenPolicyLogicalIdOfExactly128Characters_whenSynthesized_thenPolicyNameIsTheWholeId() throws {
        let app = App()
        let stack = Stack(app, "limits")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        role.addToPolicy(PolicyStatement(actions: ["s3:GetObject"], resources: ["*"]))
        let policy = try XCTUnwrap(role.defaultPolicy)
        for length in [127, 128, 129] {
            let id = String(repeating: "P", count: length - 1) + "Z"
            policy.resource.overrideLogicalId(id)
            _ = try app.synthesize()
            let name = try XCTUnwrap(policy.resource.properties.policyName.literalString)
            XCTAssertEqual(name.count, min(length, Policy.maximumNameLength), "logical ID of \(length)")
            XCTAssertEqual(name, String(id.suffix(128)))
            XCTAssertEqual(name == id, length <= 128, "logical ID of \(length)")
        }
    }

    func test_givenWorkGroupNameOf128Characters_whenSynthesized_thenAccepted_and129Reported() {
        XCTAssertEqual(descriptions { _ = WorkGroup($0, "WG", name: String(repeating: "w", count: 128)) }, [])
        XCTAssertEqual(descriptions { _ = WorkGroup($0, "WG", name: "a.b_c-D9") }, [])
        let long = String(repeating: "w", count: 129)
        XCTAssertEqual(
            descriptions { _ = WorkGroup($0, "WG", name: long) },
            ["limits/WG: workgroup name \"\(long)\" must be 1 to 128 letters, digits, '.', '_' or '-'"])
        XCTAssertEqual(
            descriptions { _ = WorkGroup($0, "WG", name: "") },
            ["limits/WG: workgroup name \"\" must be 1 to 128 letters, digits, '.', '_' or '-'"])
        XCTAssertEqual(
            descriptions { _ = WorkGroup($0, "WG", name: "a/b") },
            ["limits/WG: workgroup name \"a/b\" must be 1 to 128 letters, digits, '.', '_' or '-'"])
    }

    func test_givenDataCatalogNameOf127Characters_whenSynthesized_thenAccepted_and128Reported() {
        XCTAssertEqual(
            descriptions { _ = DataCatalog($0, "C", name: String(repeating: "c", count: 127), kind: .glue(catalogId: "111111111111")) }, [])
        let long = String(repeating: "c", count: 128)
        XCTAssertEqual(
            descriptions { _ = DataCatalog($0, "C", name: long, kind: .glue(catalogId: "111111111111")) },
            ["limits/C: data catalog name \"\(long)\" must be 1 to 127 letters, digits, '_', '@' or '-'"])
    }

    func stateMachine(_ stack: Stack, name: String? = nil, passResult: String = "x") {
        let role = Role(stack, "Runner", assumedBy: .service("states.amazonaws.com"))
        _ = StateMachine(
            stack, "Machine", stateMachineName: name,
            definition: StateMachineDefinition(
                graph: StateGraph(single: "Only", .pass(PassState(result: .string(passResult), transition: .end)))), role: role)
    }

    func test_givenStateMachineNameOf80Characters_whenSynthesized_thenAccepted_and81Reported() {
        XCTAssertEqual(descriptions { stateMachine($0, name: String(repeating: "s", count: 80)) }, [])
        XCTAssertEqual(descriptions { stateMachine($0, name: "aZ9+!@.()-=_'") }, [])
        for name in [String(repeating: "s", count: 81), "", "a b", "a/b"] {
            XCTAssertEqual(
                descriptions { stateMachine($0, name: name) },
                ["limits/Machine: state machine name \"\(name)\" must be 1 to 80 letters, digits or +!@.()-=_'"], name)
        }
    }

    func test_givenLogicalIdOf255Characters_whenSynthesized_thenAccepted_and256Reported() {
        XCTAssertTrue(LogicalID.isValid(String(repeating: "L", count: 255)))
        XCTAssertFalse(LogicalID.isValid(String(repeating: "L", count: 256)))
        XCTAssertEqual(descriptions { CfnResource($0, "Thing", TestProperties()).overrideLogicalId(String(repeating: "L", count: 255)) }, [])
        let errors = descriptions { CfnResource($0, "Thing", TestProperties()).overrideLogicalId(String(repeating: "L", count: 256)) }
        XCTAssertEqual(errors.count, 1, errors.joined(separator: "\n"))
        XCTAssertTrue(errors.first?.hasPrefix("limits/Thing: ") ?? false, errors.joined(separator: "\n"))
    }

    func test_givenTwoResourcesWithLogicalIdsDifferingInOneCharacter_whenSynthesized_thenAccepted_andTheSameIdReported() {
        XCTAssertEqual(
            descriptions { stack in
                CfnResource(stack, "A", TestProperties()).overrideLogicalId("SameId1")
                CfnResource(stack, "B", TestProperties()).overrideLogicalId("SameId2")
            }, [])
        XCTAssertEqual(
            descriptions { stack in
                CfnResource(stack, "A", TestProperties()).overrideLogicalId("SameId")
                CfnResource(stack, "B", TestProperties()).overrideLogicalId("SameId")
            }, ["limits/B: logical ID \"SameId\" is already used by limits/A (rename one of them or pin another ID with overrideLogicalId)"])
    }

    // MARK: Policy sizes

    /// A statement of exactly `size` characters without whitespace.
    func statement(ofSize size: Int, sid: String? = nil) -> PolicyStatement {
        func make(_ padding: Int) -> PolicyStatement {
            PolicyStatement(sid: sid, actions: ["s3:GetObject"], resources: [.string("arn:aws:s3:::b/" + String(repeating: "k", count: padding))])
        }
        let base = JSONWriter.compactLength(PolicyDocument([make(0)]).value.json())
        return make(size - base)
    }

    func test_givenDefaultPolicyOfExactly10240Characters_whenSynthesized_thenKeptInline_and10241Split() throws {
        let bulk = PolicyStatement(sid: "Bulk", actions: ["s3:GetObject"], resources: (0..<300).map { .string("arn:aws:s3:::bulk-bucket-\($0)/*") })
        func padded(_ padding: Int) -> PolicyStatement {
            PolicyStatement(
                sid: "Padded", actions: ["s3:PutObject"], resources: [.string("arn:aws:s3:::p/" + String(repeating: "k", count: padding))])
        }
        let base = JSONWriter.compactLength(PolicyDocument([bulk, padded(0)]).value.json())
        for (size, splits) in [(10_240, false), (10_241, true)] {
            let app = App()
            let role = Role(Stack(app, "limits"), "Role", assumedBy: .service("states.amazonaws.com"))
            role.addToPolicy(bulk)
            role.addToPolicy(padded(size - base))
            XCTAssertEqual(try XCTUnwrap(role.defaultPolicy).document.sizeWithoutWhitespace, size)
            _ = try app.synthesize()
            XCTAssertEqual(!role.managedPolicies.isEmpty, splits, "a default policy of \(size) characters")
            XCTAssertLessThanOrEqual(try XCTUnwrap(role.defaultPolicy).document.sizeWithoutWhitespace, 10_240)
        }
    }

    func test_givenManagedPolicyOfExactly6144Characters_whenSynthesized_thenAccepted_and6145Reported() {
        func build(_ size: Int) -> [String] {
            descriptions { stack in
                let role = Role(stack, "Reader", assumedBy: .service("states.amazonaws.com"))
                let policy = ManagedPolicy(stack, "Wide", roles: [role])
                policy.addStatements(statement(ofSize: size))
                XCTAssertEqual(policy.document.sizeWithoutWhitespace, size)
            }
        }
        XCTAssertEqual(build(6_144), [])
        XCTAssertEqual(build(6_145), ["limits/Wide: the managed policy is 6145 characters without whitespace; IAM allows 6144"])
    }

    func test_givenTenManagedPoliciesOnARole_whenSynthesized_thenAccepted_andElevenReported() {
        func build(policies: Int, arns: Int) -> [String] {
            descriptions { stack in
                let role = Role(
                    stack, "Reader", assumedBy: .service("states.amazonaws.com"),
                    managedPolicyArns: (0..<arns).map { .string("arn:aws:iam::aws:policy/P\($0)") })
                for index in 0..<policies {
                    _ = ManagedPolicy(
                        stack, "M\(index)", roles: [role],
                        document: PolicyDocument([
                            PolicyStatement(actions: ["s3:GetObject"], resources: [.string("arn:aws:s3:::b\(index)/*")])
                        ]))
                }
            }
        }
        XCTAssertEqual(build(policies: 10, arns: 0), [])
        XCTAssertEqual(build(policies: 8, arns: 2), [])
        XCTAssertEqual(build(policies: 11, arns: 0), ["limits/Reader: 11 managed policies are attached; IAM allows 10 per role by default"])
        XCTAssertEqual(build(policies: 10, arns: 1), ["limits/Reader: 11 managed policies are attached; IAM allows 10 per role by default"])
    }

    func test_givenGlueResourcePolicyOfExactly10240Bytes_whenRendered_thenAccepted_and10241Rejected() {
        func policy(_ padding: Int) -> GlueCatalogResourcePolicy {
            GlueCatalogResourcePolicy(
                PolicyDocument([
                    PolicyStatement(
                        actions: GlueCatalogResourcePolicy.readActions, principals: [.arn("arn:aws:iam::222222222222:role/r")],
                        resources: [.string("arn:aws:glue:eu-west-1:111111111111:table/d/" + String(repeating: "t", count: padding))])
                ]), account: "111111111111", partition: "aws")
        }
        guard case .success(let small) = policy(0).render() else { return XCTFail("a small policy must render") }
        let padding = GlueCatalogResourcePolicy.maximumSizeBytes - small.count
        guard case .success(let fits) = policy(padding).render() else { return XCTFail("a policy of 10,240 bytes must render") }
        XCTAssertEqual(fits.count, 10_240)
        guard case .failure(let over) = policy(padding + 1).render() else { return XCTFail("a policy of 10,241 bytes must be rejected") }
        XCTAssertEqual(over.problems, ["the policy is 10241 bytes; Glue allows 10240"])
    }

    // MARK: Step Functions

    func test_givenDefinitionOfExactly1048576Characters_whenSynthesized_thenAccepted_andOneMoreReported() throws {
        // Calibrate: the message gives the definition's length for a known padding.
        let probe = 1_100_000
        let message = try XCTUnwrap(
            descriptions { stateMachine($0, passResult: String(repeating: "x", count: probe)) }
                .first { $0.contains("the definition is ") })
        let reported = try XCTUnwrap(Int(try XCTUnwrap(message.split(separator: " ").drop { $0 != "is" }.dropFirst().first)))
        let padding = probe - (reported - StateMachine.maximumDefinitionLength)
        XCTAssertEqual(
            descriptions { stateMachine($0, passResult: String(repeating: "x", count: padding)) }
                .filter { !$0.contains("template is") }, [])
        XCTAssertEqual(
            descriptions { stateMachine($0, passResult: String(repeating: "x", count: padding + 1)) }
                .filter { !$0.contains("template is") },
            ["limits/Machine: the definition is 1048577 characters; Step Functions allows 1048576"])
    }

    func test_givenAthenaQueryOfExactly262144Characters_whenChecked_thenAccepted_andOneMoreReported() {
        XCTAssertEqual(AthenaStartQueryExecution(queryString: .string(String(repeating: "x", count: 262_144)), workGroup: "wg").problems(), [])
        XCTAssertEqual(
            AthenaStartQueryExecution(queryString: .string(String(repeating: "x", count: 262_145)), workGroup: "wg").problems(),
            ["the query is 262145 characters; Athena allows 262144"])
    }

    // MARK: Bucket names

    func test_givenBucketNamesAtEachRulesEdge_whenChecked_thenTheLastValidPassesAndTheFirstInvalidIsNamed() {
        let valid = [
            "abc", "a1b", "1ab", "ab1", String(repeating: "a", count: 63), "a.b", "a-b", "a--b", "a.b.c",
            "192.168.1", "192.168.1.1.1", "1234.1.1.1", "xn-bucket", "sthree", "amzn-s3-demo", "bucket-s3alia", "b-ol-s3",
            "bucket.mra", "bucket-x-s3", "bucket-table-s3", "s3alias-bucket",
        ]
        for name in valid { XCTAssertNil(BucketNaming.problem(name), name) }
        let invalid: [(String, String)] = [
            ("ab", "is 2 characters long; bucket names are 3 to 63"),
            ("", "is 0 characters long; bucket names are 3 to 63"),
            (String(repeating: "a", count: 64), "is 64 characters long; bucket names are 3 to 63"),
            ("aBc", "may contain only lower-case letters, digits, dots and hyphens"),
            ("a b", "may contain only lower-case letters, digits, dots and hyphens"),
            ("a/b", "may contain only lower-case letters, digits, dots and hyphens"),
            ("a_b", "may contain only lower-case letters, digits, dots and hyphens"),
            (".ab", "must begin and end with a letter or digit"),
            ("ab-", "must begin and end with a letter or digit"),
            ("a..b", "must not contain \"..\", \".-\" or \"-.\""),
            ("a-.b", "must not contain \"..\", \".-\" or \"-.\""),
            ("a.-b", "must not contain \"..\", \".-\" or \"-.\""),
            ("xn--a", "starts with the reserved prefix \"xn--\""),
            ("sthree-a", "starts with the reserved prefix \"sthree-\""),
            ("amzn-s3-demo-a", "starts with the reserved prefix \"amzn-s3-demo-\""),
            ("a-s3alias", "ends with the reserved suffix \"-s3alias\""),
            ("a--ol-s3", "ends with the reserved suffix \"--ol-s3\""),
            ("a.mrap", "ends with the reserved suffix \".mrap\""),
            ("a--x-s3", "ends with the reserved suffix \"--x-s3\""),
            ("a--table-s3", "ends with the reserved suffix \"--table-s3\""),
            ("1.1.1.1", "is formatted as an IP address"),
            ("255.255.255.255", "is formatted as an IP address"),
        ]
        for (name, problem) in invalid { XCTAssertEqual(BucketNaming.problem(name), problem, name) }
    }
}
