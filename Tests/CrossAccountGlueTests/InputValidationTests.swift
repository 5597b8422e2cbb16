import CloudFormation
import Constructs
import CrossAccountGlue
import XCTest

/// Every input rule, table-driven: a failing input with the message it must produce, and a
/// passing input that must produce none.
final class InputValidationTests: XCTestCase {
    /// Resolves a config file text plus overrides for an environment, as synth does.
    func resolve(_ file: String, env: String = "dev", overrides: [(String, String)] = []) -> Result<AppConfig, SynthesisError> {
        ConfigurationLoader.context(fromFile: Array(file.utf8), path: "synth.json")
            .flatMap { ConfigurationLoader.applying(overrides: overrides.map { (key: $0.0, value: $0.1) }, to: $0) }
            .flatMap { ConfigurationLoader.resolve($0, envName: env, configPath: "synth.json") }
    }

    func messages(_ result: Result<AppConfig, SynthesisError>) -> [String] {
        if case .failure(let error) = result { return error.diagnostics.map(\.description) }
        return []
    }

    func context(_ pairs: String) -> String { "{\"context\": {\(pairs)}}" }
    let valid = #""sourceAccountId": "111111111111", "targetAccountId": "222222222222", "region": "ap-northeast-1""#

    struct Case {
        var name: String
        var file: String
        var env = "dev"
        var overrides: [(String, String)] = []
        /// Substrings the error output must contain; empty means the input is valid.
        var expected: [String]
    }

