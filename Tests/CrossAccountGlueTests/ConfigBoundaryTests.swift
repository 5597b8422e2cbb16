import CloudFormation
import Constructs
import CrossAccountGlue
import XCTest

/// Both sides of every rule on the configuration: the last valid value passes and the first
/// invalid one fails with its exact message (`<where>: <what> (<hint>)`).
final class ConfigBoundaryTests: XCTestCase {
    func resolve(_ context: String, env: String = "dev") -> Result<AppConfig, SynthesisError> {
        ConfigurationLoader.context(fromFile: Array("{\"context\": {\(context)}}".utf8), path: "synth.json")
            .flatMap { ConfigurationLoader.resolve($0, envName: env, configPath: "synth.json") }
    }

    func errors(_ context: String, env: String = "dev") -> [String] {
        if case .failure(let error) = resolve(context, env: env) { return error.diagnostics.map(\.description) }
        return []
    }

    let accounts = #""targetAccountId": "222222222222", "region": "ap-northeast-1""#

    func seed(project: String) -> String { #""sourceAccountId": "111111111111", \#(accounts), "projectName": "\#(project)""# }

    /// A one-source pipeline whose table has the given JSON members.
    func pipeline(table: String = #""name": "t""#, database: String = "db", source: String = "", extra: String = "") -> String {
        #"\#(accounts)\#(extra), "sources": [{"accountId": "111111111111"\#(source), "databases": [{"name": "\#(database)", "tables": [{\#(table)}]}]}]"#
    }

    // MARK: Account ids and regions

    func testAccountIdsOfTwelveDigitsPassAndElevenThirteenOrANonDigitFail() {
        XCTAssertEqual(errors(#""sourceAccountId": "000000000000", \#(accounts)"#), [])
        XCTAssertEqual(errors(#""sourceAccountId": "999999999999", \#(accounts)"#), [])
        for bad in ["11111111111", "1111111111111", "11111111111a", "11111111111 ", "", "１１１１１１１１１１１１", "-11111111111"] {
            XCTAssertEqual(
                errors(#""sourceAccountId": "\#(bad)", \#(accounts)"#),
                ["synth.json: context.sourceAccountId: \"\(bad)\" is not an AWS account id (use the account's 12 digits, e.g. 111111111111)"], bad)
        }
        XCTAssertEqual(
            errors(#""sourceAccountId": "111111111111", "targetAccountId": "2222222222222", "region": "ap-northeast-1""#),
            ["synth.json: context.targetAccountId: \"2222222222222\" is not an AWS account id (use the account's 12 digits, e.g. 111111111111)"])
        XCTAssertEqual(
            errors(pipeline().replacingOccurrences(of: "\"111111111111\"", with: "\"1111111111111\"")),
            ["synth.json: context.sources[0].accountId: \"1111111111111\" is not an AWS account id (use the account's 12 digits)"])
    }

    func testAKnownRegionPassesAndOneWithAnUnknownNumberFails() {
        for region in ["ap-northeast-1", "ap-northeast-3", "us-gov-west-1", "cn-northwest-1", "eu-west-1"] {
            XCTAssertEqual(errors(#""sourceAccountId": "111111111111", "region": "\#(region)""#), [], region)
        }
        for region in ["ap-northeast-9", "eu-west-0", "ap-northeast-1 ", "ap-northeast", ""] {
            let output = errors(#""sourceAccountId": "111111111111", "region": "\#(region)""#)
            XCTAssertEqual(output.count, 1, region)
            XCTAssertTrue(
                output.first?.hasPrefix("synth.json: context.region: \"\(region)\" is not an AWS region code") ?? false, "\(region): \(output)")
            XCTAssertTrue(
                output.first?.hasSuffix("(use a code such as ap-northeast-1, eu-west-1, us-gov-west-1 or cn-north-1)") ?? false, "\(output)")
        }
    }

    // MARK: Names derived from the project name: the hint's "at most N" is exact

    /// For each derived name, the longest project name that fits passes and one more character
    /// fails with exactly that length, the limit and the longest project name that fits.
    func testEachDerivedNameAcceptsTheLongestProjectNameItsHintGivesAndRefusesOneMore() {
        let derived: [(kind: String, suffix: String, limit: Int)] = [
            ("IAM role name", "-dev-sfn-execution-role", 64),
            ("state machine name", "-dev-athena-insert", 80),
            ("workgroup name", "-dev-target-workgroup", 128),
        ]
        for (kind, suffix, limit) in derived {
            let longest = limit - suffix.count
            let fits = String(repeating: "a", count: longest)
            XCTAssertFalse(errors(seed(project: fits)).joined().contains("makes the \(kind)"), "\(kind): a project of \(longest) characters fits")
            let over = fits + "a"
            XCTAssertTrue(
                errors(seed(project: over)).contains(
                    "synth.json: context.projectName: makes the \(kind) \"\(over)\(suffix)\" \(limit + 1) characters long, over the limit of \(limit) (use a project name of at most \(longest) characters)"
                ),
                "\(kind):\n" + errors(seed(project: over)).joined(separator: "\n"))
        }
        XCTAssertEqual(errors(seed(project: String(repeating: "a", count: 41))), [], "41 characters: every name fits")
    }

    func testTheTargetBucketNameAcceptsA63CharacterNameAndRefuses64() {
        // <project>-dev-target-data is the longest bucket name: 16 characters after the project.
        XCTAssertFalse(errors(seed(project: String(repeating: "b", count: 47))).joined().contains("bucket name"))
        let over = String(repeating: "b", count: 48)
        XCTAssertTrue(
            errors(seed(project: over)).contains(
                "synth.json: context.projectName: makes the bucket name \"\(over)-dev-target-data\", which is 64 characters long; bucket names are 3 to 63 (shorten or change the project name)"
            ),
            errors(seed(project: over)).joined(separator: "\n"))
    }

    func testAProjectNameOfOneLetterPassesAndOneStartingWithADigitNamesBothStacks() {
        XCTAssertEqual(errors(seed(project: "a")), [])
        XCTAssertEqual(errors(seed(project: "a-1")), [])
        XCTAssertEqual(
            errors(seed(project: "1a")),
            [
                "synth.json: context.projectName: makes the stack name \"1a-stack\", which does not start with a letter (start the project name with a letter and keep it short)",
                "synth.json: context.projectName: makes the stack name \"1a-s3\", which does not start with a letter (start the project name with a letter and keep it short)",
            ])
        XCTAssertEqual(
            errors(seed(project: "a_b")),
            [
                "synth.json: context.projectName: project name \"a_b\" may contain only lower-case letters, digits and hyphens (it is part of S3 bucket names, which allow no upper-case letters, and of the stack name)"
            ])
    }

    func testProdStackNamesCarryTheEnvironment() throws {
        let prod = try resolve(seed(project: "acme"), env: "prod").get()
        XCTAssertEqual(prod.names.targetStackName, "acme-prod-stack")
        XCTAssertEqual(prod.names.sourceStackName, "acme-prod-s3")
        XCTAssertTrue(errors(seed(project: "1a"), env: "prod").contains { $0.contains("makes the stack name \"1a-prod-stack\"") })
    }

    func testTheDefaultBucketOfSeveralSourcesAcceptsA41CharacterProjectAndRefuses42() {
        // <project>-dev-data-<account id>: 22 characters after the project.
        func twoSources(_ project: String) -> [String] {
            errors(
                #"\#(accounts), "projectName": "\#(project)", "sources": [{"accountId": "111111111111", "databases": [{"name": "a", "tables": [{"name": "t"}]}]}, {"accountId": "333333333333", "databases": [{"name": "b", "tables": [{"name": "u"}]}]}]"#
            )
        }
        XCTAssertEqual(twoSources(String(repeating: "c", count: 41)), [])
        let over = String(repeating: "c", count: 42)
        XCTAssertTrue(
            twoSources(over).contains(
                "synth.json: context.sources[0]: bucket name \"\(over)-dev-data-111111111111\" is 64 characters long; bucket names are 3 to 63 (shorten the project name or give \"bucket\")"
            ),
            twoSources(over).joined(separator: "\n"))
    }

    // MARK: The pipeline form

    func testMaxConcurrencyFromOneToFortyPassesAndZeroOrFortyOneFails() {
        for value in [1, 40] {
            XCTAssertEqual(errors(pipeline(extra: #", "maxConcurrency": \#(value)"#)), [], "\(value)")
            XCTAssertEqual(try resolve(pipeline(extra: #", "maxConcurrency": \#(value)"#)).get().pipeline?.maxConcurrency, value)
        }
        for value in ["0", "41", "-1", "5.5", "\"5\""] {
            XCTAssertEqual(
                errors(pipeline(extra: #", "maxConcurrency": \#(value)"#)),
                ["synth.json: context.maxConcurrency: must be a whole number from 1 to 40 (Step Functions runs at most 40 Map iterations at a time)"],
                value)
        }
    }

    func testGlueNamesOf255CharactersPassAnd256Fail() {
        let longest = "a" + String(repeating: "b", count: 254)
        let hint = "use 1 to 255 lower-case letters, digits and underscores, starting with a letter"
        XCTAssertEqual(errors(pipeline(table: #""name": "\#(longest)", "targetTable": "x""#, database: longest)), [])
        XCTAssertEqual(errors(pipeline(table: #""name": "t", "columns": [{"name": "\#(longest)", "type": "int"}]"#)), [])
        XCTAssertEqual(errors(pipeline(extra: #", "targetDatabase": "\#(longest)""#)), [])
        let over = longest + "c"
        XCTAssertEqual(
            errors(pipeline(database: over)),
            ["synth.json: context.sources[0].databases[0].name: \"\(over)\" is not a valid Glue name (\(hint))"])
        XCTAssertEqual(
            errors(pipeline(table: #""name": "\#(over)", "targetTable": "x""#)),
            ["synth.json: context.sources[0].databases[0].tables[0].name: \"\(over)\" is not a valid Glue name (\(hint))"])
        XCTAssertEqual(
            errors(pipeline(table: #""name": "t", "targetTable": "\#(over)""#)),
            ["synth.json: context.sources[0].databases[0].tables[0].targetTable: \"\(over)\" is not a valid Glue name (\(hint))"])
        XCTAssertEqual(
            errors(pipeline(table: #""name": "t", "columns": [{"name": "\#(over)", "type": "int"}]"#)),
            ["synth.json: context.sources[0].databases[0].tables[0].columns[0].name: \"\(over)\" is not a valid Glue name (\(hint))"])
        XCTAssertEqual(
            errors(pipeline(extra: #", "targetDatabase": "\#(over)""#)),
            ["synth.json: context.targetDatabase: \"\(over)\" is not a valid Glue name (\(hint))"])
    }

    func testAGlueNameStartingWithALetterPassesAndOneStartingWithADigitOrUnderscoreFails() {
        for name in ["a", "z", "a_1", "a9"] { XCTAssertEqual(errors(pipeline(database: name)), [], name) }
        for name in ["1a", "_a", "A", "aB", "a-b", ""] {
            XCTAssertEqual(
                errors(pipeline(database: name)),
                [
                    "synth.json: context.sources[0].databases[0].name: \"\(name)\" is not a valid Glue name (use 1 to 255 lower-case letters, digits and underscores, starting with a letter)"
                ], name)
        }
    }

    func testACatalogNameOf127CharactersPassesAnd128Fails() {
        let longest = String(repeating: "k", count: 127)
        XCTAssertEqual(errors(pipeline(source: #", "catalogName": "\#(longest)""#)), [])
        XCTAssertEqual(errors(pipeline(source: #", "catalogName": "_1""#)), [])
        for bad in [longest + "k", "", "Cat", "a-b"] {
            XCTAssertEqual(
                errors(pipeline(source: #", "catalogName": "\#(bad)""#)),
                [
                    "synth.json: context.sources[0].catalogName: \"\(bad)\" is not a valid Athena catalog name (use 1 to 127 lower-case letters, digits and underscores)"
                ], bad)
        }
    }

    func testAColumnListedOncePassesAndTwiceFails() {
        XCTAssertEqual(errors(pipeline(table: #""name": "t", "columns": [{"name": "a", "type": "int"}, {"name": "b", "type": "int"}]"#)), [])
        XCTAssertEqual(
            errors(pipeline(table: #""name": "t", "columns": [{"name": "a", "type": "int"}, {"name": "a", "type": "int"}]"#)),
            ["synth.json: context.sources[0].databases[0].tables[0].columns: column \"a\" is listed twice (give each column once)"])
        XCTAssertEqual(
            errors(pipeline(table: #""name": "t", "columns": []"#)),
            ["synth.json: context.sources[0].databases[0].tables[0].columns: is empty (list at least one column)"])
    }

    func testCatalogAsCodeAcceptsATableWithOneColumnAndRefusesOneWithout() {
        XCTAssertEqual(errors(pipeline(table: #""name": "t", "columns": [{"name": "a", "type": "int"}]"#, extra: #", "catalogAsCode": true"#)), [])
        XCTAssertEqual(
            errors(pipeline(extra: #", "catalogAsCode": true"#)),
            [
                "synth.json: context.sources[0].databases[0].tables[0]: has no columns, which catalogAsCode needs to declare the table (list the table's columns)"
            ])
        XCTAssertEqual(errors(pipeline(extra: #", "catalogAsCode": false"#)), [])
    }

    func testADataPrefixAtEachRulesEdge() {
        let hint = "give the folder of the table's files in the source bucket, e.g. \"raw/sales/\""
        for valid in ["a/", "raw/sales/", "!/", "~/", "a.b-c_d/e=f/"] {
            XCTAssertEqual(errors(pipeline(table: #""name": "t", "dataPrefix": "\#(valid)""#)), [], valid)
        }
        let invalid: [(String, String)] = [
            ("a", "must end with /, so it names a folder and not every key that starts the same way"),
            ("", "must be a folder below the bucket's root, not starting with /"),
            ("/", "must be a folder below the bucket's root, not starting with /"),
            ("/a/", "must be a folder below the bucket's root, not starting with /"),
            ("s3://b/a/", "is an S3 URI; give only the key prefix inside the source bucket"),
            ("a//b/", "has an empty folder name (//)"),
            ("a b/", "may contain only printable ASCII without spaces, *, ?, \", \\ or $"),
            ("a*/", "may contain only printable ASCII without spaces, *, ?, \", \\ or $"),
            ("a?/", "may contain only printable ASCII without spaces, *, ?, \", \\ or $"),
            ("a$/", "may contain only printable ASCII without spaces, *, ?, \", \\ or $"),
            ("a\\\"/", "may contain only printable ASCII without spaces, *, ?, \", \\ or $"),
            ("a\\\\/", "may contain only printable ASCII without spaces, *, ?, \", \\ or $"),
            ("a\\u007f/", "may contain only printable ASCII without spaces, *, ?, \", \\ or $"),
            ("a\\u001f/", "may contain only printable ASCII without spaces, *, ?, \", \\ or $"),
            ("é/", "may contain only printable ASCII without spaces, *, ?, \", \\ or $"),
        ]
        for (json, problem) in invalid {
            let output = errors(pipeline(table: #""name": "t", "dataPrefix": "\#(json)""#))
            XCTAssertEqual(output.count, 1, "\(json): \(output)")
            XCTAssertTrue(
                output.first?.hasPrefix("synth.json: context.sources[0].databases[0].tables[0].dataPrefix: \"") ?? false, "\(json): \(output)")
            XCTAssertTrue(output.first?.hasSuffix("\" \(problem) (\(hint))") ?? false, "\(json): \(output)")
        }
    }
}
