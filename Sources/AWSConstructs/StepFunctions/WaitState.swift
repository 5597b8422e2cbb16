import CloudFormation

/// A `Wait` state: pauses the execution for a number of seconds or until a point in time
/// (https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html).
///
/// Step Functions wants exactly one of `Seconds`, `Timestamp`, `SecondsPath` and
/// `TimestampPath`; `Duration` has one case for each, so a Wait state always has exactly one.
public struct WaitState {
    /// The longest `Seconds` Step Functions accepts ("an integer value from 0 to 99999999").
    public static let maximumSeconds = 99_999_999
    /// The longest wait of an Express workflow, which runs for at most five minutes (same page).
    public static let maximumExpressSeconds = 300

    public enum Duration {
        /// Wait this many seconds (0 to 99,999,999).
        case seconds(Int)
        /// Wait until this time, e.g. `2024-03-14T01:59:00Z`.
        case timestamp(String)
        /// Wait the number of seconds found at this reference path of the input.
        case secondsPath(String)
        /// Wait until the timestamp found at this reference path of the input.
        case timestampPath(String)

        var field: Value.Field {
            switch self {
            case .seconds(let seconds): return .init("Seconds", .int(seconds))
            case .timestamp(let timestamp): return .init("Timestamp", .string(timestamp))
            case .secondsPath(let path): return .init("SecondsPath", .string(path))
            case .timestampPath(let path): return .init("TimestampPath", .string(path))
            }
        }
    }

    public var comment: String?
    public var duration: Duration
    public var transition: Transition

    public init(comment: String? = nil, _ duration: Duration, transition: Transition) {
        self.comment = comment
        self.duration = duration
        self.transition = transition
    }

    /// What Step Functions would reject in the duration.
    func problems() -> [String] {
        switch duration {
        case .seconds(let seconds):
            if !(0...WaitState.maximumSeconds).contains(seconds) {
                return ["Seconds must be 0 to \(WaitState.maximumSeconds), not \(seconds)"]
            }
        case .timestamp(let timestamp):
            if !StatesLanguageSyntax.isTimestamp(timestamp) {
                return ["Timestamp \"\(timestamp)\" is not a timestamp like 2024-08-18T17:33:00Z (uppercase T and Z)"]
            }
        case .secondsPath(let path), .timestampPath(let path):
            if !StatesLanguageSyntax.isReferencePath(path) {
                return ["\(duration.field.key) \"\(path)\" is not a reference path (it starts with $)"]
            }
        }
        return []
    }
}
