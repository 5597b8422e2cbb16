import AWSConstructs
import CloudFormation
import XCTest

/// The Wait state and every comparison operator of a JSONPath Choice rule: how each renders, and
/// what each rejects (both sides of every rule).
final class StepFunctionsStateTests: XCTestCase {
    /// The rendered state `name` of a one-graph definition.
    private func rendered(_ graph: StateGraph, _ name: String) -> JSON? {
        StateMachineDefinition(graph: graph).value.json()["States"]?[name]
    }

    /// A Choice state `C` with one rule, going to `Done` or by default to `Other`.
    private func choice(_ condition: ChoiceCondition) -> StateGraph {
        StateGraph(
            startAt: "C",
            states: [
                ("C", .choice(ChoiceState(choices: [.init(condition, next: "Done")], defaultNext: "Other"))),
                ("Done", .succeed()),
                ("Other", .succeed()),
            ])
    }

    // MARK: - Wait

    func test_givenEachWaitDuration_whenRendered_thenItsOneField() {
        let cases: [(WaitState.Duration, String)] = [
            (.seconds(10), #""Seconds": 10"#),
            (.timestamp("2024-03-14T01:59:00Z"), #""Timestamp": "2024-03-14T01:59:00Z""#),
            (.secondsPath("$.delay"), #""SecondsPath": "$.delay""#),
            (.timestampPath("$.expirydate"), #""TimestampPath": "$.expirydate""#),
        ]
        for (duration, field) in cases {
            let graph = StateGraph(
                startAt: "W",
                states: [
                    ("W", .wait(WaitState(comment: "Pause", duration, transition: .next("Done")))),
                    ("Done", .succeed()),
                ])

            XCTAssertEqual(graph.problems(), [], field)
            assertJSON(rendered(graph, "W"), equals: #"{"Type": "Wait", "Comment": "Pause", \#(field), "Next": "Done"}"#)
        }
    }

    func test_givenWaitThatEnds_whenRendered_thenEndTrue() {
        assertJSON(
            rendered(StateGraph(single: "W", .wait(WaitState(.seconds(0), transition: .end))), "W"),
            equals: #"{"Type": "Wait", "Seconds": 0, "End": true}"#)
    }

    func test_givenSecondsAtAndBeyondTheirLimits_whenChecked_thenOnlyOutsideReported() {
        func problems(_ seconds: Int) -> [String] {
            StateGraph(single: "W", .wait(WaitState(.seconds(seconds), transition: .end))).problems()
        }

        XCTAssertEqual(problems(0), [])
        XCTAssertEqual(problems(99_999_999), [])
        XCTAssertEqual(problems(-1), ["state \"W\": Seconds must be 0 to 99999999, not -1"])
        XCTAssertEqual(problems(100_000_000), ["state \"W\": Seconds must be 0 to 99999999, not 100000000"])
    }

    func test_givenTimestamps_whenChecked_thenOnlyRFC3339WithUppercaseTAndZAccepted() {
        func problems(_ timestamp: String) -> [String] {
            StateGraph(single: "W", .wait(WaitState(.timestamp(timestamp), transition: .end))).problems()
        }

        for valid in ["2024-03-14T01:59:00Z", "2024-03-14T01:59:00.123Z", "2024-03-14T01:59:00+09:00", "2016-12-31T23:59:60Z"] {
            XCTAssertEqual(problems(valid), [], valid)
        }
        for invalid in [
            "2024-03-14t01:59:00Z", "2024-03-14T01:59:00z", "2024-03-14 01:59:00Z", "2024-03-14T01:59:00", "2024-13-14T01:59:00Z",
            "2024-03-14T24:00:00Z", "2024-03-14T01:59:00.Z", "2024-03-14T01:59:00+0900", "2024-03-14", "",
        ] {
            XCTAssertEqual(
                problems(invalid),
                ["state \"W\": Timestamp \"\(invalid)\" is not a timestamp like 2024-08-18T17:33:00Z (uppercase T and Z)"], invalid)
        }
    }

    func test_givenPathsThatAreAndAreNotReferencePaths_whenChecked_thenOnlyNonPathsReported() {
        XCTAssertEqual(StateGraph(single: "W", .wait(WaitState(.secondsPath("$.delay"), transition: .end))).problems(), [])
        XCTAssertEqual(StateGraph(single: "W", .wait(WaitState(.timestampPath("$$.Execution.StartTime"), transition: .end))).problems(), [])
        XCTAssertEqual(
            StateGraph(single: "W", .wait(WaitState(.secondsPath("delay"), transition: .end))).problems(),
            ["state \"W\": SecondsPath \"delay\" is not a reference path (it starts with $)"])
        XCTAssertEqual(
            StateGraph(single: "W", .wait(WaitState(.timestampPath("when"), transition: .end))).problems(),
            ["state \"W\": TimestampPath \"when\" is not a reference path (it starts with $)"])
    }

    func test_givenWaitGoingNowhereAndStateOnlyAWaitReaches_whenChecked_thenTransitionChecked() {
        let broken = StateGraph(single: "W", .wait(WaitState(.seconds(1), transition: .next("Nowhere"))))
        let chained = StateGraph(startAt: "W", states: [("W", .wait(WaitState(.seconds(1), transition: .next("Done")))), ("Done", .succeed())])

        XCTAssertEqual(broken.problems(), ["state \"W\" goes to \"Nowhere\", which is not a state"])
        XCTAssertEqual(chained.problems(), [], "Done is reached through the Wait state")
    }

    // MARK: - Choice operators

    /// One sample of every operator, built with its named function, and the JSON it renders.
    private static var samples: [(ComparisonOperator, ChoiceCondition, String)] {
        [
            (.stringEquals, .stringEquals(variable: "$.s", "a"), #""StringEquals": "a""#),
            (.stringEqualsPath, .stringEqualsPath(variable: "$.s", "$.t"), #""StringEqualsPath": "$.t""#),
            (.stringLessThan, .stringLessThan(variable: "$.s", "b"), #""StringLessThan": "b""#),
            (.stringLessThanPath, .stringLessThanPath(variable: "$.s", "$.t"), #""StringLessThanPath": "$.t""#),
            (.stringGreaterThan, .stringGreaterThan(variable: "$.s", "c"), #""StringGreaterThan": "c""#),
            (.stringGreaterThanPath, .stringGreaterThanPath(variable: "$.s", "$.t"), #""StringGreaterThanPath": "$.t""#),
            (.stringLessThanEquals, .stringLessThanEquals(variable: "$.s", "d"), #""StringLessThanEquals": "d""#),
            (.stringLessThanEqualsPath, .stringLessThanEqualsPath(variable: "$.s", "$.t"), #""StringLessThanEqualsPath": "$.t""#),
            (.stringGreaterThanEquals, .stringGreaterThanEquals(variable: "$.s", "e"), #""StringGreaterThanEquals": "e""#),
            (.stringGreaterThanEqualsPath, .stringGreaterThanEqualsPath(variable: "$.s", "$.t"), #""StringGreaterThanEqualsPath": "$.t""#),
            (.stringMatches, .stringMatches(variable: "$.s", "log-*.txt"), #""StringMatches": "log-*.txt""#),
            (.numericEquals, .numericEquals(variable: "$.n", 1), #""NumericEquals": 1"#),
            (.numericEqualsPath, .numericEqualsPath(variable: "$.n", "$.m"), #""NumericEqualsPath": "$.m""#),
            (.numericLessThan, .numericLessThan(variable: "$.n", 2.5), #""NumericLessThan": 2.5"#),
            (.numericLessThanPath, .numericLessThanPath(variable: "$.n", "$.m"), #""NumericLessThanPath": "$.m""#),
            (.numericGreaterThan, .numericGreaterThan(variable: "$.n", 3), #""NumericGreaterThan": 3"#),
            (.numericGreaterThanPath, .numericGreaterThanPath(variable: "$.n", "$.m"), #""NumericGreaterThanPath": "$.m""#),
            (.numericLessThanEquals, .numericLessThanEquals(variable: "$.n", 4), #""NumericLessThanEquals": 4"#),
            (.numericLessThanEqualsPath, .numericLessThanEqualsPath(variable: "$.n", "$.m"), #""NumericLessThanEqualsPath": "$.m""#),
            (.numericGreaterThanEquals, .numericGreaterThanEquals(variable: "$.n", -0.5), #""NumericGreaterThanEquals": -0.5"#),
            (.numericGreaterThanEqualsPath, .numericGreaterThanEqualsPath(variable: "$.n", "$.m"), #""NumericGreaterThanEqualsPath": "$.m""#),
            (.booleanEquals, .booleanEquals(variable: "$.b", false), #""BooleanEquals": false"#),
            (.booleanEqualsPath, .booleanEqualsPath(variable: "$.b", "$.c"), #""BooleanEqualsPath": "$.c""#),
            (.timestampEquals, .timestampEquals(variable: "$.t", "2001-01-01T12:00:00Z"), #""TimestampEquals": "2001-01-01T12:00:00Z""#),
            (.timestampEqualsPath, .timestampEqualsPath(variable: "$.t", "$.u"), #""TimestampEqualsPath": "$.u""#),
            (.timestampLessThan, .timestampLessThan(variable: "$.t", "2001-01-01T12:00:00Z"), #""TimestampLessThan": "2001-01-01T12:00:00Z""#),
            (.timestampLessThanPath, .timestampLessThanPath(variable: "$.t", "$.u"), #""TimestampLessThanPath": "$.u""#),
            (
                .timestampGreaterThan, .timestampGreaterThan(variable: "$.t", "2001-01-01T12:00:00Z"),
                #""TimestampGreaterThan": "2001-01-01T12:00:00Z""#
            ),
            (.timestampGreaterThanPath, .timestampGreaterThanPath(variable: "$.t", "$.u"), #""TimestampGreaterThanPath": "$.u""#),
            (
                .timestampLessThanEquals, .timestampLessThanEquals(variable: "$.t", "2001-01-01T12:00:00Z"),
                #""TimestampLessThanEquals": "2001-01-01T12:00:00Z""#
            ),
            (.timestampLessThanEqualsPath, .timestampLessThanEqualsPath(variable: "$.t", "$.u"), #""TimestampLessThanEqualsPath": "$.u""#),
            (
                .timestampGreaterThanEquals, .timestampGreaterThanEquals(variable: "$.t", "2001-01-01T12:00:00Z"),
                #""TimestampGreaterThanEquals": "2001-01-01T12:00:00Z""#
            ),
            (.timestampGreaterThanEqualsPath, .timestampGreaterThanEqualsPath(variable: "$.t", "$.u"), #""TimestampGreaterThanEqualsPath": "$.u""#),
            (.isNull, .isNull(variable: "$.x", true), #""IsNull": true"#),
            (.isPresent, .isPresent(variable: "$.x", false), #""IsPresent": false"#),
            (.isNumeric, .isNumeric(variable: "$.x", true), #""IsNumeric": true"#),
            (.isString, .isString(variable: "$.x", true), #""IsString": true"#),
            (.isBoolean, .isBoolean(variable: "$.x", true), #""IsBoolean": true"#),
            (.isTimestamp, .isTimestamp(variable: "$.x", true), #""IsTimestamp": true"#),
        ]
    }

    func test_givenTheOperatorsAWSLists_whenEnumerated_thenAll39ByTheirStatesLanguageNames() {
        // The JSONPath comparison operators of https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html.
        let kinds = ["String", "Numeric", "Timestamp"]
        let comparisons = ["Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"]
        let expected =
            kinds.flatMap { kind in comparisons.flatMap { ["\(kind)\($0)", "\(kind)\($0)Path"] } }
            + ["StringMatches", "BooleanEquals", "BooleanEqualsPath", "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"]

        XCTAssertEqual(Set(ComparisonOperator.allCases.map(\.rawValue)), Set(expected))
        XCTAssertEqual(ComparisonOperator.allCases.count, 39)
    }

    func test_givenEveryOperatorsNamedFunction_whenRendered_thenVariableThenOperatorWithItsOperand() {
        XCTAssertEqual(Set(Self.samples.map(\.0.rawValue)), Set(ComparisonOperator.allCases.map(\.rawValue)), "one sample per operator")
        for (comparison, condition, field) in Self.samples {
            let graph = choice(condition)
            let variable = #""Variable": "\#(Self.variable(of: condition))""#

            XCTAssertEqual(graph.problems(), [], comparison.rawValue)
            assertJSON(
                rendered(graph, "C"),
                equals: #"""
                    {"Type": "Choice", "Choices": [{\#(variable), \#(field), "Next": "Done"}], "Default": "Other"}
                    """#)
        }
    }

    private static func variable(of condition: ChoiceCondition) -> String {
        if case .comparison(let variable, _, _) = condition { return variable }
        return ""
    }

    func test_givenEachOperatorsOperandKind_whenAsked_thenMatchesItsName() {
        XCTAssertEqual(ComparisonOperator.stringMatches.operand, .string)
        XCTAssertEqual(ComparisonOperator.numericLessThanEquals.operand, .number)
        XCTAssertEqual(ComparisonOperator.booleanEquals.operand, .boolean)
        XCTAssertEqual(ComparisonOperator.isTimestamp.operand, .boolean)
        XCTAssertEqual(ComparisonOperator.timestampGreaterThan.operand, .timestamp)
        XCTAssertEqual(ComparisonOperator.booleanEqualsPath.operand, .path)
        XCTAssertEqual(ComparisonOperator.allCases.filter { $0.operand == .path }.count, 16)
    }

    func test_givenAndOrNot_whenRendered_thenNestedRulesWithoutNext() {
        let condition = ChoiceCondition.or([
            .and([.isPresent(variable: "$.t", true), .timestampLessThanPath(variable: "$.t", "$$.Execution.StartTime")]),
            .not(.isNull(variable: "$.x", false)),
        ])

        assertJSON(
            rendered(choice(condition), "C")?["Choices"],
            equals: #"""
                [{"Or": [
                  {"And": [{"Variable": "$.t", "IsPresent": true}, {"Variable": "$.t", "TimestampLessThanPath": "$$.Execution.StartTime"}]},
                  {"Not": {"Variable": "$.x", "IsNull": false}}
                ], "Next": "Done"}]
                """#)
    }

    // MARK: - Choice validation

    func test_givenEmptyAndOr_whenChecked_thenReportedWhileOneOperandIsEnough() {
        XCTAssertEqual(choice(.and([])).problems(), ["state \"C\": rule 1: And needs at least one condition"])
        XCTAssertEqual(choice(.or([])).problems(), ["state \"C\": rule 1: Or needs at least one condition"])
        XCTAssertEqual(choice(.not(.and([]))).problems(), ["state \"C\": rule 1: And needs at least one condition"])
        XCTAssertEqual(choice(.and([.isNull(variable: "$.x", true)])).problems(), [])
        XCTAssertEqual(choice(.or([.isNull(variable: "$.x", true)])).problems(), [])
    }

    func test_givenChoiceWithoutRules_whenChecked_thenReportedWhileOneRuleIsEnough() {
        let empty = StateGraph(startAt: "C", states: [("C", .choice(ChoiceState(choices: [], defaultNext: "Done"))), ("Done", .succeed())])

        XCTAssertEqual(empty.problems(), ["state \"C\": a Choice state needs at least one rule"])
        XCTAssertEqual(choice(.isPresent(variable: "$.x", true)).problems(), [])
    }

    func test_givenProblemsInSeveralRules_whenChecked_thenEachNamesItsRule() {
        let graph = StateGraph(
            startAt: "C",
            states: [
                (
                    "C",
                    .choice(
                        ChoiceState(choices: [
                            .init(.isNull(variable: "$.ok", true), next: "Done"),
                            .init(.and([.stringEquals(variable: "x", "a"), .numericEqualsPath(variable: "$.n", "m")]), next: "Done"),
                        ]))
                ),
                ("Done", .succeed()),
            ])

        XCTAssertEqual(
            graph.problems(),
            [
                "state \"C\": rule 2: Variable \"x\" is not a reference path (it starts with $)",
                "state \"C\": rule 2: NumericEqualsPath \"m\" is not a reference path (it starts with $)",
            ])
    }

    func test_givenTimestampOperands_whenChecked_thenOnlyTimestampsAccepted() {
        XCTAssertEqual(choice(.timestampGreaterThanEquals(variable: "$.t", "2024-08-18T17:33:00+09:00")).problems(), [])
        XCTAssertEqual(
            choice(.timestampEquals(variable: "$.t", "2024-08-18")).problems(),
            ["state \"C\": rule 1: TimestampEquals \"2024-08-18\" is not a timestamp like 2024-08-18T17:33:00Z"])
    }

    func test_givenStringMatchesEscapes_whenChecked_thenOnlyEscapedAsteriskOrBackslashAccepted() {
        for valid in ["*", "a*b", #"literal\*star"#, #"back\\slash"#, #"\\\*"#, ""] {
            XCTAssertEqual(choice(.stringMatches(variable: "$.s", valid)).problems(), [], valid)
        }
        XCTAssertEqual(
            choice(.stringMatches(variable: "$.s", #"ends\"#)).problems(),
            [
                #"state "C": rule 1: the StringMatches pattern "ends\" ends with a backslash that escapes nothing (write \\ for a literal backslash)"#
            ])
        XCTAssertEqual(
            choice(.stringMatches(variable: "$.s", #"a\d"#)).problems(),
            [
                #"state "C": rule 1: the StringMatches pattern "a\d" escapes "d"; only * and \ can be escaped (write \\ for a literal backslash)"#
            ])
        XCTAssertEqual(choice(.stringEquals(variable: "$.s", #"a\d"#)).problems(), [], "only StringMatches reads escapes")
    }

    func test_givenOperandOfTheWrongKind_whenChecked_thenReportedForEachKind() {
        func problems(_ comparison: ComparisonOperator, _ operand: Value) -> [String] {
            choice(.comparison(variable: "$.v", comparison, operand)).problems()
        }

        XCTAssertEqual(problems(.stringEquals, .int(1)), ["state \"C\": rule 1: StringEquals needs a string"])
        XCTAssertEqual(problems(.numericEquals, "1"), ["state \"C\": rule 1: NumericEquals needs a number"])
        XCTAssertEqual(problems(.numericEquals, .double(.nan)), ["state \"C\": rule 1: NumericEquals needs a finite number"])
        XCTAssertEqual(problems(.booleanEquals, "true"), ["state \"C\": rule 1: BooleanEquals needs true or false"])
        XCTAssertEqual(problems(.isPresent, .int(1)), ["state \"C\": rule 1: IsPresent needs true or false"])
        XCTAssertEqual(problems(.timestampEquals, .int(0)), ["state \"C\": rule 1: TimestampEquals needs a timestamp string"])
        XCTAssertEqual(problems(.stringEqualsPath, .bool(true)), ["state \"C\": rule 1: StringEqualsPath needs a reference path string"])
        XCTAssertEqual(problems(.numericLessThan, .double(1.5)), [])
        XCTAssertEqual(problems(.numericLessThan, .int(1)), [])
    }
}
