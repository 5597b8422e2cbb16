import CloudFormation
import CloudFormationS3
import Constructs
import XCTest

/// The construct tree: ordered children and paths, logical IDs from paths, stacks rendered into
/// templates, and every problem reported at once with the path where it is.
final class ConstructTreeTests: XCTestCase {
    // MARK: - Tree shape

    func test_givenChildrenAddedInSomeOrder_whenListed_thenThatOrderKept() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let zeta = Construct(stack, "Zeta")
        let alpha = Construct(stack, "Alpha")
        let nested = Construct(alpha, "Nested")

        XCTAssertEqual(stack.children.map(\.id), ["Zeta", "Alpha"])
        XCTAssertEqual(stack.subtree.map(\.id), ["MyStack", "Zeta", "Alpha", "Nested"])
        XCTAssertTrue(stack.child("Alpha") === alpha)
        XCTAssertNil(stack.child("Missing"))
        XCTAssertTrue(zeta.scope === stack)
        XCTAssertTrue(nested.root === app)
        XCTAssertTrue(nested.stack === stack)
        XCTAssertEqual(app.stacks.map(\.stackName), ["MyStack"])
    }

    func test_givenNestedConstructs_whenPathAsked_thenIdsFromBelowTheAppJoinedBySlash() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let nested = Construct(Construct(stack, "Outer"), "Inner")

        XCTAssertEqual(nested.pathComponents, ["MyStack", "Outer", "Inner"])
        XCTAssertEqual(nested.path, "MyStack/Outer/Inner")
        XCTAssertEqual(app.path, "")
    }

    // MARK: - Logical IDs in a stack

    func test_givenResourceInAStack_whenLogicalIdAsked_thenComputedFromThePathBelowTheStack() {
        let app = App()
        let stack = Stack(app, "AnyStackName")
        let resource = CfnResource(Construct(stack, "StepFunctionsExecutionRole"), "Resource", TestProperties())

        XCTAssertEqual(resource.logicalId, "StepFunctionsExecutionRole5B21F5A6")
    }

    func test_givenOverriddenLogicalId_whenSynthesized_thenPinnedIdUsedForTheResourceAndEveryReference() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let target = CfnResource(Construct(stack, "Bucket"), "Resource", TestProperties())
        let user = CfnResource(stack, "User", TestProperties(["Target": target.ref, "Arn": target.attribute("Arn")]))
        user.addDependency(target)

        target.overrideLogicalId("LegacyBucket")
        let template = try synthesizedTemplate(app, stack: "MyStack")

        XCTAssertEqual(target.logicalId, "LegacyBucket")
        assertJSON(
            template["Resources"],
            equals: #"""
                {
                  "LegacyBucket": {"Type": "Test::Thing"},
                  "User": {
                    "Type": "Test::Thing",
                    "Properties": {"Target": {"Ref": "LegacyBucket"}, "Arn": {"Fn::GetAtt": ["LegacyBucket", "Arn"]}},
                    "DependsOn": ["LegacyBucket"]
                  }
                }
                """#)
    }

    func test_givenSeveralDependencies_whenSynthesized_thenDependsOnSortedByConstructPath() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = CfnResource(Construct(stack, "StepFunctionsExecutionRole"), "Resource", TestProperties())
        let policy = CfnResource(Construct(Construct(stack, "StepFunctionsExecutionRole2"), "DefaultPolicy"), "Resource", TestProperties())
        let user = CfnResource(stack, "User", TestProperties())
        user.addDependency(policy)
        user.addDependency(role)
        user.addDependency(role)

        let template = try synthesizedTemplate(app, stack: "MyStack")

        XCTAssertEqual(template["Resources"]?["User"]?["DependsOn"], .array([.string(role.logicalId), .string(policy.logicalId)]))
    }

    // MARK: - Stacks render templates

    func test_givenStackWithDescriptionParameterResourceAndOutput_whenSynthesized_thenWholeTemplate() throws {
        let app = App()
        let stack = Stack(app, "demo-stack", description: "Demo")
        let env = CfnParameter(stack, "EnvName", Parameter(defaultValue: "dev"))
        let topic = CfnResource(stack, "Topic", TestProperties(["Name": .interpolate("topic-", env.value)]))
        _ = CfnOutput(stack, "TopicRef", Output(value: topic.ref))

        let assembly = try app.synthesize()
        let artifact = try XCTUnwrap(assembly.stack(named: "demo-stack"))

        XCTAssertEqual(artifact.body, artifact.template.render())
        XCTAssertEqual(
            artifact.body,
            """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Description": "Demo",
              "Parameters": {
                "EnvName": {
                  "Type": "String",
                  "Default": "dev"
                }
              },
              "Resources": {
                "Topic": {
                  "Type": "Test::Thing",
                  "Properties": {
                    "Name": {
                      "Fn::Sub": "topic-${EnvName}"
                    }
                  }
                }
              },
              "Outputs": {
                "TopicRef": {
                  "Value": {
                    "Ref": "Topic"
                  }
                }
              }
            }

            """)
        XCTAssertTrue(assembly.warnings.isEmpty)
    }

    func test_givenMappingUsedByAResource_whenSynthesized_thenMappingsSectionAndFindInMap() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let accounts = CfnMapping(
            stack, "Accounts",
            entries: [
                (key: "111111111111", attributes: [.init("Bucket", "source-a")]),
                (key: "222222222222", attributes: [.init("Bucket", "source-b")]),
            ])
        _ = CfnResource(stack, "Reader", TestProperties(["Bucket": accounts.find(.pseudo(.accountId), "Bucket")]))

        let template = try synthesizedTemplate(app, stack: "MyStack")

        XCTAssertEqual(template.keys, ["AWSTemplateFormatVersion", "Mappings", "Resources"])
        assertJSON(
            template["Mappings"],
            equals: #"""
                {"Accounts": {"111111111111": {"Bucket": "source-a"}, "222222222222": {"Bucket": "source-b"}}}
                """#)
        assertJSON(
            template["Resources"]?["Reader"]?["Properties"],
            equals: #"{"Bucket": {"Fn::FindInMap": ["Accounts", {"Ref": "AWS::AccountId"}, "Bucket"]}}"#)
    }

    func test_givenStackTags_whenSynthesized_thenTaggableResourcesGetThemSortedAndOwnTagsWin() throws {
        let app = App()
        let stack = Stack(app, "MyStack", tags: [Tag("Project", "demo"), Tag("Environment", "dev")])
        _ = CfnResource(stack, "Bucket", S3BucketProperties(tags: [Tag("Environment", "own"), Tag("aws-cdk:auto-delete-objects", "true")]))
        _ = CfnResource(stack, "Untaggable", TestProperties(["A": "b"]))

        let template = try synthesizedTemplate(app, stack: "MyStack")

        assertJSON(
            template["Resources"],
            equals: #"""
                {
                  "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": [
                    {"Key": "aws-cdk:auto-delete-objects", "Value": "true"},
                    {"Key": "Environment", "Value": "own"},
                    {"Key": "Project", "Value": "demo"}
                  ]}},
                  "Untaggable": {"Type": "Test::Thing", "Properties": {"A": "b"}}
                }
                """#)
    }

    func test_givenSameAppSynthesizedTwice_whenBodiesCompared_thenByteIdentical() throws {
        let app = App()
        let stack = Stack(app, "MyStack", tags: [Tag("B", "2"), Tag("a", "1")])
        for index in 0..<20 { _ = CfnResource(stack, "Bucket\(index)", S3BucketProperties(bucketName: .string("bucket-\(index)"))) }

        let first = try app.synthesize().stacks.map(\.body)
        let second = try app.synthesize().stacks.map(\.body)

        XCTAssertEqual(first, second)
    }

    // MARK: - Problems, all at once

    func test_givenDuplicateEmptyAndSlashIds_whenSynthesized_thenEveryProblemReportedWithItsPath() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let group = Construct(stack, "Group")
        _ = Construct(stack, "Twin")
        _ = Construct(stack, "Twin")
        _ = Construct(group, "")
        _ = Construct(group, "a/b")

        let errors = synthesisErrors(app)

        // In tree order: Group's children come before the second Twin.
        XCTAssertEqual(errors.map(\.location), ["MyStack/Group", "MyStack/Group", "MyStack"])
        XCTAssertEqual(
            errors.map(\.message),
            [
                "a construct id must not be empty",
                "construct id \"a/b\" contains \"/\"",
                "there is already a construct with id \"Twin\"",
            ])
        XCTAssertTrue(errors.allSatisfy { $0.severity == .error && $0.hint != nil })
    }

    func test_givenConstructAddedWhilePreparing_whenSynthesized_thenItIsPreparedAndRenderedToo() throws {
        // Preparing may grow the tree (a role adds overflow policies); what it adds is prepared in turn.
        final class Grower: Construct {
            var grows = true
            private(set) var prepareCount = 0
            override func prepare() {
                prepareCount += 1
                guard grows, child("Grown") == nil else { return }
                Grower(self, "Grown").grows = false
            }
        }
        final class Leaf: Construct {
            override func prepare() { _ = CfnResource(self, "Resource", TestProperties()) }
        }
        let app = App()
        let stack = Stack(app, "MyStack")
        let grower = Grower(stack, "Grower")
        _ = Leaf(grower, "Leaf")

        let template = try synthesizedTemplate(app, stack: "MyStack")

        XCTAssertEqual(grower.prepareCount, 1)
        XCTAssertEqual((grower.child("Grown") as? Grower)?.prepareCount, 1)
        XCTAssertEqual(template["Resources"]?.keys, [LogicalID.make(["Grower", "Leaf", "Resource"])])
    }

    func test_givenConstructAddedWhileValidating_whenSynthesized_thenReportedAtTheScope() {
        // After preparing, the tree is locked: a construct added later would not be prepared or validated.
        final class LateAdder: Construct {
            override func validate() -> [String] {
                if child("Late") == nil { _ = Construct(self, "Late") }
                return []
            }
        }
        let app = App()
        let stack = Stack(app, "MyStack")
        _ = LateAdder(stack, "Adder")

        let errors = synthesisErrors(app)

        XCTAssertEqual(errors.map(\.location), ["MyStack/Adder"])
        XCTAssertEqual(errors.first?.message, "cannot add \"Late\" while the app is being synthesized")
    }

    func test_givenConstructAddedAfterSynthesis_whenSynthesizedAgain_thenNoLockProblem() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        _ = try app.synthesize()

        _ = CfnResource(stack, "Later", TestProperties())

        XCTAssertNoThrow(try app.synthesize())
    }

    func test_givenTwoResourcesWithTheSameLogicalId_whenSynthesized_thenSecondReportedNamingTheFirst() {
        let app = App()
        let stack = Stack(app, "MyStack")
        _ = CfnResource(stack, "My-Bucket", TestProperties())
        _ = CfnResource(stack, "MyBucket", TestProperties())

        let errors = synthesisErrors(app)

        XCTAssertEqual(
            errors.map(\.description),
            [
                "MyStack/MyBucket: logical ID \"MyBucket\" is already used by MyStack/My-Bucket (rename one of them or pin another ID with overrideLogicalId)"
            ])
    }

    func test_givenResourcesWithTheSameLogicalIdInDifferentStacks_whenSynthesized_thenNoProblem() {
        let app = App()
        _ = CfnResource(Stack(app, "StackA"), "Bucket", TestProperties())
        _ = CfnResource(Stack(app, "StackB"), "Bucket", TestProperties())

        XCTAssertNoThrow(try app.synthesize())
    }

    func test_givenInvalidLogicalIdFromTheTree_whenSynthesized_thenReported() {
        let app = App()
        let stack = Stack(app, "MyStack")
        _ = CfnResource(stack, "Default", TestProperties())

        let errors = synthesisErrors(app)

        XCTAssertEqual(errors.map(\.location), ["MyStack/Default"])
        XCTAssertEqual(errors.first?.message, "logical ID \"\" is not 1 to 255 letters and digits")
    }

    func test_givenDependsOnAResourceInAnotherStack_whenSynthesized_thenReportedAtTheDependent() {
        // A DependsOn naming a logical ID that is not in the template is rejected by CloudFormation
        // ("Unresolved resource dependencies"), just as a Ref across stacks is.
        let app = App()
        let producer = CfnResource(Stack(app, "Producer"), "Bucket", TestProperties())
        let consumer = CfnResource(Stack(app, "Consumer"), "Reader", TestProperties())
        consumer.addDependency(producer)

        let errors = synthesisErrors(app)

        XCTAssertEqual(errors.map(\.location), ["Consumer/Reader"])
    }

    func test_givenDependsOnCycle_whenSynthesized_thenCycleReportedOnce() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let first = CfnResource(stack, "First", TestProperties())
        let second = CfnResource(stack, "Second", TestProperties())
        first.addDependency(second)
        second.addDependency(first)

        let errors = synthesisErrors(app)

        XCTAssertEqual(
            errors.map(\.description),
            [
                "MyStack/First: dependency cycle: First -> Second -> First (remove one of the DependsOn or references in the cycle)"
            ])
    }

    func test_givenCycleThroughARefAndADependsOn_whenSynthesized_thenReported() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let bucket = CfnResource(stack, "Bucket", TestProperties())
        let reader = CfnResource(stack, "Reader", TestProperties(["Bucket": bucket.ref]))
        bucket.addDependency(reader)

        let errors = synthesisErrors(app)

        XCTAssertEqual(errors.map(\.message), ["dependency cycle: Bucket -> Reader -> Bucket"])
    }

    func test_givenCycleThroughRefsOfATaggedResourceWithLiteralStackTags_whenSynthesized_thenReported() {
        let app = App()
        let stack = Stack(app, "MyStack", tags: [Tag("Project", "demo")])
        let reader = CfnResource(stack, "Reader", TestProperties())
        let bucket = CfnResource(stack, "Bucket", S3BucketProperties(bucketName: reader.ref))
        reader.properties = TestProperties(["Bucket": bucket.ref])

        let errors = synthesisErrors(app)

        XCTAssertEqual(errors.map(\.message), ["dependency cycle: Reader -> Bucket -> Reader"])
    }

    func test_givenStackTagReferringToAResource_whenSynthesized_thenTheTagIsNoDependencyOfTheTaggedResources() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let reader = CfnResource(stack, "Reader", TestProperties())
        let bucket = CfnResource(stack, "Bucket", S3BucketProperties())
        reader.properties = TestProperties(["Bucket": bucket.ref])
        // The tag's Ref lands in the bucket's Tags, yet it does not make the bucket depend on the reader.
        stack.tags = [Tag("Reader", reader.ref)]

        let template = try synthesizedTemplate(app, stack: "MyStack")

        assertJSON(
            template["Resources"]?["Bucket"]?["Properties"],
            equals: #"{"Tags": [{"Key": "Reader", "Value": {"Ref": "Reader"}}]}"#)
    }

    func test_givenSeveralKindsOfProblem_whenSynthesized_thenAllReportedTogether() {
        let app = App()
        let stack = Stack(app, "bad_stack")
        _ = Construct(stack, "Twin")
        _ = Construct(stack, "Twin")
        let first = CfnResource(stack, "First", TestProperties())
        first.addDependency(first)

        let errors = synthesisErrors(app)

        XCTAssertEqual(errors.count, 3, errors.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(Set(errors.map(\.location)), ["bad_stack", "bad_stack/First"])
    }

    // MARK: - Stack names

    func test_givenStackNames_whenChecked_thenProblemForEachBrokenRule() {
        XCTAssertNil(Stack.nameProblem("my-stack-1"))
        XCTAssertNil(Stack.nameProblem("A"))
        XCTAssertNil(Stack.nameProblem(String(repeating: "a", count: 128)))
        XCTAssertEqual(Stack.nameProblem(""), "is empty")
        XCTAssertEqual(Stack.nameProblem("1stack"), "does not start with a letter")
        XCTAssertEqual(Stack.nameProblem("-stack"), "does not start with a letter")
        XCTAssertEqual(Stack.nameProblem("my_stack"), "contains characters other than letters, digits and hyphens")
        XCTAssertEqual(Stack.nameProblem("my stack"), "contains characters other than letters, digits and hyphens")
        XCTAssertEqual(Stack.nameProblem("stäck"), "contains characters other than letters, digits and hyphens")
        XCTAssertEqual(Stack.nameProblem(String(repeating: "a", count: 129)), "is 129 characters long, over the limit of 128")
    }

    func test_givenStackWithInvalidName_whenSynthesized_thenReportedAtTheStack() {
        let app = App()
        _ = Stack(app, "Stack", stackName: "my_stack")

        let errors = synthesisErrors(app)

        XCTAssertEqual(errors.map(\.location), ["Stack"])
        XCTAssertEqual(errors.first?.message, "stack name \"my_stack\" contains characters other than letters, digits and hyphens")
    }

    // MARK: - Environment: partition and ARNs

    func test_givenRegions_whenPartitionAsked_thenPartitionOfTheRegionPrefix() {
        XCTAssertEqual(Partition(region: "ap-northeast-1"), .aws)
        XCTAssertEqual(Partition(region: "cn-north-1"), .china)
        XCTAssertEqual(Partition(region: "us-gov-west-1"), .govCloud)
        XCTAssertEqual(Partition(region: "ap-northeast-1").rawValue, "aws")
        XCTAssertEqual(Partition(region: "cn-north-1").rawValue, "aws-cn")
        XCTAssertEqual(Partition(region: "us-gov-west-1").rawValue, "aws-us-gov")
        XCTAssertEqual(Partition(region: "cn-north-1").urlSuffix, "amazonaws.com.cn")
        XCTAssertEqual(Partition(region: "us-gov-west-1").urlSuffix, "amazonaws.com")
    }

    func test_givenStackWithAccountAndRegion_whenFormatArn_thenLiteralString() {
        let app = App()
        let stack = Stack(app, "MyStack", account: "123456789012", region: "ap-northeast-1")
        let china = Stack(app, "ChinaStack", account: "123456789012", region: "cn-north-1")

        XCTAssertEqual(
            stack.formatArn(service: "athena", resource: "workgroup/wg").literalString,
            "arn:aws:athena:ap-northeast-1:123456789012:workgroup/wg")
        XCTAssertEqual(
            stack.formatArn(service: "s3", region: "", account: "", resource: "my-bucket").literalString,
            "arn:aws:s3:::my-bucket")
        XCTAssertEqual(
            china.formatArn(service: "glue", resource: "catalog").literalString,
            "arn:aws-cn:glue:cn-north-1:123456789012:catalog")
        XCTAssertEqual(stack.partition, .aws)
    }

    func test_givenEnvironmentAgnosticStack_whenFormatArn_thenFnSubWithPseudoParameters() {
        let app = App()
        let stack = Stack(app, "MyStack")

        assertJSON(
            stack.formatArn(service: "athena", resource: "workgroup/wg").json(),
            equals: #"{"Fn::Sub": "arn:${AWS::Partition}:athena:${AWS::Region}:${AWS::AccountId}:workgroup/wg"}"#)
        assertJSON(
            stack.formatArn(service: "s3", region: "", account: "", resource: "my-bucket").json(),
            equals: #"{"Fn::Sub": "arn:${AWS::Partition}:s3:::my-bucket"}"#)
        XCTAssertNil(stack.partition)
    }

    func test_givenStackWithRegionOnly_whenFormatArn_thenOnlyTheAccountIsAPseudoParameter() {
        let app = App()
        let stack = Stack(app, "MyStack", region: "eu-west-1")

        assertJSON(
            stack.formatArn(service: "logs", resource: "log-group:x").json(),
            equals: #"{"Fn::Sub": "arn:aws:logs:eu-west-1:${AWS::AccountId}:log-group:x"}"#)
    }
}
