import AWSConstructs
import CloudFormation
import Constructs
import CrossAccountGlue
import Synthesis
import XCTest

/// The source bucket policy's statements for the target role are grants, not hand-written: the
/// target account's role gets the objects of the copied tables and a listing under their keys.
final class SourceBucketGrantTests: XCTestCase {
    private func sourceStacks(_ config: AppConfig) throws -> [SourceStack] {
        var diagnostics = Diagnostics()
        let model = CrossAccountApp.build(
            CrossAccountApp.Input(config: config, sources: try TestSupport.projectSources()),
            in: App(), into: &diagnostics)
        XCTAssertEqual(diagnostics.all.map(\.message), [])
        return model.templateFiles.compactMap { $0.stack as? SourceStack }
    }

    func testTheSourceBucketPolicyIsTheTLSDenialAndTheGrantsToTheTargetRole() throws {
        let multiSource = try ConfigurationLoader.context(fromFile: Array(TestSupport.text(PipelineTests.multiSourceConfig).utf8), path: "synth.json")
            .flatMap { ConfigurationLoader.resolve($0, envName: "dev", configPath: "synth.json") }.get()
        for config in [TestSupport.defaultConfig, multiSource] {
            let stacks = try sourceStacks(config)
            XCTAssertFalse(stacks.isEmpty)
            for stack in stacks {
                let policy = try XCTUnwrap(stack.dataBucket.policy)
                let grants = stack.targetRoleGrants

                XCTAssertEqual(grants.flatMap(\.resourceStatements).compactMap(\.sid), ["AllowTargetAccountRead", "AllowTargetAccountList"])
                XCTAssertEqual(
                    policy.document.statements.map { $0.value.json() },
                    policy.document.statements.prefix(1).map { $0.value.json() } + grants.flatMap(\.resourceStatements).map { $0.value.json() },
                    "after DenyInsecureTransport, the bucket policy holds exactly the grants' statements")
                XCTAssertTrue(
                    grants.allSatisfy { !$0.addedToPrincipalPolicy }, "the target role is another account's: this stack renders no policy for it")
                XCTAssertTrue(grants.allSatisfy { $0.dependables.count == 1 && $0.dependables[0] === policy })
            }
        }
    }
}
