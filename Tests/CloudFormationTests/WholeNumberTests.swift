import CloudFormation
import XCTest

/// `WholeNumber.exactly` decides which doubles the writer prints as integers, without libm.
final class WholeNumberTests: XCTestCase {
    func test_givenWholeDoubles_whenChecked_thenTheirIntegers() {
        XCTAssertEqual(WholeNumber.exactly(3.0), 3)
        XCTAssertEqual(WholeNumber.exactly(-2.0), -2)
        XCTAssertEqual(WholeNumber.exactly(0.0), 0)
        XCTAssertEqual(WholeNumber.exactly(-0.0), 0)
        XCTAssertEqual(WholeNumber.exactly(0x1p53 + 2), 9_007_199_254_740_994)
        XCTAssertEqual(WholeNumber.exactly(-0x1p63), Int.min)
    }

    func test_givenFractionsOrNumbersNoIntHolds_whenChecked_thenNil() {
        for value in [1.5, -0.25, 0.1, 1e-300, 4503599627370495.5, 0x1p63, -0x1p64, 1e300, .infinity, -.infinity, .nan] {
            XCTAssertNil(WholeNumber.exactly(value), "\(value)")
        }
    }
}
