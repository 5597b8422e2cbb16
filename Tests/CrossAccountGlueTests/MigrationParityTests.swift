import CloudFormation
import Constructs
import CrossAccountGlue
import Foundation
import XCTest

/// The migration guarantee: a team running the seed's CDK app switches to this tool and
/// CloudFormation replaces nothing. Measured against the real AWS CDK 2.275.0 synth of the
/// seed's target stack (Fixtures/cdk-target-stack.json) and the seed's s3.yml as JSON.
final class MigrationParityTests: XCTestCase {
    var reference: JSON!
    var ours: JSON!
    var referenceEvaluator: IntrinsicEvaluator!
    var ourEvaluator: IntrinsicEvaluator!

    override func setUpWithError() throws {
        reference = try TestSupport.json(TestSupport.fixtures.appendingPathComponent("cdk-target-stack.json"))
        ours = try TestSupport.renderedJSON(CrossAccountSynthesizer.targetTemplateFile)
        referenceEvaluator = IntrinsicEvaluator(template: reference)
        ourEvaluator = IntrinsicEvaluator(template: ours)
    }

    func resource(_ template: JSON, _ id: String) throws -> JSON {
        try XCTUnwrap(template["Resources"]?[id], "resource \(id) is missing")
    }

    func testEveryCDKLogicalIDIsKeptWithTheSameType() throws {
        let referenceResources = try XCTUnwrap(reference["Resources"]?.objectMembers)
        XCTAssertEqual(referenceResources.count, 10)
        for member in referenceResources {
            let ourResource = try resource(ours, member.key)
            XCTAssertEqual(ourResource["Type"], member.value["Type"], "type of \(member.key)")
        }
    }

    func testRoleBucketWorkgroupAndCatalogKeepEveryCDKPropertyValue() throws {
        for id in ["StepFunctionsExecutionRole5B21F5A6", "TargetDataBucket4EED9858", "TargetAthenaWorkgroup", "SourceDataCatalog"] {
            let theirs = try XCTUnwrap(try resource(reference, id)["Properties"]?.objectMembers)
            let mine = try XCTUnwrap(try resource(ours, id)["Properties"])
            for property in theirs {
                let ourValue = try XCTUnwrap(mine[property.key], "\(id) lost property \(property.key)")
                if property.key == "AssumeRolePolicyDocument" {
                    // The CDK's trust, narrowed against the confused deputy: same principal and
                    // action, plus conditions on the account and the state machine.
                    let statement = try XCTUnwrap(ourEvaluator.evaluate(ourValue)["Statement"]?.arrayValue?.first)
                    let theirStatement = try XCTUnwrap(referenceEvaluator.evaluate(property.value)["Statement"]?.arrayValue?.first)
                    XCTAssertEqual(statement["Principal"], theirStatement["Principal"], "\(id) trusts another principal")
                    XCTAssertEqual(statement["Action"], theirStatement["Action"])
                    XCTAssertEqual(statement["Condition"]?["StringEquals"]?["aws:SourceAccount"], "222222222222")
                    XCTAssertEqual(
                        statement["Condition"]?["ArnLike"]?["aws:SourceArn"],
                        "arn:aws:states:ap-northeast-1:222222222222:stateMachine:cm-kasama-cross-account-dev-athena-insert")
                } else if property.key == "Tags" {
                    // Extra tags are fine; every CDK tag must be there with its value.
                    let ourTags = ourEvaluator.evaluate(ourValue).arrayValue ?? []
                    for tag in referenceEvaluator.evaluate(property.value).arrayValue ?? [] {
                        XCTAssertTrue(ourTags.contains(tag), "\(id) lost tag \(tag)")
                    }
                } else {
                    XCTAssertEqual(ourEvaluator.evaluate(ourValue), referenceEvaluator.evaluate(property.value), "\(id).\(property.key)")
                }
            }
        }
    }

    func testBucketIsStillDeletedWithTheStack() throws {
        let bucket = try resource(ours, "TargetDataBucket4EED9858")
        XCTAssertEqual(bucket["DeletionPolicy"], .string("Delete"))
        XCTAssertEqual(bucket["UpdateReplacePolicy"], .string("Delete"))
    }

    func testDescriptionIsTheSeeds() {
        XCTAssertEqual(ours["Description"], reference["Description"])
    }

