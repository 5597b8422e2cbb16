import CloudFormation
import CloudFormationSNS
import Constructs

/// One subscription of a topic (`AWS::SNS::Subscription`).
public final class Subscription: Construct {
    /// RFC 5321's limit on a whole address.
    public static let maximumEmailLength = 254

    /// `Protocol`: the kinds of endpoint this library subscribes.
    public enum SubscriptionProtocol: String, Sendable {
        case email
        case emailJSON = "email-json"
        case sqs
        case lambda
        case https
    }

    public private(set) var resource: CfnResource<SNSSubscriptionProperties>!
    public let subscriptionProtocol: SubscriptionProtocol
    public let endpoint: Value

    public init(
        _ scope: Construct, _ id: String, topicArn: Value, protocol subscriptionProtocol: SubscriptionProtocol,
        endpoint: Value
    ) {
        self.subscriptionProtocol = subscriptionProtocol
        self.endpoint = endpoint
        super.init(scope, id)
        resource = CfnResource(
            self, "Resource", SNSSubscriptionProperties(endpoint: endpoint, protocol: .string(subscriptionProtocol.rawValue), topicArn: topicArn))
    }

    public override func validate() -> [String] {
        if subscriptionProtocol == .email || subscriptionProtocol == .emailJSON, let address = endpoint.literalString,
            let problem = Subscription.emailProblem(address)
        {
            return ["email address \"\(address)\" \(problem)"]
        }
        return []
    }

    /// What is wrong with the shape of an email address: one `@`, a local part, and a domain of
    /// dot-separated labels (letters, digits, `-`) with at least one dot; no spaces.
    public static func emailProblem(_ address: String) -> String? {
        if address.count > maximumEmailLength { return "is longer than \(maximumEmailLength) characters" }
        let halves = address.split(separator: "@", omittingEmptySubsequences: false)
        guard halves.count == 2 else { return "must have exactly one @, as in ops@example.com" }
        let local = halves[0]
        let domain = halves[1]
        let printable: (Unicode.Scalar) -> Bool = { $0.value > 0x20 && $0.value < 0x7f && !"\"(),:;<>[\\]".unicodeScalars.contains($0) }
        if local.isEmpty || local.count > 64 || !local.unicodeScalars.allSatisfy(printable) || local.hasPrefix(".") || local.hasSuffix(".")
            || local.contains("..")
        {
            return "has no valid part before the @ (1 to 64 characters, no spaces, quotes or brackets)"
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let labelOK: (Substring) -> Bool = { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
        if labels.count < 2 || !labels.allSatisfy(labelOK) || labels.last!.allSatisfy(\.isNumber) {
            return "has no valid domain after the @ (such as example.com)"
        }
        return nil
    }
}