    func testConfigurationRules() {
        let cases: [Case] = [
            Case(name: "valid default", file: context(valid), expected: []),
            Case(name: "valid prod", file: context(valid), env: "prod", expected: []),
            Case(
                name: "source account too short", file: context(#""sourceAccountId": "11111111111""#),
                expected: ["synth.json: context.sourceAccountId: \"11111111111\" is not an AWS account id (use the account's 12 digits"]),
            Case(
                name: "target account with a letter", file: context(#""sourceAccountId": "111111111111", "targetAccountId": "22222222222a""#),
                expected: ["context.targetAccountId: \"22222222222a\" is not an AWS account id"]),
            Case(
                name: "account id as a number", file: context(#""sourceAccountId": 111111111111"#),
                expected: ["context.sourceAccountId: must be a string, not a number"]),
            Case(
                name: "missing source account", file: context(#""region": "ap-northeast-1""#),
                expected: ["synth.json: context.sourceAccountId: is required"]),
            Case(
                name: "region in words", file: context(#""sourceAccountId": "111111111111", "region": "tokyo""#),
                expected: ["context.region: \"tokyo\" is not an AWS region code"]),
            Case(
                name: "upper-case region", file: context(#""sourceAccountId": "111111111111", "region": "AP-NORTHEAST-1""#),
                expected: ["is not an AWS region code"]),
            Case(name: "GovCloud region", file: context(#""sourceAccountId": "111111111111", "region": "us-gov-west-1""#), expected: []),
            Case(name: "China region", file: context(#""sourceAccountId": "111111111111", "region": "cn-north-1""#), expected: []),
            Case(
                name: "unknown environment", file: context(valid), env: "staging",
                expected: ["--env staging: unknown environment (known environments: dev, prod)"]),
            Case(name: "environment typo", file: context(valid), env: "prd", expected: ["did you mean \"prod\"?"]),
            Case(
                name: "unknown key with suggestion", file: context(valid + #", "sourceAcountId": "1""#),
                expected: ["synth.json: context.sourceAcountId: unknown context key; did you mean \"sourceAccountId\"?"]),
            Case(
                name: "unknown override", file: context(valid), overrides: [("regoin", "eu-west-1")],
                expected: ["--context regoin: unknown context key; did you mean \"region\"?"]),
            Case(name: "override wins", file: context(valid), overrides: [("region", "eu-west-1")], expected: []),
            Case(
                name: "bad override value names the flag", file: context(valid), overrides: [("sourceAccountId", "x")],
                expected: ["--context sourceAccountId: \"x\" is not an AWS account id"]),
            Case(
                name: "malformed JSON", file: "{\"context\": {\n  \"sourceAccountId\": \"111111111111\",\n}}",
                expected: ["synth.json: is not valid JSON: line 3, column 1"]),
            Case(name: "not an object", file: "[]", expected: ["synth.json: must be a JSON object"]),
            Case(name: "no context", file: "{}", expected: ["synth.json: has no \"context\" object"]),
            Case(name: "misspelt context", file: "{\"contxt\": {}}", expected: ["unknown top-level key; did you mean \"context\"?"]),
            Case(
                name: "project name with upper case", file: context(valid + #", "projectName": "My_Project""#),
                expected: ["context.projectName: project name \"My_Project\" may contain only lower-case letters, digits and hyphens"]),
            Case(
                name: "project name too long for the role", file: context(valid + #", "projectName": "\#(String(repeating: "a", count: 45))""#),
                expected: ["makes the IAM role name", "over the limit of 64", "use a project name of at most 41 characters"]),
            Case(
                name: "project name starting with a digit", file: context(valid + #", "projectName": "1data""#),
                expected: ["makes the stack name \"1data-stack\", which does not start with a letter"]),
            Case(
                name: "reserved bucket prefix", file: context(valid + #", "projectName": "xn--data""#),
                expected: ["starts with the reserved prefix \"xn--\""]),
            Case(name: "empty project name", file: context(valid + #", "projectName": """#), expected: ["the project name is empty"]),
            Case(
                name: "source is the target account", file: context(#""sourceAccountId": "111111111111", "targetAccountId": "111111111111""#),
                expected: [
                    "synth.json: context.sourceAccountId: \"111111111111\" is also the target account (synth.json: context.targetAccountId); "
                        + "this pipeline copies between two accounts (set sourceAccountId and targetAccountId to two different accounts)"
                ]),
            Case(
                name: "target override names the flag", file: context(valid), overrides: [("targetAccountId", "111111111111")],
                expected: ["context.sourceAccountId: \"111111111111\" is also the target account (--context targetAccountId)"]),
            Case(
                name: "source differs from the target after an override", file: context(valid), overrides: [("sourceAccountId", "333333333333")],
                expected: []),
            Case(
                name: "all problems at once", file: context(#""sourceAccountId": "1", "targetAccountId": "2", "region": "x""#),
                expected: ["context.sourceAccountId", "context.targetAccountId", "context.region"]),
        ]
        for testCase in cases {
            let output = messages(resolve(testCase.file, env: testCase.env, overrides: testCase.overrides)).joined(separator: "\n")
            if testCase.expected.isEmpty {
                XCTAssertEqual(output, "", "\(testCase.name) should be valid")
            }
            for fragment in testCase.expected {
                XCTAssertTrue(output.contains(fragment), "\(testCase.name): expected \"\(fragment)\" in:\n\(output)")
            }
        }
    }

    func testEveryKeyOfTheTableIsAcceptedAndAnyOtherIsUnknown() {
        for key in ConfigurationLoader.Key.allCases {
            let output = messages(resolve(context("\"\(key.rawValue)\": \"x\"")))
            XCTAssertFalse(output.joined().contains("unknown context key"), "\(key.rawValue): \(output)")
        }
        let unknown = messages(resolve(context(valid + #", "sourceAccountIds": "x""#))).joined()
        XCTAssertTrue(unknown.contains("(known keys: \(ConfigurationLoader.Key.allCases.map(\.rawValue).joined(separator: ", ")))"), unknown)
    }

    func testProjectNameOverrideRenamesEverything() throws {
        let config = try resolve(context(valid + #", "projectName": "acme""#)).get()
        XCTAssertEqual(config.names.executionRoleName, "acme-dev-sfn-execution-role")
        XCTAssertEqual(config.names.targetStackName, "acme-stack")
    }

    // MARK: SQL templates

    func sources(insert: String? = nil, sourceDDL: String? = nil) throws -> ProjectSources {
        var sources = try TestSupport.projectSources()
        if let insert { sources.insertQuery = insert }
        if let sourceDDL { sources.sourceDDL = sourceDDL }
        return sources
    }

    func errors(_ sources: ProjectSources, _ config: AppConfig = TestSupport.defaultConfig) -> String {
        if case .failure(let error) = CrossAccountSynthesizer.render(config: config, sources: sources) { return error.description }
        return ""
    }

    func testUnknownPlaceholdersAreNamed() throws {
        let insert = "INSERT INTO ${TARGET_DATABASE}.t SELECT * FROM ${SOURCE_CATALOG}.db.t WHERE x = '${FOO}';"
        XCTAssertTrue(errors(try sources(insert: insert)).contains("target/insert-query.sql: unknown placeholder \"FOO\""))
        let ddl = "LOCATION 's3://<SOURCE_BUCKET>/data/'"
        XCTAssertTrue(errors(try sources(sourceDDL: ddl)).contains("source/create-database-and-table.sql: unknown placeholder \"SOURCE_BUCKET\""))
        XCTAssertEqual(errors(try sources()), "")
    }

    func testAQueryThatReadsNoSourceTableIsRejected() throws {
        let output = errors(try sources(insert: "INSERT INTO ${TARGET_DATABASE}.t SELECT 1;"))
        XCTAssertTrue(output.contains("the query reads no table of the source catalog"), output)
    }

    func testAQueryOverAthenasLimitIsRejected() throws {
        let long = "INSERT INTO ${TARGET_DATABASE}.t SELECT * FROM ${SOURCE_CATALOG}.db.t -- " + String(repeating: "x", count: 262_144)
        XCTAssertTrue(errors(try sources(insert: long)).contains("Athena allows 262144"))
    }

    func testTablesAreFoundIgnoringCommentsStringsAndCase() {
        let tables = QueryTables(
            sql: """
                -- SELECT * FROM source_catalog.ignored.table
                INSERT INTO "Target_DB".copy
                SELECT a FROM Source_Catalog.db1.t1 JOIN source_catalog.`db2`.t2 ON '.source_catalog.x.y' = a
                """, readCatalog: "source_catalog")
        XCTAssertEqual(tables.written, [.init("target_db", "copy")])
        XCTAssertEqual(tables.read, [.init("db1", "t1"), .init("db2", "t2")])
    }
}