    func testNoBootstrapParameterOrRule() {
        XCTAssertNil(ours["Parameters"]?["BootstrapVersion"])
        XCTAssertNil(ours["Rules"])
        XCTAssertFalse(JSONWriter.render(ours).contains("cdk-hnb659fds"), "nothing may point at the CDK bootstrap bucket")
    }

    /// The CDK's definition string, resolved and parsed.
    func referenceDefinition() throws -> JSON {
        let machine = try resource(reference, "AthenaInsertStateMachine56546CD3")
        let text = try XCTUnwrap(referenceEvaluator.evaluate(try XCTUnwrap(machine["Properties"]?["DefinitionString"])).stringValue)
        return try JSONParser.parse(text)
    }

    /// Our `Definition` object with its `DefinitionSubstitutions` applied.
    func ourDefinition() throws -> JSON {
        let properties = try XCTUnwrap(try resource(ours, "AthenaInsertStateMachine56546CD3")["Properties"])
        XCTAssertNil(properties["DefinitionString"], "the definition must be an object, not a string")
        var substitutions: [String: String] = [:]
        for member in properties["DefinitionSubstitutions"]?.objectMembers ?? [] {
            substitutions[member.key] = ourEvaluator.evaluate(member.value).stringValue
        }
        func apply(_ value: JSON) -> JSON {
            switch value {
            case .string(let text): return .string(ourEvaluator.substitute(text, substitutions))
            case .array(let items): return .array(items.map(apply))
            case .object(let members): return .object(members.map { JSON.Member($0.key, apply($0.value)) })
            default: return value
            }
        }
        return apply(try XCTUnwrap(properties["Definition"]))
    }

    func testStateMachineRunsTheSameTask() throws {
        let theirs = try referenceDefinition()
        let mine = try ourDefinition()
        XCTAssertEqual(mine["StartAt"], theirs["StartAt"])
        XCTAssertEqual(mine["TimeoutSeconds"], .int(600))
        XCTAssertEqual(mine["Comment"], theirs["Comment"])
        let name = try XCTUnwrap(theirs["StartAt"]?.stringValue)
        let theirTask = try XCTUnwrap(theirs["States"]?[name])
        let myTask = try XCTUnwrap(mine["States"]?[name])
        for key in ["Type", "Resource", "Comment"] {
            XCTAssertEqual(myTask[key], theirTask[key], "task \(key)")
        }
        for key in ["QueryString", "WorkGroup"] {
            XCTAssertEqual(myTask["Parameters"]?[key], theirTask["Parameters"]?[key], "task parameter \(key)")
        }
        XCTAssertEqual(myTask["End"], .bool(true))

        let theirMachine = try XCTUnwrap(try resource(reference, "AthenaInsertStateMachine56546CD3")["Properties"])
        let myMachine = try XCTUnwrap(try resource(ours, "AthenaInsertStateMachine56546CD3")["Properties"])
        for key in ["StateMachineName", "RoleArn"] {
            XCTAssertEqual(ourEvaluator.evaluate(try XCTUnwrap(myMachine[key])), referenceEvaluator.evaluate(try XCTUnwrap(theirMachine[key])), key)
        }
        XCTAssertNotNil(myMachine["DefinitionSubstitutions"])
    }

    // MARK: Least privilege

    func statements(_ template: JSON, _ evaluator: IntrinsicEvaluator) throws -> [JSON] {
        let policy = try resource(template, "StepFunctionsExecutionRoleDefaultPolicyD10BF6E3")
        return try XCTUnwrap(evaluator.evaluate(try XCTUnwrap(policy["Properties"]?["PolicyDocument"]?["Statement"])).arrayValue)
    }

