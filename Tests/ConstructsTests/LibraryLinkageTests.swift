#if os(Linux)
    import Foundation
    import XCTest

    /// The library modules must link into a program that imports no Foundation. On Linux such a
    /// program is not linked against libm, so any call into it (`Double.rounded()` compiles to C's
    /// `round`) fails with "undefined reference". Checked on the objects this test build compiled.
    final class LibraryLinkageTests: XCTestCase {
        static let libraryModules = ["CloudFormation", "Constructs", "AWSConstructs"]

        func testLibraryObjectsCallNothingOnlyLibmDefines() throws {
            let onlyInLibm = try Self.symbolsOnlyInLibm()
            XCTAssertTrue(onlyInLibm.contains("round"), "the libm symbol list is wrong: \(onlyInLibm.count) symbols")
            for module in Self.libraryModules {
                let objects = try Self.objectFiles(of: module)
                XCTAssertFalse(objects.isEmpty, "no object files for \(module) in \(Self.productsDirectory.path)")
                let calls = try Self.undefinedSymbols(objects).intersection(onlyInLibm)
                XCTAssertEqual(
                    calls, [],
                    "\(module) calls into libm: \(calls.sorted().joined(separator: ", ")) "
                        + "(use pure-Swift arithmetic such as WholeNumber.exactly instead; nm -u names the file)")
            }
        }

        func testTheCheckFindsTheLibmCallThatRoundedCompilesTo() throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkage-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let source = directory.appendingPathComponent("Rounding.swift")
            let object = directory.appendingPathComponent("Rounding.o")
            try Data("public func isWhole(_ value: Double) -> Bool { value.rounded() == value }\n".utf8).write(to: source)
            _ = try Self.run("swiftc", "-c", "-parse-as-library", "-module-name", "Rounding", source.path, "-o", object.path)
            XCTAssertTrue(try Self.undefinedSymbols([object]).intersection(Self.symbolsOnlyInLibm()).contains("round"))
        }

        /// Where `swift build` put this test bundle, and beside it every module's objects.
        static var productsDirectory: URL {
            var directory = Bundle.main.bundleURL
            if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
            return directory
        }

        static func objectFiles(of module: String) throws -> [URL] {
            let directory = productsDirectory.appendingPathComponent("\(module).build")
            return try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".o") }.sorted().map { directory.appendingPathComponent($0) }
        }

        /// Symbols libm exports that libc does not (some, such as `ldexp`, are in both).
        static func symbolsOnlyInLibm() throws -> Set<String> {
            let libc = try loadedLibc()
            let libm = URL(fileURLWithPath: libc).deletingLastPathComponent().appendingPathComponent("libm.so.6").path
            XCTAssertTrue(FileManager.default.fileExists(atPath: libm), "no libm beside \(libc)")
            return try exportedSymbols(libm).subtracting(exportedSymbols(libc))
        }

        /// The C library this process runs with; glibc installs libm beside it. /proc/self/maps is
        /// read to its end: its size is 0 to stat, and a one-shot read of a large test process's
        /// map can stop before the libc line.
        static func loadedLibc() throws -> String {
            let handle = try XCTUnwrap(FileHandle(forReadingAtPath: "/proc/self/maps"), "cannot open /proc/self/maps")
            defer { try? handle.close() }
            var bytes = Data()
            while let chunk = try handle.read(upToCount: 65_536), !chunk.isEmpty { bytes.append(chunk) }
            let maps = String(decoding: bytes, as: UTF8.self)
            let path = maps.split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) }
                .first { $0.hasSuffix("/libc.so.6") }
            return try XCTUnwrap(path, "libc.so.6 is not loaded in this process")
        }

        static func exportedSymbols(_ library: String) throws -> Set<String> {
            symbols(try run("nm", "-D", "--defined-only", "--format=posix", library))
        }

        static func undefinedSymbols(_ objects: [URL]) throws -> Set<String> {
            // With several files nm starts each listing with a "file:" line, which names no symbol.
            symbols(try run(["nm", "-u", "--format=posix"] + objects.map(\.path))).filter { !$0.hasSuffix(":") }
        }

        /// The names in `nm --format=posix` output, without their version (`round@@GLIBC_2.2.5`).
        static func symbols(_ listing: String) -> Set<String> {
            Set(
                listing.split(separator: "\n").compactMap { line in
                    line.split(separator: " ").first.map { String($0.split(separator: "@").first ?? $0) }
                })
        }

        static func run(_ arguments: String...) throws -> String {
            try run(arguments)
        }

        static func run(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "\(arguments.joined(separator: " ")) failed")
            return String(decoding: data, as: UTF8.self)
        }
    }
#endif
