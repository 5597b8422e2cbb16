import Foundation
import XCTest

/// An output is declared for its effect on the template and rarely referred to again, so
/// `CfnOutput(stack, …)` on its own line must compile without an "unused result" warning.
/// Checked by type-checking code against the modules this test build compiled.
final class DiscardableOutputTests: XCTestCase {
    func testDeclaringAnOutputWithoutKeepingItCompilesWithoutWarnings() throws {
        let result = try typeCheck(
            """
            import CloudFormation
            import Constructs
            let stack = Stack(App(), "reporting-stack")
            CfnOutput(stack, "BucketName", Output(value: "reports"))
            """)
        XCTAssertEqual(result.status, 0, result.diagnostics)
    }

    func testAnUnusedResultThatIsNotDiscardableStillFailsTheCheck() throws {
        let result = try typeCheck(
            """
            import Constructs
            App()
            """)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.diagnostics.contains("result of 'App' initializer is unused"), result.diagnostics)
    }

    /// `swiftc -typecheck -warnings-as-errors` on `source`, with this build's modules importable.
    func typeCheck(_ source: String) throws -> (status: Int32, diagnostics: String) {
        var products = Bundle.main.bundleURL
        if products.pathExtension == "xctest" { products.deleteLastPathComponent() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("discardable-\(UUID().uuidString).swift")
        try Data(source.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swiftc", "-typecheck", "-warnings-as-errors", "-I", products.appendingPathComponent("Modules").path, file.path]
        let diagnostics = Pipe()
        process.standardError = diagnostics
        process.standardOutput = diagnostics
        try process.run()
        let output = diagnostics.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
