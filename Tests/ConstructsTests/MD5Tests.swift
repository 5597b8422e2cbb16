import Constructs
import XCTest

/// The hand-written MD5 behind logical IDs matches RFC 1321, including messages that span
/// several 64-byte blocks and lengths at the padding boundaries.
final class MD5Tests: XCTestCase {
    func test_givenRFC1321TestSuite_whenHashed_thenPublishedDigests() {
        let vectors: [(String, String)] = [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("a", "0cc175b9c0f1b6a831c399e269772661"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
            ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
            ("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"),
        ]
        for (input, digest) in vectors {
            XCTAssertEqual(MD5.hex(input), digest, "MD5(\(input.debugDescription))")
        }
    }

    func test_givenLengthsAroundThePaddingBoundary_whenHashed_thenDigestsMatchReference() {
        // Reference digests from Python's hashlib.md5 over "a" repeated n times.
        let vectors: [(Int, String)] = [
            (55, "ef1772b6dff9a122358552954ad0df65"),
            (56, "3b0c8ac703f828b04c6c197006d17218"),
            (63, "b06521f39153d618550606be297466d5"),
            (64, "014842d480b571495a4a0363793f7367"),
            (65, "c743a45e0d2e6a95cb859adae0248435"),
            (1000, "cabe45dcc9ae5b66ba86600cca6b8ba8"),
        ]
        for (count, digest) in vectors {
            XCTAssertEqual(MD5.hex(String(repeating: "a", count: count)), digest, "MD5 of \(count) bytes")
        }
    }

    func test_givenNonASCIIText_whenHashed_thenItsUTF8BytesAreHashed() {
        XCTAssertEqual(MD5.hex("日本語"), "00110af8b4393ef3f72c50be5b332bec")
    }

    func test_givenBytes_whenDigested_thenSixteenBytesMatchingTheHex() {
        let digest = MD5.digest(Array("abc".utf8))

        XCTAssertEqual(digest.count, 16)
        XCTAssertEqual(digest.prefix(4), [0x90, 0x01, 0x50, 0x98])
        XCTAssertEqual(digest.suffix(4), [0x28, 0xe1, 0x7f, 0x72])
    }
}
