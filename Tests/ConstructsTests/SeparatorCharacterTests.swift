import AWSConstructs
import Constructs
import XCTest

/// A construct id's "/" and an action's ":" are looked for as bytes first, then as Characters:
/// the same answers as searching the text for the Character, also when a combining mark joins
/// the separator into another Character.
final class SeparatorCharacterTests: XCTestCase {
    private let slashMessage = "contains \"/\""

    private func idProblems(_ id: String) -> [String] {
        let app = App()
        let stack = Stack(app, "stack")
        _ = Construct(stack, id)
        return app.validateTree().map(\.message)
    }

    func test_givenIdsWithAndWithoutASlashCharacter_whenValidated_thenOnlyASlashCharacterReported() {
        for id in ["plain", "a/b", "/", "a/\u{301}b", "\u{301}/", "caf\u{E9}/x", "日本/語"] {
            let reported = idProblems(id).contains { $0.contains(slashMessage) }
            XCTAssertEqual(reported, id.contains("/" as Character), id)
        }
    }

    func test_givenActionsWithAndWithoutAColonCharacter_whenChecked_thenOnlyThoseWithoutOneReported() {
        for action in ["s3:GetObject", "s3GetObject", "s3:\u{301}Get", "s3\u{301}:Get", ":", "*", "caf\u{E9}:x"] {
            let reported = PolicyStatement(actions: [action], resources: ["*"]).problems().contains { $0.contains("is not of the form") }
            XCTAssertEqual(reported, action != "*" && !action.contains(":" as Character), action)
        }
    }
}
