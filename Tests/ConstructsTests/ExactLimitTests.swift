import AWSConstructs
import CloudFormation
import Constructs
import XCTest

/// Limits met exactly, where an off-by-one (`<` for `<=`) changes the answer.
final class ExactLimitTests: XCTestCase {
    // MARK: Policy splitting

    func test_givenStatementsThatExactlyFillTheInlineQuotaAndOneManagedPolicy_whenSplit_thenNothingMovesFurther() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let envelope = PolicyDocument([]).sizeWithoutWhitespace
        // A statement's share of a document: its size plus the comma that separates it.
        func share(_ statement: PolicyStatement) -> Int { PolicyDocument([statement]).sizeWithoutWhitespace - envelope + 1 }
        func statement(_ sid: String, padding: Int) -> PolicyStatement {
            PolicyStatement(sid: sid, actions: ["s3:GetObject"], resources: [.string("arn:aws:s3:::b/" + String(repeating: "k", count: padding))])
        }
        func filling(_ sid: String, after used: Int, upTo limit: Int) -> PolicyStatement {
            statement(sid, padding: limit - used - share(statement(sid, padding: 0)))
        }
        let first = statement("First", padding: 5_000)
        let second = filling("Second", after: envelope + share(first), upTo: Limits.roleInlinePolicyCharacters)
        let third = statement("Third", padding: 3_000)
        let fourth = filling("Fourth", after: envelope + share(third), upTo: Limits.managedPolicyCharacters)
        XCTAssertEqual(envelope + share(first) + share(second), Limits.roleInlinePolicyCharacters)
        XCTAssertEqual(envelope + share(third) + share(fourth), Limits.managedPolicyCharacters)
        for statement in [first, second, third, fourth] { role.addToPolicy(statement) }

        _ = try synthesizedTemplate(app, stack: "MyStack")

        XCTAssertEqual(
            role.defaultPolicy?.document.statements.map(\.sid), ["First", "Second"], "a statement that exactly fills the inline quota stays inline")
        XCTAssertEqual(
            role.managedPolicies.map { $0.document.statements.map(\.sid) }, [["Third", "Fourth"]],
            "a managed policy filled exactly to 6,144 characters takes no second one")
    }

    func test_givenAStatementLargeOnlyByItsConditionValues_whenSplit_thenCutByThoseValuesIntoPoliciesThatFit() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let prefixes: [Value] = (0..<150).map { .string("folder_\($0)_" + String(repeating: "x", count: 90) + "/*") }
        role.addToPolicy(
            PolicyStatement(
                sid: "Big", actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::bucket"],
                conditions: [.init("StringLike", "s3:prefix", prefixes)]))

        _ = try synthesizedTemplate(app, stack: "MyStack")

        let parts = (role.defaultPolicy?.document.statements ?? []) + role.managedPolicies.flatMap(\.document.statements)
        XCTAssertGreaterThan(parts.count, 2)
        XCTAssertEqual(parts.map(\.sid), ["Big"] + (2...parts.count).map { "BigPart\($0)" })
        XCTAssertEqual(parts.flatMap { $0.conditions[0].values.map { $0.json() } }, prefixes.map { $0.json() }, "every value kept once, in order")
        for policy in role.managedPolicies {
            XCTAssertLessThanOrEqual(policy.document.sizeWithoutWhitespace, Limits.managedPolicyCharacters)
        }
    }

    func test_givenAForAllValuesCondition_whenTooLarge_thenNotCutBecauseThatWouldWidenIt() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let tags: [Value] = (0..<150).map { .string("tag_\($0)_" + String(repeating: "x", count: 90)) }
        role.addToPolicy(
            PolicyStatement(
                sid: "Tags", actions: ["s3:PutObjectTagging"], resources: ["arn:aws:s3:::bucket/*"],
                conditions: [.init("ForAllValues:StringEquals", "aws:TagKeys", tags)]))

        let errors = synthesisErrors(app).map(\.message)
        XCTAssertTrue(
            errors.contains { $0.contains("IAM allows 6144") }, "one statement over a managed policy's quota is reported, not cut: \(errors)")
    }

    // MARK: Step Functions

    func test_givenBackoffRateOne_whenChecked_thenAcceptedAsAConstantInterval() {
        let graph = StateGraph(
            single: "A",
            .task(
                TaskState(
                    resource: "arn:x",
                    retry: [
                        Retrier(errorEquals: [StatesError.taskFailed], backoffRate: 1)
                    ], transition: .end)))

        XCTAssertEqual(graph.problems(), [])
    }

    func test_givenAHeartbeatEqualToTheTimeout_whenChecked_thenReportedAndOneSecondLessAccepted() {
        func problems(heartbeat: Int) -> [String] {
            StateGraph(single: "A", .task(TaskState(resource: "arn:x", timeoutSeconds: 60, heartbeatSeconds: heartbeat, transition: .end))).problems()
        }

        XCTAssertEqual(problems(heartbeat: 60), ["state \"A\": HeartbeatSeconds must be less than TimeoutSeconds"])
        XCTAssertEqual(problems(heartbeat: 59), [])
    }
}

/// The same, in the template model and logical IDs.
final class ExactLimitModelTests: XCTestCase {
    func test_givenASingleComponentOfExactly255Characters_whenMade_thenKeptAsItIsWithoutAHash() {
        let component = String(repeating: "A", count: LogicalID.maximumLength)

        XCTAssertEqual(LogicalID.make([component, "Default"]), component)
        XCTAssertNotEqual(LogicalID.make([component + "B", "Default"]), component + "B", "one more character is hashed like a path")
    }

    func test_givenThePatternAtTheVeryEndOrStartOrAlone_whenReplaced_thenEveryOccurrenceReplaced() {
        XCTAssertEqual("a${".replacingAll("${", with: "${!"), "a${!")
        XCTAssertEqual("${a".replacingAll("${", with: "${!"), "${!a")
        XCTAssertEqual("${".replacingAll("${", with: "${!"), "${!")
        XCTAssertEqual("a$".replacingAll("${", with: "${!"), "a$", "half a pattern at the end is not a match")
    }
}