    static func list(_ value: JSON?) -> [String] {
        guard let value else { return [] }
        if let text = value.stringValue { return [text] }
        return value.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// Whether `pattern` (with `*` wildcards, as IAM matches resources) covers `arn`.
    static func covers(_ pattern: String, _ arn: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return pattern == arn }
        guard arn.hasPrefix(parts[0]) else { return false }
        var rest = Substring(arn.dropFirst(parts[0].count))
        for (index, part) in parts.dropFirst().enumerated() {
            if index == parts.count - 2 { return part.isEmpty || rest.hasSuffix(part) }
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }

    func testTheSeedsFourStatementsKeepSidEffectActionsAndNoWiderResources() throws {
        let theirs = try statements(reference, referenceEvaluator)
        let mine = try statements(ours, ourEvaluator)
        // Two of the seed's statements are split. S3: objects under its Sid, listing (s3:ListBucket)
        // in a statement of its own whose condition keeps it to the table's folder. Athena: the
        // query actions on the workgroup under its Sid, athena:GetDataCatalog on the catalogs in
        // AllowAthenaDataCatalogAccess.
        let splitActions = [
            "AllowSourceS3BucketReadAccess": ["s3:GetObject"],
            "AllowAthenaQueryExecution": [
                "athena:StartQueryExecution", "athena:GetQueryExecution",
                "athena:GetQueryResults", "athena:StopQueryExecution",
            ],
        ]
        for sid in ["AllowAthenaQueryExecution", "AllowTargetGlueCatalogAccess", "AllowSourceGlueCatalogReadAccess", "AllowSourceS3BucketReadAccess"]
        {
            let theirStatement = try XCTUnwrap(theirs.first { $0["Sid"] == .string(sid) })
            let myStatement = try XCTUnwrap(mine.first { $0["Sid"] == .string(sid) }, "\(sid) is missing")
            XCTAssertEqual(myStatement["Effect"], theirStatement["Effect"], sid)
            XCTAssertEqual(Self.list(myStatement["Action"]), splitActions[sid] ?? Self.list(theirStatement["Action"]), sid)
            for arn in Self.list(myStatement["Resource"]) {
                XCTAssertTrue(Self.list(theirStatement["Resource"]).contains { Self.covers($0, arn) }, "\(sid): \(arn) is wider than the seed's")
            }
        }
    }

    func testSourceCatalogReadIsScopedToTheTableTheQueryReads() throws {
        let statement = try XCTUnwrap(try statements(ours, ourEvaluator).first { $0["Sid"] == "AllowSourceGlueCatalogReadAccess" })
        XCTAssertEqual(
            Self.list(statement["Resource"]),
            [
                "arn:aws:glue:ap-northeast-1:111111111111:catalog",
                "arn:aws:glue:ap-northeast-1:111111111111:database/cm_kasama_cross_account_db",
                "arn:aws:glue:ap-northeast-1:111111111111:table/cm_kasama_cross_account_db/sales",
            ])
    }

    func testQueriesAreAllowedOnTheWorkgroupAndCatalogLookupsOnTheCatalogsTheQueryUses() throws {
        let mine = try statements(ours, ourEvaluator)
        let queries = try XCTUnwrap(mine.first { $0["Sid"] == "AllowAthenaQueryExecution" })
        XCTAssertEqual(
            Self.list(queries["Resource"]), ["arn:aws:athena:ap-northeast-1:222222222222:workgroup/cm-kasama-cross-account-dev-target-workgroup"])
        let catalogs = try XCTUnwrap(mine.first { $0["Sid"] == "AllowAthenaDataCatalogAccess" })
        XCTAssertEqual(Self.list(catalogs["Action"]), ["athena:GetDataCatalog"])
        XCTAssertEqual(
            Self.list(catalogs["Resource"]),
            [
                "arn:aws:athena:ap-northeast-1:222222222222:datacatalog/source_catalog",
                "arn:aws:athena:ap-northeast-1:222222222222:datacatalog/AwsDataCatalog",
            ])
    }

    func testTheSourceBucketIsListedAndReadOnlyBelowTheTablesFolder() throws {
        let mine = try statements(ours, ourEvaluator)
        let listing = try XCTUnwrap(mine.first { $0["Sid"] == "AllowSourceS3BucketList" })
        XCTAssertEqual(Self.list(listing["Action"]), ["s3:ListBucket"])
        XCTAssertEqual(Self.list(listing["Resource"]), ["arn:aws:s3:::cm-kasama-cross-account-dev-data"])
        XCTAssertEqual(Self.list(listing["Condition"]?["StringLike"]?["s3:prefix"]), ["data/*"])
        let objects = try XCTUnwrap(mine.first { $0["Sid"] == "AllowSourceS3BucketReadAccess" })
        XCTAssertEqual(Self.list(objects["Resource"]), ["arn:aws:s3:::cm-kasama-cross-account-dev-data/data/*"])
    }

    func testTheTargetBucketGrantIsAthenasWriteSetNarrowerThanTheCDKs() throws {
        let theirs = try statements(reference, referenceEvaluator)
        let mine = try statements(ours, ourEvaluator)
        let cdkGrant = try XCTUnwrap(theirs.first { Self.list($0["Action"]).contains("s3:PutObjectLegalHold") })
        let grant = try XCTUnwrap(mine.first { Self.list($0["Action"]).contains("s3:PutObject") && $0["Sid"] == nil })
        XCTAssertEqual(
            Self.list(grant["Action"]),
            [
                "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads",
                "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload", "s3:PutObject",
            ])
        XCTAssertEqual(grant["Resource"], cdkGrant["Resource"], "the grant covers the same bucket and objects")
        for action in Self.list(grant["Action"]) {
            XCTAssertTrue(Self.list(cdkGrant["Action"]).contains { Self.covers($0, action) }, "\(action) is wider than the CDK's grant")
        }
    }

    func testNoStatementOfTheCDKAthenaTaskAndNoDataPlaneWildcard() throws {
        let allowedOnWildcard = Set([
            "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies",
            "logs:DescribeLogGroups", "xray:PutTraceSegments", "xray:PutTelemetryRecords",
            "xray:GetSamplingRules", "xray:GetSamplingTargets",
            // No resource-level permissions; Athena needs it where Lake Formation governs a location.
            "lakeformation:GetDataAccess",
        ])
        let mine = try statements(ours, ourEvaluator)
        for statement in mine where Self.list(statement["Resource"]).contains("*") {
            let actions = Set(Self.list(statement["Action"]))
            XCTAssertTrue(actions.isSubset(of: allowedOnWildcard), "statement on \"*\" grants \(actions.subtracting(allowedOnWildcard).sorted())")
        }
        let allActions = Set(mine.flatMap { Self.list($0["Action"]) })
        for cdkOnly in ["s3:CreateBucket", "glue:DeleteDatabase", "glue:CreateTable"] {
            XCTAssertFalse(allActions.contains(cdkOnly), "\(cdkOnly) comes from the CDK's Athena task and is not needed")
        }
    }

    // MARK: Auto-delete without bootstrap

    func testAutoDeleteKeepsTheCDKsIDsAndBehaviourWithInlineCode() throws {
        let handler = try resource(ours, "CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F")
        let properties = try XCTUnwrap(handler["Properties"])
        XCTAssertNotNil(properties["Code"]?["ZipFile"]?.stringValue)
        XCTAssertNil(properties["Code"]?["S3Bucket"])
        XCTAssertTrue(properties["Runtime"]?.stringValue?.hasPrefix("python3.") ?? false)
        XCTAssertEqual(properties["Handler"], "index.handler")

        let custom = try resource(ours, "TargetDataBucketAutoDeleteObjectsCustomResourceDAFC05D8")
        XCTAssertEqual(custom["Type"], "Custom::S3AutoDeleteObjects")
        XCTAssertEqual(
            ourEvaluator.evaluate(try XCTUnwrap(custom["Properties"])),
            referenceEvaluator.evaluate(
                try XCTUnwrap(try resource(reference, "TargetDataBucketAutoDeleteObjectsCustomResourceDAFC05D8")["Properties"])))
        XCTAssertEqual(custom["DependsOn"], .array(["TargetDataBucketPolicy6F311821"]))

        let tags = ourEvaluator.evaluate(try XCTUnwrap(try resource(ours, "TargetDataBucket4EED9858")["Properties"]?["Tags"])).arrayValue ?? []
        XCTAssertTrue(tags.contains(.object(["Key": "aws-cdk:auto-delete-objects", "Value": "true"])))

        let theirPolicy = referenceEvaluator.evaluate(
            try XCTUnwrap(try resource(reference, "TargetDataBucketPolicy6F311821")["Properties"]?["PolicyDocument"]?["Statement"]))
        let myPolicy = ourEvaluator.evaluate(
            try XCTUnwrap(try resource(ours, "TargetDataBucketPolicy6F311821")["Properties"]?["PolicyDocument"]?["Statement"]))
        // The CDK's auto-delete statement, with the actions its handler calls instead of its wildcards
        // (and no s3:PutBucketPolicy, which our handler never calls).
        let cdkAutoDelete = try XCTUnwrap(theirPolicy.arrayValue?.first { Self.list($0["Action"]).contains("s3:PutBucketPolicy") })
        let autoDelete = try XCTUnwrap(myPolicy.arrayValue?.first { Self.list($0["Action"]).contains("s3:DeleteObjectVersion") })
        XCTAssertEqual(
            Self.list(autoDelete["Action"]), ["s3:GetBucketTagging", "s3:ListBucketVersions", "s3:DeleteObject", "s3:DeleteObjectVersion"])
        XCTAssertEqual(autoDelete["Principal"], cdkAutoDelete["Principal"])
        XCTAssertEqual(autoDelete["Resource"], cdkAutoDelete["Resource"])
        XCTAssertNil(properties["ReservedConcurrentExecutions"], "a reservation fails the deploy in a new account")
    }

    // MARK: Other parameters

    func testTheGuaranteeHoldsForOtherParameters() throws {
        let config = AppConfig(
            environment: EnvironmentParameters(envName: "prod", projectName: "acme-sales-copy"),
            sourceAccountId: "333333333333", targetAccountId: "444444444444", region: "eu-west-1")
        let template = try TestSupport.renderedJSON(CrossAccountSynthesizer.targetTemplateFile, config)
        let evaluator = IntrinsicEvaluator(template: template, region: "eu-west-1", account: "444444444444")
        for member in try XCTUnwrap(reference["Resources"]?.objectMembers) {
            XCTAssertEqual(try resource(template, member.key)["Type"], member.value["Type"], member.key)
        }
        let names = config.names
        let expected: [(String, String, String)] = [
            ("StepFunctionsExecutionRole5B21F5A6", "RoleName", "acme-sales-copy-prod-sfn-execution-role"),
            ("TargetDataBucket4EED9858", "BucketName", "acme-sales-copy-prod-target-data"),
            ("TargetAthenaWorkgroup", "Name", "acme-sales-copy-prod-target-workgroup"),
            ("AthenaInsertStateMachine56546CD3", "StateMachineName", "acme-sales-copy-prod-athena-insert"),
        ]
        for (id, key, value) in expected {
            XCTAssertEqual(evaluator.evaluate(try XCTUnwrap(try resource(template, id)["Properties"]?[key])), .string(value), "\(id).\(key)")
        }
        XCTAssertEqual(try resource(template, "SourceDataCatalog")["Properties"]?["Parameters"], .object(["catalog-id": "333333333333"]))
        let policy = JSONWriter.render(template)
        XCTAssertTrue(policy.contains("arn:aws:glue:eu-west-1:333333333333:table/cm_kasama_cross_account_db/sales"))
        XCTAssertTrue(policy.contains("arn:aws:s3:::\(names.sourceBucketName)"))
        XCTAssertFalse(policy.contains("ap-northeast-1"))
        XCTAssertFalse(policy.contains("222222222222"))
    }

    func testChinaRegionUsesItsPartition() throws {
        let config = AppConfig(environment: .dev, sourceAccountId: "111111111111", targetAccountId: "222222222222", region: "cn-north-1")
        let files = try TestSupport.render(config)
        let target = try XCTUnwrap(files[CrossAccountSynthesizer.targetTemplateFile])
        XCTAssertTrue(target.contains("arn:aws-cn:glue:cn-north-1:111111111111:catalog"))
        XCTAssertTrue(target.contains("arn:aws-cn:states:::athena:startQueryExecution.sync"))
        XCTAssertFalse(target.contains("arn:aws:"))
        XCTAssertTrue(try XCTUnwrap(files[CrossAccountSynthesizer.gluePolicyFile]).contains("arn:aws-cn:iam::222222222222:role/"))
    }

    func testWithoutTargetAccountAndRegionTheTargetTemplateUsesPseudoParameters() throws {
        let app = App()
        let config = AppConfig(environment: .dev, sourceAccountId: "111111111111")
        let pipeline = Pipeline(sources: [
            .init(
                accountId: "111111111111", catalogName: "source_catalog", bucket: "b-data",
                databases: [.init(name: "src", tables: [.init(name: "t")])])
        ])
        _ = TargetStack(app, config: config, plan: CopyPlan(pipeline: pipeline))
        let template = JSONWriter.render(try XCTUnwrap(try app.synthesize().stacks.first).template.json())
        XCTAssertTrue(template.contains("${AWS::AccountId}"))
        XCTAssertTrue(template.contains("${AWS::Region}"))
        XCTAssertTrue(template.contains("${AWS::Partition}"))
        XCTAssertFalse(template.contains("222222222222"))
    }
}
