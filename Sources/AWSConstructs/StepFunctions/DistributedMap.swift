import CloudFormation

/// What makes a `Map` state distributed: its items come from S3 through an ItemReader, each
/// item runs as a child execution of its own (with its own 25,000-event history), and the
/// children's results can go to S3 through a ResultWriter instead of the state's output
/// (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html).
public struct DistributedMapSettings {
    /// Step Functions runs at most this many child executions of one Map Run at a time.
    public static let maximumConcurrency = 10_000
    /// A Map Run label's limit (it becomes part of the child executions' ARNs).
    public static let maximumLabelLength = 40

    /// A child execution's type: STANDARD (up to a year, exactly once) or EXPRESS (five minutes).
    public enum ExecutionType: String, Sendable {
        case standard = "STANDARD"
        case express = "EXPRESS"
    }

    /// An ItemReader over one JSON array in S3: `arn:<partition>:states:::s3:getObject` with
    /// `ReaderConfig.InputType` JSON (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html).
    public struct JSONItemReader {
        public var partition: Value
        public var bucket: String
        public var key: String
        public init(partition: Value, bucket: String, key: String) {
            self.partition = partition
            self.bucket = bucket
            self.key = key
        }

        public static func resourceArn(partition: Value) -> Value {
            .interpolate([.string("arn:"), partition, .string(":states:::s3:getObject")])
        }

        var value: Value {
            .object([
                .init("Resource", JSONItemReader.resourceArn(partition: partition)),
                .init("ReaderConfig", .object(["InputType": "JSON"])),
                .init("Parameters", .object(["Bucket": .string(bucket), "Key": .string(key)])),
            ])
        }
    }

    /// A ResultWriter: the children's results as JSON files below `prefix` of `bucket`
    /// (`arn:<partition>:states:::s3:putObject`; https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
    public struct ResultWriter {
        public var partition: Value
        public var bucket: String
        public var prefix: String
        public init(partition: Value, bucket: String, prefix: String) {
            self.partition = partition
            self.bucket = bucket
            self.prefix = prefix
        }

        public static func resourceArn(partition: Value) -> Value {
            .interpolate([.string("arn:"), partition, .string(":states:::s3:putObject")])
        }

        var value: Value {
            .object([
                .init("Resource", ResultWriter.resourceArn(partition: partition)),
                .init("Parameters", .object(["Bucket": .string(bucket), "Prefix": .string(prefix)])),
            ])
        }
    }

    public var itemReader: JSONItemReader
    public var resultWriter: ResultWriter?
    public var executionType: ExecutionType
    /// How many child executions may fail before the Map Run fails with
    /// `States.ExceedToleratedFailureThreshold`.
    public var toleratedFailureCount: Int
    public var label: String?

    public init(
        itemReader: JSONItemReader, resultWriter: ResultWriter? = nil, executionType: ExecutionType = .standard,
        toleratedFailureCount: Int = 0, label: String? = nil
    ) {
        self.itemReader = itemReader
        self.resultWriter = resultWriter
        self.executionType = executionType
        self.toleratedFailureCount = toleratedFailureCount
        self.label = label
    }

    var processorConfig: Value {
        .object(["Mode": "DISTRIBUTED", "ExecutionType": .string(executionType.rawValue)])
    }

    func problems() -> [String] {
        var problems: [String] = []
        if toleratedFailureCount < 0 { problems.append("ToleratedFailureCount must not be negative") }
        if let label, label.isEmpty || label.count > DistributedMapSettings.maximumLabelLength {
            problems.append("a Map Run label must be 1 to \(DistributedMapSettings.maximumLabelLength) characters")
        }
        if itemReader.bucket.isEmpty || itemReader.key.isEmpty { problems.append("the ItemReader needs a bucket and a key") }
        if let writer = resultWriter, writer.bucket.isEmpty { problems.append("the ResultWriter needs a bucket") }
        return problems
    }
}
