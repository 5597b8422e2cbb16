import CloudFormation
import Constructs
import XCTest

/// Issue 12 point 4: conditions, the remaining intrinsic functions, parameter constraints,
/// rules, and `DependsOn` between constructs.
final class TemplateLanguageTests: XCTestCase {
    func testConditionsGateResourcesAndOutputsAndChooseValues() throws {
        let app = App()
        let stack = Stack(app, "S")
        let env = CfnParameter(stack, "Env", Parameter(allowedValues: ["dev", "prod"]))
        let isProd = CfnCondition(stack, "IsProd", .equals(env.value, "prod"))
        let isDev = CfnCondition(stack, "IsDev", .not(isProd.reference))
        let both = CfnCondition(stack, "Either", .or([isProd.reference, isDev.reference]))
        let bucket = CfnResource(
            stack, "Bucket",
            TestProperties([
                "Retention": isProd.choose(365, else: 7),
                "Name": isDev.choose(.pseudo(.noValue), else: "prod-bucket"),
            ]))
        bucket.condition = both
        let output = CfnOutput(stack, "Name", Output(value: bucket.ref))
        output.condition = isProd

        let template = try synthesizedTemplate(app, stack: "S")
        assertJSON(
            template["Conditions"],
            equals: """
                {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
                 "IsDev": {"Fn::Not": [{"Condition": "IsProd"}]},
                 "Either": {"Fn::Or": [{"Condition": "IsProd"}, {"Condition": "IsDev"}]}}
                """)
        assertJSON(
            template["Resources"]?["Bucket"],
            equals: """
                {"Type": "Test::Thing", "Properties": {"Retention": {"Fn::If": ["IsProd", 365, 7]},
                 "Name": {"Fn::If": ["IsDev", {"Ref": "AWS::NoValue"}, "prod-bucket"]}}, "Condition": "Either"}
                """)
        assertJSON(template["Outputs"]?["Name"], equals: #"{"Value": {"Ref": "Bucket"}, "Condition": "IsProd"}"#)
        let keys = template.objectKeys
        XCTAssertEqual(keys, ["AWSTemplateFormatVersion", "Parameters", "Conditions", "Resources", "Outputs"])
    }

    func testAndOrTakeTwoToTenConditions() {
        func problems(_ count: Int) -> [String] {
            let app = App()
            let stack = Stack(app, "S")
            let leaf = CfnCondition(stack, "Leaf", .equals("a", "a"))
            _ = CfnCondition(stack, "And", .and(Array(repeating: leaf.reference, count: count)))
            _ = CfnCondition(stack, "Or", .or(Array(repeating: leaf.reference, count: count)))
            do {
                _ = try app.synthesize()
                return []
            } catch { return error.diagnostics.map(\.message) }
        }
        XCTAssertEqual(
            problems(1), ["Fn::And has 1 conditions; CloudFormation takes 2 to 10", "Fn::Or has 1 conditions; CloudFormation takes 2 to 10"])
        XCTAssertEqual(problems(2), [])
        XCTAssertEqual(problems(10), [])
        XCTAssertEqual(
            problems(11), ["Fn::And has 11 conditions; CloudFormation takes 2 to 10", "Fn::Or has 11 conditions; CloudFormation takes 2 to 10"])
    }

    func testAConditionMustBeAConditionFunction() {
        let app = App()
        let stack = Stack(app, "S")
        _ = CfnCondition(stack, "Plain", .string("true"))
        let nested = CfnCondition(stack, "Nested", .equals("a", "b"))
        _ = CfnCondition(stack, "Inside", .not(.string("x")))
        nested.expression = .and([nested.reference, .equals("a", "a")])
        let errors = synthesisErrors(app)
        XCTAssertEqual(errors.map(\.location), ["S/Plain", "S/Nested", "S/Inside"])
        XCTAssertEqual(errors.map(\.message), ["is not a condition function", "refers to itself", "is not a condition function"])
    }

    func testEveryIntrinsicRendersInCloudFormationsSyntax() {
        let name = LogicalName("Thing")
        let cases: [(Value, String)] = [
            (.split(",", .string("a,b")), #"{"Fn::Split": [",", "a,b"]}"#),
            (.select(1, .split(",", .ref(name))), #"{"Fn::Select": [1, {"Fn::Split": [",", {"Ref": "Thing"}]}]}"#),
            (.importValue("shared:Vpc"), #"{"Fn::ImportValue": "shared:Vpc"}"#),
            (.getAZs(""), #"{"Fn::GetAZs": ""}"#),
            (.select(0, .getAZs(.pseudo(.region))), #"{"Fn::Select": [0, {"Fn::GetAZs": {"Ref": "AWS::Region"}}]}"#),
            (.base64(.sub("#!/bin/sh\necho ${AWS::StackName}", [])), ##"{"Fn::Base64": {"Fn::Sub": "#!/bin/sh\necho ${AWS::StackName}"}}"##),
            (.cidr("10.0.0.0/16", 6, 8), #"{"Fn::Cidr": ["10.0.0.0/16", 6, 8]}"#),
            (.sub("${Name}-${AWS::Region}", [.init("Name", .ref(name))]), #"{"Fn::Sub": ["${Name}-${AWS::Region}", {"Name": {"Ref": "Thing"}}]}"#),
            (
                .and([.equals("a", "b"), .not(.equals(.pseudo(.region), "us-east-1"))]),
                #"{"Fn::And": [{"Fn::Equals": ["a", "b"]}, {"Fn::Not": [{"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}]}]}"#
            ),
            (.pseudo(.notificationARNs), #"{"Ref": "AWS::NotificationARNs"}"#),
        ]
        for (value, expected) in cases {
            assertJSON(value.json(), equals: expected)
            XCTAssertFalse(value.isLiteral, expected)
        }
        XCTAssertEqual(Value.if(name, .ref(LogicalName("A")), "b").referencedElements.map(\.logicalId), ["Thing", "A"])
        XCTAssertEqual(Value.cidr(.getAtt(name, "CidrBlock"), 2, 4).referencedElements.map(\.logicalId), ["Thing"])
    }

    func testParametersTakeEveryConstraintAndRulesAssertOnThem() throws {
        let app = App()
        let stack = Stack(app, "S")
        let size = CfnParameter(stack, "Size", Parameter(type: "Number", defaultValue: "3", minValue: 1, maxValue: 10))
        let secret = CfnParameter(stack, "Secret", Parameter(allowedPattern: "[A-Za-z0-9]+", minLength: 8, noEcho: true))
        _ = CfnRule(
            stack, "SizeInProd",
            TemplateRule(
                condition: .equals(.pseudo(.region), "us-east-1"),
                assertions: [.init(.not(.equals(size.value, "1")), description: "use more than one in us-east-1")]))
        _ = CfnResource(stack, "R", TestProperties(["Size": size.value, "Secret": secret.value]))
        let template = try synthesizedTemplate(app, stack: "S")
        assertJSON(
            template["Parameters"],
            equals: """
                {"Size": {"Type": "Number", "Default": "3", "MinValue": 1, "MaxValue": 10},
                 "Secret": {"Type": "String", "AllowedPattern": "[A-Za-z0-9]+", "MinLength": 8, "NoEcho": true}}
                """)
        assertJSON(
            template["Rules"],
            equals: """
                {"SizeInProd": {"RuleCondition": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]},
                 "Assertions": [{"Assert": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Size"}, "1"]}]}, "AssertDescription": "use more than one in us-east-1"}]}}
                """)
        XCTAssertEqual(template.objectKeys, ["AWSTemplateFormatVersion", "Parameters", "Rules", "Resources"])

        let empty = App()
        _ = CfnRule(Stack(empty, "S"), "Nothing", TemplateRule(assertions: []))
        XCTAssertEqual(synthesisErrors(empty).map(\.message), ["has no assertions"])
    }

    func testADependencyOnAConstructMeansEveryResourceBelowIt() throws {
        let app = App()
        let stack = Stack(app, "S")
        let network = Construct(stack, "Network")
        _ = CfnResource(network, "Vpc", TestProperties())
        _ = CfnResource(network, "Subnet", TestProperties())
        let service = Construct(stack, "Service")
        let task = CfnResource(service, "Task", TestProperties())
        service.addDependency(on: network)
        let alone = CfnResource(stack, "Alone", TestProperties())
        alone.addDependency(on: task)

        let template = try synthesizedTemplate(app, stack: "S")
        let resources = try XCTUnwrap(template["Resources"])
        let taskId = task.logicalId
        XCTAssertEqual(
            resources[taskId]?["DependsOn"], .array([.string(try logicalId(app, "Network/Subnet")), .string(try logicalId(app, "Network/Vpc"))]))
        XCTAssertEqual(resources["Alone"]?["DependsOn"], .array([.string(taskId)]))
        XCTAssertNil(resources[try logicalId(app, "Network/Vpc")]?["DependsOn"])

        network.addDependency(on: service)
        XCTAssertTrue(synthesisErrors(app).contains { $0.message.hasPrefix("dependency cycle:") })
    }

    private func logicalId(_ app: App, _ path: String) throws -> String {
        let element = app.subtree.first { $0.path == "S/" + path } as? CfnElement
        return try XCTUnwrap(element).logicalId
    }
}

extension JSON {
    /// The keys of an object, in order.
    var objectKeys: [String] {
        guard case .object(let members) = self else { return [] }
        return members.map(\.key)
    }
}
