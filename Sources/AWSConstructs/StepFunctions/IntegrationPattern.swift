import CloudFormation

/// How a Task waits for the service it calls, written as a suffix of its resource ARN
/// (https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html).
public enum IntegrationPattern: Sendable {
    /// Call the API and go on at once.
    case requestResponse
    /// Call the API and wait until the job finishes (`.sync`, or `.sync:2`).
    case runJob
    /// Call the API and wait for a task token to be returned (`.waitForTaskToken`).
    case waitForTaskToken

    var suffix: String {
        switch self {
        case .requestResponse: return ""
        case .runJob: return ".sync"
        case .waitForTaskToken: return ".waitForTaskToken"
        }
    }

    /// The pattern a Task's `Resource` asks for, read from the literal end of the ARN (the
    /// partition or account before it may be known only at deploy time).
    public init(resource: Value) {
        let tail = IntegrationPattern.tail(of: resource)
        if tail.hasSuffix(".waitForTaskToken") {
            self = .waitForTaskToken
        } else if tail.hasSuffix(".sync") || tail.contains(".sync:") {
            self = .runJob
        } else {
            self = .requestResponse
        }
    }

    /// The literal end of a resource ARN: all of a literal, the last literal part of an
    /// interpolated ARN (`arn:${AWS::Partition}:states:::…`), nothing for other intrinsics.
    static func tail(of resource: Value) -> String {
        switch resource {
        case .string(let text): return text
        case .concat(let parts): return parts.last?.literalString ?? ""
        default: return ""
        }
    }
}
