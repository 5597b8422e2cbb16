/// AWS partitions, and which one a region belongs to.
public enum Partition: String, Sendable, CaseIterable {
    case aws = "aws"
    case china = "aws-cn"
    case govCloud = "aws-us-gov"
    case iso = "aws-iso"
    case isoB = "aws-iso-b"
    case isoE = "aws-iso-e"
    case isoF = "aws-iso-f"
    case europeanSovereign = "aws-eusc"

    /// The partition of a region code, by its prefix (`cn-…`, `us-gov-…`, `us-iso-…`, …).
    public init(region: String) {
        if region.hasPrefix("cn-") {
            self = .china
        } else if region.hasPrefix("us-gov-") {
            self = .govCloud
        } else if region.hasPrefix("us-isob-") {
            self = .isoB
        } else if region.hasPrefix("us-iso-") {
            self = .iso
        } else if region.hasPrefix("eu-isoe-") {
            self = .isoE
        } else if region.hasPrefix("us-isof-") {
            self = .isoF
        } else if region.hasPrefix("eusc-") {
            self = .europeanSovereign
        } else {
            self = .aws
        }
    }

    /// Every region code AWS publishes, by partition (botocore 1.43.11 `data/endpoints.json`).
    /// A region missing here is rejected by synth; add it when AWS opens it.
    public static let knownRegions: [String] = [
        "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
        "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1",
        "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1",
        "us-east-2", "us-west-1", "us-west-2",
        "cn-north-1", "cn-northwest-1",
        "us-gov-east-1", "us-gov-west-1",
        "us-iso-east-1", "us-iso-west-1", "us-isob-east-1", "us-isob-west-1", "eu-isoe-west-1", "us-isof-east-1", "us-isof-south-1",
        "eusc-de-east-1",
    ]

    /// The DNS suffix of service endpoints in the partition.
    public var urlSuffix: String {
        switch self {
        case .china: return "amazonaws.com.cn"
        case .iso: return "c2s.ic.gov"
        case .isoB: return "sc2s.sgov.gov"
        case .isoE: return "cloud.adc-e.uk"
        case .isoF: return "csp.hci.ic.gov"
        case .europeanSovereign: return "amazonaws.eu"
        case .aws, .govCloud: return "amazonaws.com"
        }
    }
}
