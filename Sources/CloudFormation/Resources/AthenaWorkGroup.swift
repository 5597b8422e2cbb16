/// `AWS::Athena::WorkGroup`.
public struct AthenaWorkGroupProperties: TaggableProperties {
    public static let resourceType = "AWS::Athena::WorkGroup"

    /// `WorkGroupConfiguration`; only the keys this library sets.
    public struct Configuration {
        public var enforceWorkGroupConfiguration: Bool?
        public var publishCloudWatchMetricsEnabled: Bool?
        public var selectedEngineVersion: String?
        public var managedQueryResultsEnabled: Bool?
        public var bytesScannedCutoffPerQuery: Int?

        public init(
            enforceWorkGroupConfiguration: Bool? = nil,
            publishCloudWatchMetricsEnabled: Bool? = nil,
            selectedEngineVersion: String? = nil,
            managedQueryResultsEnabled: Bool? = nil,
            bytesScannedCutoffPerQuery: Int? = nil
        ) {
            self.enforceWorkGroupConfiguration = enforceWorkGroupConfiguration
            self.publishCloudWatchMetricsEnabled = publishCloudWatchMetricsEnabled
            self.selectedEngineVersion = selectedEngineVersion
            self.managedQueryResultsEnabled = managedQueryResultsEnabled
            self.bytesScannedCutoffPerQuery = bytesScannedCutoffPerQuery
        }

        var value: Value {
            var fields = PropertyFields()
            fields.set("EnforceWorkGroupConfiguration", enforceWorkGroupConfiguration)
            fields.set("PublishCloudWatchMetricsEnabled", publishCloudWatchMetricsEnabled)
            fields.set("EngineVersion", selectedEngineVersion.map { .object(["SelectedEngineVersion": .string($0)]) })
            fields.set("ManagedQueryResultsConfiguration", managedQueryResultsEnabled.map { .object(["Enabled": .bool($0)]) })
            fields.set("BytesScannedCutoffPerQuery", bytesScannedCutoffPerQuery)
            return .object(fields.sorted)
        }
    }

    public var name: String
    public var description: String?
    public var configuration: Configuration?
    /// Deletes the workgroup together with its saved queries and query history; without it
    /// CloudFormation cannot delete a workgroup that has run a query.
    public var recursiveDeleteOption: Bool?
    public var tags: [Tag]

    public init(
        name: String, description: String? = nil, configuration: Configuration? = nil, recursiveDeleteOption: Bool? = nil,
        tags: [Tag] = []
    ) {
        self.name = name
        self.description = description
        self.configuration = configuration
        self.recursiveDeleteOption = recursiveDeleteOption
        self.tags = tags
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("Name", name)
        fields.set("Description", description)
        fields.set("WorkGroupConfiguration", configuration?.value)
        fields.set("RecursiveDeleteOption", recursiveDeleteOption)
        fields.setTags(tags)
        return fields.sorted
    }
}
