/// A state machine's type (`StateMachineType`; it cannot be changed after creation, so changing it
/// replaces the state machine). Standard workflows run for up to a year, exactly once; Express
/// workflows run for at most five minutes, at least once, and call services request-response
/// only (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-standard-vs-express.html).
public enum StateMachineType: String, Sendable {
    case standard = "STANDARD"
    case express = "EXPRESS"
}
