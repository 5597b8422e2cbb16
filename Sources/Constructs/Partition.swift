/// AWS partitions, and which one a region belongs to.
public enum Partition: String, Sendable, CaseIterable {
    case aws = "aws"
    case china = "aws-cn"
    case govCloud = "aws-us-gov"
    case iso = "aws-iso"
    case isoB = "aws-iso-b"
    case isoE = "aws-iso-e"
    case isoF = "aws-iso-f"

    /// The partition of a region code, by its prefix (`cn-…`, `us-gov-…`, `us-iso-…`, …).
    public init(region: String) {
        if region.hasPrefix("cn-") { self = .china }
        else if region.hasPrefix("us-gov-") { self = .govCloud }
        else if region.hasPrefix("us-isob-") { self = .isoB }
        else if region.hasPrefix("us-iso-") { self = .iso }
        else if region.hasPrefix("eu-isoe-") { self = .isoE }
        else if region.hasPrefix("us-isof-") { self = .isoF }
        else { self = .aws }
    }

    /// The DNS suffix of service endpoints in the partition.
    public var urlSuffix: String {
        switch self {
        case .china: return "amazonaws.com.cn"
        case .iso: return "c2s.ic.gov"
        case .isoB: return "sc2s.sgov.gov"
        case .isoE: return "cloud.adc-e.uk"
        case .isoF: return "csp.hci.ic.gov"
        case .aws, .govCloud: return "amazonaws.com"
        }
    }
}
