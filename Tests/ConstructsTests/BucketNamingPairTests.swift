import AWSConstructs
import XCTest

/// Bucket names are checked for "..", ".-" and "-." byte by byte: the same names are refused as
/// by searching for the substrings, wherever the pair is.
final class BucketNamingPairTests: XCTestCase {
    private let message = "must not contain \"..\", \".-\" or \"-.\""

    func test_givenEveryPairOfDotsHyphensAndLettersAnywhere_whenChecked_thenRefusedExactlyWhenASubstringMatches() {
        let characters = ["a", ".", "-"]
        for first in characters {
            for second in characters {
                for name in ["x\(first)\(second)y", "xy\(first)\(second)z1", "ab\(first)\(second)\(first)\(second)cd"] {
                    let forbidden = name.contains("..") || name.contains(".-") || name.contains("-.")
                    XCTAssertEqual(BucketNaming.problem(name) == message, forbidden, name)
                }
            }
        }
    }
}
