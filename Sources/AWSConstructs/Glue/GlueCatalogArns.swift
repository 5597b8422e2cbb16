import CloudFormation
import Constructs

/// ARNs of one account's Glue Data Catalog in one region: the catalog, its databases and tables.
public struct GlueCatalogArns {
    public var partition: Value
    public var region: Value
    public var account: Value

    public init(partition: Value, region: Value, account: Value) {
        self.partition = partition
        self.region = region
        self.account = account
    }

    /// The catalog of `account` in `stack`'s region and partition.
    public init(stack: Stack, account: Value? = nil) {
        self.init(partition: stack.partitionValue, region: stack.regionValue, account: account ?? stack.accountValue)
    }

    private func arn(_ resource: String) -> Value {
        .interpolate([.string("arn:"), partition, .string(":glue:"), region, .string(":"), account, .string(":" + resource)])
    }

    public var catalog: Value { arn("catalog") }
    public func database(_ name: String) -> Value { arn("database/\(name)") }
    public func table(_ database: String, _ table: String) -> Value { arn("table/\(database)/\(table)") }
    /// What reading `database.table` needs: the catalog, the database and the table.
    public func tableHierarchy(_ database: String, _ table: String) -> [Value] {
        [catalog, self.database(database), self.table(database, table)]
    }
}
