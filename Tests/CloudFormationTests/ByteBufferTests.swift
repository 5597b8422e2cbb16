import XCTest

@testable import CloudFormation

/// The writers' buffer must hold exactly what was appended, in order, through every growth.
final class ByteBufferTests: XCTestCase {
    func test_givenAppendsOfEveryKindPastSeveralGrowths_whenFinished_thenTheSameBytesAsAnArray() {
        var buffer = ByteBuffer(capacity: 1)
        var expected: [UInt8] = []
        for round in 0..<300 {
            let byte = UInt8(truncatingIfNeeded: round)
            buffer.append(byte)
            expected.append(byte)
            let run = [UInt8](repeating: byte &+ 1, count: round % 37)
            run.withUnsafeBufferPointer { buffer.append($0) }
            expected += run
            buffer.append(UInt8(ascii: " "), count: round % 5)
            expected += [UInt8](repeating: UInt8(ascii: " "), count: round % 5)
            buffer.append("ab")
            expected += Array("ab".utf8)
        }
        let large = [UInt8](repeating: 7, count: 100_000)
        large.withUnsafeBufferPointer { buffer.append($0) }
        expected += large
        buffer.set(9, at: 3)
        expected[3] = 9
        XCTAssertEqual(buffer.count, expected.count)
        XCTAssertEqual(buffer.finish(), expected)
    }

    func test_givenNothingAppended_whenFinished_thenEmpty() {
        var buffer = ByteBuffer(capacity: 0)
        [UInt8]().withUnsafeBufferPointer { buffer.append($0) }
        buffer.append(0, count: 0)
        XCTAssertEqual(buffer.finish(), [])
    }
}
