import CloudFormation
import Constructs
import CrossAccountGlue
import XCTest

/// Rules real AWS enforces that cfn-lint, checkov and moto do not show (AWS-FACTS §12), each
/// checked on what synth renders.
final class RealAWSRulesTests: XCTestCase {
    func config(_ text: String, env: String = "dev") -> Result<AppConfig, SynthesisError> {
        ConfigurationLoader.context(fromFile: Array(text.utf8), path: "synth.json")
            .flatMap { ConfigurationLoader.resolve($0, envName: env, configPath: "synth.json") }
    }

    func messages(_ result: Result<AppConfig, SynthesisError>) -> [String] {
        if case .failure(let error) = result { return error.diagnostics.map(\.description) }
        return []
    }

    static let seedContext = #""sourceAccountId": "111111111111", "targetAccountId": "222222222222", "region": "ap-northeast-1""#

    // MARK: Environments never share a stack

    func testDevKeepsTheSeedsStackNamesAndProdHasItsOwn() throws {
        let dev = try config("{\"context\": {\(Self.seedContext)}}").get().names
        let prod = try config("{\"context\": {\(Self.seedContext)}}", env: "prod").get().names
        XCTAssertEqual(dev.targetStackName, "cm-kasama-cross-account-stack", "the seed's name, so a migrated stack updates in place")
        XCTAssertEqual(dev.sourceStackName, "cm-kasama-cross-account-s3")
        XCTAssertEqual(prod.targetStackName, "cm-kasama-cross-account-prod-stack")
        XCTAssertEqual(prod.sourceStackName, "cm-kasama-cross-account-prod-s3")
        let devNames = [
            dev.targetStackName, dev.sourceStackName, dev.executionRoleName, dev.targetBucketName, dev.sourceBucketName,
            dev.workGroupName, dev.stateMachineName,
        ]
        let prodNames = [
            prod.targetStackName, prod.sourceStackName, prod.executionRoleName, prod.targetBucketName, prod.sourceBucketName,
            prod.workGroupName, prod.stateMachineName,
        ]
        XCTAssertTrue(Set(devNames).isDisjoint(with: prodNames), "prod deployed into dev's account must not update or rename any of dev's resources")
    }

    // MARK: Runs on real AWS

    func testTheSeedsSingleTaskRetriesAthenasTransientErrorsOnly() throws {
        let template = try TestSupport.renderedJSON(CrossAccountSynthesizer.targetTemplateFile)
        let task = try XCTUnwrap(
            template["Resources"]?["AthenaInsertStateMachine56546CD3"]?["Properties"]?["Definition"]?["States"]?["ExecuteInsertQuery"])
        XCTAssertEqual(task["Retry"]?[0]?["ErrorEquals"], ["Athena.TooManyRequestsException", "Athena.InternalServerException"])
        XCTAssertEqual(task["Retry"]?.arrayValue?.count, 1)
        let body = try XCTUnwrap(TestSupport.render()[CrossAccountSynthesizer.targetTemplateFile])
        XCTAssertFalse(body.contains("ThrottlingException"), "StartQueryExecution never raises it")
    }

    func testTheWorkgroupCanBeDeletedAfterItsFirstQuery() throws {
        let template = try TestSupport.renderedJSON(CrossAccountSynthesizer.targetTemplateFile)
        XCTAssertEqual(template["Resources"]?["TargetAthenaWorkgroup"]?["Properties"]?["RecursiveDeleteOption"], .bool(true))
    }

    func testTheAutoDeleteHandlerReservesNoConcurrencyAndSaysWhy() throws {
        let template = try TestSupport.renderedJSON(CrossAccountSynthesizer.targetTemplateFile)
        let handler = try XCTUnwrap(template["Resources"]?["CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F"])
        XCTAssertNil(handler["Properties"]?["ReservedConcurrentExecutions"])
        let skips = handler["Metadata"]?["checkov"]?["skip"]?.arrayValue ?? []
        let skip = try XCTUnwrap(skips.first { $0["id"] == "CKV_AWS_115" })
        XCTAssertTrue(skip["comment"]?.stringValue?.contains("10") ?? false)
    }

    // MARK: Role principals by condition

    func testTheGluePolicyGrantsTheAccountAsTheRoleByCondition() throws {
        let policy = try JSONParser.parse(XCTUnwrap(try TestSupport.render()[CrossAccountSynthesizer.gluePolicyFile]))
        let statement = try XCTUnwrap(policy["Statement"]?[0])
        XCTAssertEqual(statement["Principal"], ["AWS": "arn:aws:iam::222222222222:root"])
        XCTAssertEqual(
            statement["Condition"],
            ["ArnEquals": ["aws:PrincipalArn": "arn:aws:iam::222222222222:role/cm-kasama-cross-account-dev-sfn-execution-role"]])
    }

    // MARK: Source reads scoped to the tables' folders

