import AWSConstructs
import CloudFormation
import Constructs
import CrossAccountGlue
import XCTest

/// AWS quotas are checked at synth time; each message names the stack or construct and gives
/// the figure against the limit.
final class QuotaTests: XCTestCase {
    func problems(_ build: (Stack) -> Void) -> [Diagnostic] {
        let app = App()
        let stack = Stack(app, "quota-stack", account: "123456789012", region: "eu-west-1")
        build(stack)
        do {
            let assembly = try app.synthesize()
            return assembly.warnings
        } catch {
            return error.diagnostics
        }
    }

    func describe(_ diagnostics: [Diagnostic]) -> String { diagnostics.map(\.description).joined(separator: "\n") }

    func testResourceCountOverFiveHundred() {
        let over = describe(
            problems { stack in
                for index in 0..<501 { _ = LogGroup(stack, "Logs\(index)", retentionDays: 7) }
            })
        XCTAssertTrue(over.contains("quota-stack: has 501 resources; CloudFormation allows 500 per template"), over)
        let within = problems { stack in for index in 0..<10 { _ = LogGroup(stack, "Logs\(index)", retentionDays: 7) } }
        XCTAssertFalse(describe(within).contains("resources;"))
    }

    func testParametersAndOutputsOverTwoHundred() {
        let output = describe(
            problems { stack in
                for index in 0..<201 {
                    _ = CfnParameter(stack, "P\(index)", Parameter())
                    _ = CfnOutput(stack, "O\(index)", Output(value: "x"))
                }
            })
        XCTAssertTrue(output.contains("has 201 parameters; CloudFormation allows 200"), output)
        XCTAssertTrue(output.contains("has 201 outputs; CloudFormation allows 200"), output)
    }

    func testTemplateOverTheInlineLimitWarnsToDeployThroughS3AndOverOneMegabyteFails() {
        let warning = problems { stack in
            for index in 0..<120 {
                _ = LogGroup(stack, "LongNamedLogGroupNumber\(index)", logGroupName: .string(String(repeating: "g", count: 300)), retentionDays: 7)
            }
        }
        XCTAssertEqual(warning.first?.severity, .warning)
        XCTAssertTrue(
            describe(warning).contains(
                "over the 51200 bytes CloudFormation accepts inline (deploy it through S3: aws cloudformation deploy --s3-bucket"), describe(warning))

        let error = problems { stack in
            for index in 0..<400 { _ = LogGroup(stack, "L\(index)", logGroupName: .string(String(repeating: "g", count: 2_600)), retentionDays: 7) }
        }
        XCTAssertEqual(error.first?.severity, .error)
        XCTAssertTrue(describe(error).contains("CloudFormation allows 1000000 even from S3"), describe(error))
    }

    func testARolePolicyOverTheInlineQuotaIsSplitIntoManagedPolicies() throws {
        let app = App()
        let stack = Stack(app, "quota-stack", account: "123456789012", region: "eu-west-1")
        let role = Role(stack, "Big", assumedBy: .service("states.amazonaws.com"))
        for index in 0..<200 {
            role.addToPolicy(PolicyStatement(actions: ["s3:GetObject"], resources: [.string("arn:aws:s3:::bucket-number-\(index)/*")]))
        }
        let template = try app.synthesize().stacks[0].template.json()
        let policies = (template["Resources"]?.objectMembers ?? []).filter {
            $0.value["Type"] == "AWS::IAM::Policy" || $0.value["Type"] == "AWS::IAM::ManagedPolicy"
        }
        XCTAssertGreaterThan(policies.count, 1)
        for policy in policies {
            let limit = policy.value["Type"] == "AWS::IAM::Policy" ? Limits.roleInlinePolicyCharacters : Limits.managedPolicyCharacters
            XCTAssertLessThanOrEqual(JSONWriter.compactLength(try XCTUnwrap(policy.value["Properties"]?["PolicyDocument"])), limit, policy.key)
        }
    }

    func testARolePolicyTooLargeEvenForTenManagedPoliciesIsAnError() {
        let output = describe(
            problems { stack in
                let role = Role(stack, "Huge", assumedBy: .service("states.amazonaws.com"))
                for index in 0..<1_500 {
                    role.addToPolicy(PolicyStatement(actions: ["s3:GetObject"], resources: [.string("arn:aws:s3:::bucket-number-\(index)/*")]))
                }
            })
        XCTAssertTrue(output.contains("quota-stack/Huge:"), output)
        XCTAssertTrue(output.contains("managed policies are attached; IAM allows 10 per role by default"), output)
    }

    func testManagedPolicyOverSixThousandCharacters() {
        let output = describe(
            problems { stack in
                let role = Role(stack, "Reader", assumedBy: .service("states.amazonaws.com"))
                let policy = ManagedPolicy(stack, "Wide", roles: [role])
                for index in 0..<100 {
                    policy.addStatements(PolicyStatement(actions: ["s3:GetObject"], resources: [.string("arn:aws:s3:::bucket-number-\(index)/*")]))
                }
            })
        XCTAssertTrue(output.contains("quota-stack/Wide: the managed policy is"), output)
        XCTAssertTrue(output.contains("IAM allows 6144"), output)
    }

    func testStateMachineDefinitionOverOneMebibyte() {
        let output = describe(
            problems { stack in
                let role = Role(stack, "Runner", assumedBy: .service("states.amazonaws.com"))
                let states: [(name: String, state: State)] = (0..<3).map { index in
                    (
                        "Pass\(index)",
                        .pass(
                            PassState(
                                result: .string(String(repeating: "x", count: 400_000)),
                                transition: index == 2 ? .end : .next("Pass\(index + 1)")))
                    )
                }
                _ = StateMachine(stack, "Huge", definition: StateMachineDefinition(graph: StateGraph(startAt: "Pass0", states: states)), role: role)
            })
        XCTAssertTrue(output.contains("quota-stack/Huge: the definition is"), output)
        XCTAssertTrue(output.contains("Step Functions allows 1048576"), output)
    }

    func testGlueResourcePolicyOverTenKilobytes() {
        let resources: [Value] = (0..<200).map { .string("arn:aws:glue:eu-west-1:111111111111:table/database_\($0)/table_\($0)") }
        let big = GlueCatalogResourcePolicy(
            PolicyDocument([
                PolicyStatement(
                    actions: GlueCatalogResourcePolicy.readActions, principals: [.arn("arn:aws:iam::222222222222:role/r")], resources: resources)
            ]), account: "111111111111", partition: "aws")
        guard case .failure(let failure) = big.render() else { return XCTFail("a policy over 10 KiB must be rejected") }
        XCTAssertTrue(failure.problems.joined().contains("Glue allows 10240"), failure.problems.joined())

        let small = GlueCatalogResourcePolicy(
            PolicyDocument([
                PolicyStatement(
                    actions: GlueCatalogResourcePolicy.readActions, principals: [.arn("arn:aws:iam::222222222222:role/r")],
                    resources: Array(resources.prefix(2)))
            ]), account: "111111111111", partition: "aws")
        guard case .success = small.render() else { return XCTFail("a small policy must render") }
    }

    func testTheDefaultAppIsWithinEveryQuotaWithoutWarnings() throws {
        guard
            case .success(let rendering) = CrossAccountSynthesizer.renderWithWarnings(
                config: TestSupport.defaultConfig, sources: try TestSupport.projectSources())
        else { return XCTFail("default app must render") }
        XCTAssertEqual(rendering.warnings, [])
    }
}