    static let twoSources = #"""
        {"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "sources": [
          {"accountId": "111111111111", "databases": [{"name": "sales", "tables": [
            {"name": "orders"}, {"name": "returns", "dataPrefix": "raw/returns/"}, {"name": "lines"}]}]},
          {"accountId": "333333333333", "databases": [{"name": "web", "tables": [{"name": "views"}]}]}]}}
        """#

    func testEachSourceAccountReadsOnlyItsTablesFolders() throws {
        let files = try TestSupport.render(config(Self.twoSources).get())
        let target = try JSONParser.parse(XCTUnwrap(files[CrossAccountSynthesizer.targetTemplateFile]))
        let statements =
            target["Resources"]?["StepFunctionsExecutionRoleDefaultPolicyD10BF6E3"]?["Properties"]?["PolicyDocument"]?["Statement"]?.arrayValue ?? []
        let read = try XCTUnwrap(statements.first { $0["Sid"] == "AllowSourceS3BucketReadAccess" })
        XCTAssertEqual(
            read["Resource"],
            [
                "arn:aws:s3:::cm-kasama-cross-account-dev-data-111111111111/sales/orders/*",
                "arn:aws:s3:::cm-kasama-cross-account-dev-data-111111111111/raw/returns/*",
                "arn:aws:s3:::cm-kasama-cross-account-dev-data-111111111111/sales/lines/*",
                "arn:aws:s3:::cm-kasama-cross-account-dev-data-333333333333/web/views/*",
            ])
        let list = try XCTUnwrap(statements.first { $0["Sid"] == "AllowSourceS3BucketList333333333333" })
        XCTAssertEqual(list["Resource"], "arn:aws:s3:::cm-kasama-cross-account-dev-data-333333333333")
        XCTAssertEqual(list["Condition"]?["StringLike"]?["s3:prefix"], "web/views/*")

        // One source template serves both accounts: each finds its own patterns by account id,
        // the shorter list padded with its last pattern so every Fn::Select has an item.
        let source = try JSONParser.parse(XCTUnwrap(files[CrossAccountSynthesizer.sourceTemplateFile]))
        XCTAssertEqual(
            source["Mappings"]?["SourceDataKeys"],
            [
                "111111111111": ["Patterns": ["sales/orders/*", "raw/returns/*", "sales/lines/*"]],
                "333333333333": ["Patterns": ["web/views/*", "web/views/*", "web/views/*"]],
            ])
        let policy = source["Resources"]?["DataBucketPolicy"]?["Properties"]?["PolicyDocument"]?["Statement"]?.arrayValue ?? []
        let objects = try XCTUnwrap(policy.first { $0["Sid"] == "AllowTargetAccountRead" })
        XCTAssertEqual(objects["Resource"]?.arrayValue?.count, 3)
        for (index, resource) in (objects["Resource"]?.arrayValue ?? []).enumerated() {
            XCTAssertEqual(resource["Fn::Join"]?[1]?[2]?["Fn::Select"]?[0], .int(index))
        }
        let listing = try XCTUnwrap(policy.first { $0["Sid"] == "AllowTargetAccountList" })
        XCTAssertEqual(
            listing["Condition"]?["StringLike"]?["s3:prefix"], ["Fn::FindInMap": ["SourceDataKeys", ["Ref": "AWS::AccountId"], "Patterns"]])
    }

    func testAnAccountWhoseFoldersWouldOverflowTheBucketPolicyIsGrantedItsTopFoldersWithTheirSlash() throws {
        // 100 folders of ~110 characters are over the source bucket policy's share of S3's 20 KiB,
        // so the account is granted per top-level folder: "sales/*", never "sales*" (which would
        // also cover "sales_private/").
        let tables = (0..<100).map { #"{"name": "t\#($0)", "dataPrefix": "sales/\#(String(repeating: "x", count: 100))\#($0)/"}"# }
        let text =
            #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "sources": [{"accountId": "111111111111", "databases": [{"name": "db", "tables": [\#(tables.joined(separator: ","))]}]}]}}"#
        let source = try JSONParser.parse(XCTUnwrap(try TestSupport.render(config(text).get())[CrossAccountSynthesizer.sourceTemplateFile]))
        let policy = source["Resources"]?["DataBucketPolicy"]?["Properties"]?["PolicyDocument"]?["Statement"]?.arrayValue ?? []
        let read = try XCTUnwrap(policy.first { $0["Sid"] == "AllowTargetAccountRead" })
        XCTAssertEqual(read["Resource"], ["Fn::Sub": "${DataBucket.Arn}/sales/*"])
        let list = try XCTUnwrap(policy.first { $0["Sid"] == "AllowTargetAccountList" })
        XCTAssertEqual(list["Condition"]?["StringLike"]?["s3:prefix"], ["sales/*"])
    }

    func testADataPrefixMustNameAFolderIAMCanGrantExactly() {
        func result(_ prefix: String) -> [String] {
            let text =
                #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "sources": [{"accountId": "111111111111", "databases": [{"name": "db", "tables": [{"name": "t", "dataPrefix": "\#(prefix)"}]}]}]}}"#
            return messages(config(text))
        }
        for valid in ["raw/", "raw/sales/", "a/b-c_d.e=f/"] {
            XCTAssertEqual(result(valid), [], valid)
        }
        let invalid: [(String, String)] = [
            ("raw", "must end with /"),
            ("", "must be a folder below the bucket's root"),
            ("/raw/", "must be a folder below the bucket's root"),
            ("s3://bucket/raw/", "is an S3 URI"),
            ("raw//t/", "has an empty folder name"),
            ("raw/*/", "may contain only printable ASCII"),
            ("raw/t?/", "may contain only printable ASCII"),
            ("raw t/", "may contain only printable ASCII"),
        ]
        for (prefix, message) in invalid {
            let output = result(prefix).joined(separator: "\n")
            XCTAssertTrue(
                output.contains("context.sources[0].databases[0].tables[0].dataPrefix") && output.contains(message),
                "\(prefix): \(output)")
        }
    }
}
