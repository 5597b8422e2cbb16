import AWSConstructs
import CloudFormation
import Constructs

/// Reads and validates `context.sources` and its companions (`targetDatabase`,
/// `maxConcurrency`, `catalogAsCode`), reporting every problem at once with its JSON path.
enum PipelineParser {
    /// Step Functions runs at most 40 iterations of an inline Map state at a time.
    static let maximumConcurrency = 40
    /// Glue's limit on database and table names.
    static let maximumGlueNameLength = 255

    struct Input {
        var sources: JSON
        var sourcesOrigin: String
        /// `targetAccountId` and where it came from, when given.
        var targetAccount: (value: String, origin: String)?
        var targetDatabase: (value: JSON, origin: String)?
        var maxConcurrency: (value: JSON, origin: String)?
        var catalogAsCode: (value: JSON, origin: String)?
        var copyMode: (value: JSON, origin: String)? = nil
        var toleratedFailureCount: (value: JSON, origin: String)? = nil
    }

    /// A replace table's staging table is `<targetTable>__staging_<run>`, the run an MD5 in hex,
    /// and must stay a valid Glue name.
    static let stagingSuffixLength = CopyPlan.stagingInfix.count + CopyPlan.runIdLength
    static var maximumReplaceTableLength: Int { maximumGlueNameLength - stagingSuffixLength }

    /// The keys a column or partition key may have.
    static let columnKeys = ["name", "type", "comment"]
    /// The keys a table in `context.sources` may have.
    static let tableKeys = ["name", "targetTable", "columns", "targetColumns", "partitionKeys", "format", "compression", "dataPrefix", "copyMode"]

    static func parse(_ input: Input, names: ResourceNames) -> (Pipeline?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        // Locations are autoclosures: they are written out only for a problem.
        func fail(_ location: String, _ message: String, _ hint: String) {
            problems.append(Diagnostic(.setting(location), message, hint: hint))
        }
        func string(_ value: JSON?, at location: @autoclosure () -> String, required: Bool, example: String) -> String? {
            guard let value else {
                if required {
                    let location = location()
                    fail(location, "is required", "add \"\(location.split(separator: ".").last ?? "")\": \"\(example)\"")
                }
                return nil
            }
            guard case .string(let text) = value else {
                fail(location(), "must be a string, not \(ConfigurationLoader.typeName(value))", "write it in quotes, e.g. \"\(example)\"")
                return nil
            }
            return text
        }
        func object(_ value: JSON, at location: @autoclosure () -> String, known: [String]) -> ConfigObject? {
            guard case .object(let members) = value else {
                fail(location(), "must be an object, not \(ConfigurationLoader.typeName(value))", "write {…}")
                return nil
            }
            for index in members.indices where !known.contains(members[index].key) {
                let key = members[index].key
                fail(
                    "\(location()).\(key)", "unknown key\(ConfigurationLoader.suggestion(key, among: known))",
                    "known keys: \(known.joined(separator: ", "))")
            }
            return ConfigObject(members: members)
        }
        func list(_ value: JSON?, at location: @autoclosure () -> String, what: String) -> [JSON]? {
            guard let value else {
                fail(location(), "is required", "list at least one \(what)")
                return nil
            }
            guard case .array(let items) = value else {
                fail(location(), "must be a list, not \(ConfigurationLoader.typeName(value))", "write [ … ]")
                return nil
            }
            if items.isEmpty { fail(location(), "is empty", "list at least one \(what)") }
            return items
        }
        func glueName(_ name: String?, at location: @autoclosure () -> String) {
            guard let name else { return }
            if !isGlueName(name) {
                fail(
                    location(), "\"\(name)\" is not a valid Glue name",
                    "use 1 to \(maximumGlueNameLength) lower-case letters, digits and underscores, starting with a letter")
            }
        }

        var targetDatabase = ResourceNames.targetDatabaseName
        if let setting = input.targetDatabase, let name = string(setting.value, at: setting.origin, required: true, example: targetDatabase) {
            glueName(name, at: setting.origin)
            targetDatabase = name
        }
        var maxConcurrency = Pipeline.defaultMaxConcurrency
        if let setting = input.maxConcurrency {
            if case .int(let number) = setting.value, (1...maximumConcurrency).contains(number) {
                maxConcurrency = number
            } else {
                fail(
                    setting.origin, "must be a whole number from 1 to \(maximumConcurrency)",
                    "Step Functions runs at most \(maximumConcurrency) Map iterations at a time")
            }
        }
        var catalogAsCode = false
        if let setting = input.catalogAsCode {
            if case .bool(let flag) = setting.value {
                catalogAsCode = flag
            } else {
                fail(setting.origin, "must be true or false", "write \"catalogAsCode\": true")
            }
        }

        /// A list of columns (or partition keys): names unique, types Hive's (partition keys primitive).
        func columnList(_ value: JSON, at location: @autoclosure () -> String, partitionKeys: Bool = false) -> [Pipeline.Column] {
            let items = list(value, at: location(), what: partitionKeys ? "partition key" : "column") ?? []
            var columns: [Pipeline.Column] = []
            columns.reserveCapacity(items.count)
            for columnIndex in items.indices {
                func columnAt() -> String { "\(location())[\(columnIndex)]" }
                guard let column = object(items[columnIndex], at: columnAt(), known: PipelineParser.columnKeys) else { continue }
                let name = string(column["name"], at: "\(columnAt()).name", required: true, example: partitionKeys ? "dt" : "id")
                glueName(name, at: "\(columnAt()).name")
                let type = string(column["type"], at: "\(columnAt()).type", required: true, example: partitionKeys ? "string" : "int")
                if let type, !HiveType.isValid(type) {
                    fail(
                        "\(columnAt()).type", "\"\(type)\" is not a Hive column type",
                        "use e.g. int, bigint, double, decimal(10,2), string, varchar(20), date, timestamp, array<string>")
                } else if let type, partitionKeys, !HiveType.isPartitionKeyType(type) {
                    fail(
                        "\(columnAt()).type", "\"\(type)\" cannot type a partition key",
                        "use a primitive type such as string, int, bigint or date")
                }
                let comment = string(column["comment"], at: "\(columnAt()).comment", required: false, example: "what it holds")
                if let name, let type { columns.append(Pipeline.Column(name: name, type: type, comment: comment)) }
            }
            for repeated in Repeats.of(columns, by: \.name) {
                let what = partitionKeys ? "partition key" : "column"
                fail(location(), "\(what) \"\(columns[repeated.index].name)\" is listed twice", "give each \(what) once")
            }
            return columns
        }
        /// `format` and `compression`: text (the seed's CSV) unless Parquet is asked for.
        func storageFormat(_ table: ConfigObject, at location: @autoclosure () -> String) -> Pipeline.StorageFormat {
            var isParquet = false
            if let value = table["format"] {
                let names = Pipeline.StorageFormat.names
                if case .string(let text) = value, names.contains(text) {
                    isParquet = text == "parquet"
                } else {
                    let shown = value.stringValue.map { "\"\($0)\"" } ?? ConfigurationLoader.typeName(value)
                    fail(
                        "\(location()).format",
                        "\(shown) is not a storage format\(value.stringValue.map { ConfigurationLoader.suggestion($0, among: names) } ?? "")",
                        "use \(PipelineParser.choices(names))")
                }
            }
            guard let value = table["compression"] else { return isParquet ? .parquet(.snappy) : .textfile }
            guard isParquet else {
                fail("\(location()).compression", "applies only to \"format\": \"parquet\"", "remove it, or set \"format\": \"parquet\"")
                return .textfile
            }
            let names = Pipeline.ParquetCompression.allCases.map(\.rawValue)
            guard case .string(let text) = value, let compression = Pipeline.ParquetCompression(rawValue: text) else {
                let shown = value.stringValue.map { "\"\($0)\"" } ?? ConfigurationLoader.typeName(value)
                fail(
                    "\(location()).compression",
                    "\(shown) is not a Parquet compression Athena writes\(value.stringValue.map { ConfigurationLoader.suggestion($0, among: names) } ?? "")",
                    "use \(PipelineParser.choices(names))")
                return .parquet(.snappy)
            }
            return .parquet(compression)
        }

        func copyMode(_ value: JSON?, at location: @autoclosure () -> String) -> Pipeline.CopyMode?? {
            guard let value else { return .some(nil) }
            let known = Pipeline.CopyMode.allCases.map(\.rawValue)
            guard case .string(let text) = value, let mode = Pipeline.CopyMode(rawValue: text) else {
                let shown = value.stringValue.map { "\"\($0)\"" } ?? ConfigurationLoader.typeName(value)
                fail(
                    location(), "\(shown) is not a copy mode\(value.stringValue.map { ConfigurationLoader.suggestion($0, among: known) } ?? "")",
                    "use \(PipelineParser.choices(known))")
                return nil
            }
            return .some(mode)
        }
        var pipelineMode = Pipeline.CopyMode.append
        if let setting = input.copyMode, let mode = copyMode(setting.value, at: setting.origin), let mode { pipelineMode = mode }

        // The locations below capture only the origin: capturing all of `input` would copy it for each.
        let sourcesOrigin = input.sourcesOrigin
        let sourceItems = list(input.sources, at: sourcesOrigin, what: "source account") ?? []
        var sources: [Pipeline.Source] = []
        sources.reserveCapacity(sourceItems.count)
        for sourceIndex in sourceItems.indices {
            func at() -> String { "\(sourcesOrigin)[\(sourceIndex)]" }
            guard let sourceValue = object(sourceItems[sourceIndex], at: at(), known: ["accountId", "catalogName", "bucket", "databases"]) else {
                continue
            }
            let accountId = string(sourceValue["accountId"], at: "\(at()).accountId", required: true, example: "111111111111")
            if let accountId, !InputRules.isAccountId(accountId) {
                fail("\(at()).accountId", "\"\(accountId)\" is not an AWS account id", "use the account's 12 digits")
            }
            if let accountId,
                let problem = InputRules.sameAccountProblem(
                    source: accountId, at: "\(at()).accountId", target: input.targetAccount,
                    hint: "list only other accounts under \"sources\", or set targetAccountId to another account")
            {
                problems.append(problem)
            }
            let account = accountId ?? ""
            let catalogName =
                string(sourceValue["catalogName"], at: "\(at()).catalogName", required: false, example: "source_catalog")
                ?? Pipeline.defaultCatalogName(accountId: account, sourceCount: sourceItems.count)
            if catalogName.isEmpty || catalogName.count > 127
                || !catalogName.unicodeScalars.allSatisfy({
                    ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
                })
            {
                fail(
                    "\(at()).catalogName", "\"\(catalogName)\" is not a valid Athena catalog name",
                    "use 1 to 127 lower-case letters, digits and underscores")
            }
            let bucketValue = sourceValue["bucket"]
            let bucket =
                string(bucketValue, at: "\(at()).bucket", required: false, example: "my-data-bucket")
                ?? Pipeline.defaultBucket(names: names, accountId: account, sourceCount: sourceItems.count)
            if let problem = BucketNaming.problem(bucket) {
                fail(
                    bucketValue == nil ? at() : "\(at()).bucket", "bucket name \"\(bucket)\" \(problem)",
                    bucketValue == nil ? "shorten the project name or give \"bucket\"" : "choose another bucket name")
            }
            let databaseItems = list(sourceValue["databases"], at: "\(at()).databases", what: "database") ?? []
            var databases: [Pipeline.Database] = []
            databases.reserveCapacity(databaseItems.count)
            for databaseIndex in databaseItems.indices {
                func dbAt() -> String { "\(at()).databases[\(databaseIndex)]" }
                guard let databaseValue = object(databaseItems[databaseIndex], at: dbAt(), known: ["name", "tables"]) else { continue }
                let databaseName = string(databaseValue["name"], at: "\(dbAt()).name", required: true, example: "sales_db")
                glueName(databaseName, at: "\(dbAt()).name")
                let tableItems = list(databaseValue["tables"], at: "\(dbAt()).tables", what: "table") ?? []
                var tables: [Pipeline.Table] = []
                tables.reserveCapacity(tableItems.count)
                for tableIndex in tableItems.indices {
                    func tableAt() -> String { "\(dbAt()).tables[\(tableIndex)]" }
                    guard let tableValue = object(tableItems[tableIndex], at: tableAt(), known: PipelineParser.tableKeys) else { continue }
                    let tableName = string(tableValue["name"], at: "\(tableAt()).name", required: true, example: "sales")
                    glueName(tableName, at: "\(tableAt()).name")
                    let targetTable = string(tableValue["targetTable"], at: "\(tableAt()).targetTable", required: false, example: "sales_copy")
                    glueName(targetTable, at: "\(tableAt()).targetTable")
                    let columnsValue = tableValue["columns"]
                    let columns = columnsValue.map { columnList($0, at: "\(tableAt()).columns") } ?? []
                    if columnsValue == nil, catalogAsCode {
                        fail(tableAt(), "has no columns, which catalogAsCode needs to declare the table", "list the table's columns")
                    }
                    let partitionKeys =
                        tableValue["partitionKeys"].map { columnList($0, at: "\(tableAt()).partitionKeys", partitionKeys: true) } ?? []
                    for key in partitionKeys where columns.contains(where: { $0.name == key.name }) {
                        fail(
                            "\(tableAt()).partitionKeys", "\"\(key.name)\" is both a column and a partition key",
                            "list it only under partitionKeys: Athena keeps partition keys apart from the columns")
                    }
                    let format = storageFormat(tableValue, at: tableAt())
                    var targetColumns: [Pipeline.Column]?
                    if let value = tableValue["targetColumns"] {
                        let listed = columnList(value, at: "\(tableAt()).targetColumns")
                        if columnsValue == nil {
                            fail(
                                "\(tableAt()).targetColumns", "needs the source's columns to check them against",
                                "list the source table's \"columns\" too")
                        } else if let tableName, let mismatch = ColumnCompatibility.firstMismatch(source: columns, target: listed) {
                            let target = targetTable ?? "\(tableName)_copy"
                            let location =
                                mismatch.index < listed.count ? "\(tableAt()).targetColumns[\(mismatch.index)]" : "\(tableAt()).targetColumns"
                            fail(
                                location,
                                "\(targetDatabase).\(target) cannot take the rows of \(catalogName).\(databaseName ?? "").\(tableName): \(mismatch.problem)",
                                "list the target's columns in the source's order, each of a type that holds the source's values")
                        }
                        targetColumns = listed
                    }
                    let dataPrefix = string(tableValue["dataPrefix"], at: "\(tableAt()).dataPrefix", required: false, example: "raw/sales/")
                    if let dataPrefix, let problem = dataPrefixProblem(dataPrefix) {
                        fail(
                            "\(tableAt()).dataPrefix", "\"\(dataPrefix)\" \(problem)",
                            "give the folder of the table's files in the source bucket, e.g. \"raw/sales/\"")
                    }
                    let copyModeValue = tableValue["copyMode"]
                    let tableMode = copyMode(copyModeValue, at: "\(tableAt()).copyMode") ?? nil
                    let target = targetTable ?? tableName.map { "\($0)_copy" }
                    if (tableMode ?? pipelineMode) == .replace, let target, target.count > maximumReplaceTableLength {
                        fail(
                            targetTable == nil ? tableAt() : "\(tableAt()).targetTable",
                            "target table \"\(target)\" is \(target.count) characters; in replace mode its staging table adds \(stagingSuffixLength), over Glue's \(maximumGlueNameLength)",
                            "use a targetTable of at most \(maximumReplaceTableLength) characters")
                    }
                    if (tableMode ?? pipelineMode) == .partitions, partitionKeys.isEmpty {
                        fail(
                            copyModeValue == nil ? tableAt() : "\(tableAt()).copyMode",
                            "copies partitions, but the table lists no partitionKeys",
                            "list the table's partitionKeys, or copy it in append or replace mode")
                    }
                    if let tableName {
                        tables.append(
                            Pipeline.Table(
                                name: tableName, targetTable: targetTable, columns: columns, dataPrefix: dataPrefix,
                                copyMode: tableMode, partitionKeys: partitionKeys, format: format,
                                targetColumns: targetColumns))
                    }
                }
                if let databaseName { databases.append(Pipeline.Database(name: databaseName, tables: tables)) }
            }
            sources.append(Pipeline.Source(accountId: account, catalogName: catalogName, bucket: bucket, databases: databases))
        }

        var pipeline = Pipeline(
            targetDatabase: targetDatabase, maxConcurrency: maxConcurrency, catalogAsCode: catalogAsCode, copyMode: pipelineMode, sources: sources)
        if let setting = input.toleratedFailureCount {
            let (count, problem) = FailureTolerance.parse(setting.value, at: setting.origin, tables: pipeline.tableCount)
            pipeline.toleratedFailureCount = count
            problems += problem.map { [$0] } ?? []
        }
        problems += duplicates(in: pipeline, origin: input.sourcesOrigin)
        return (problems.isEmpty ? pipeline : nil, problems)
    }

    /// `"a"`, `"a" or "b"`, `"a", "b" or "c"`: the values a key takes, for a hint.
    static func choices(_ values: [String]) -> String {
        let quoted = values.map { "\"\($0)\"" }
        guard let last = quoted.last, quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + last
    }

    /// A folder of S3 keys that IAM can grant exactly: it ends in `/`, is not the bucket's
    /// root, and holds none of IAM's wildcards (`*`, `?`) or policy-breaking characters.
    static func dataPrefixProblem(_ prefix: String) -> String? {
        if prefix.hasPrefix("s3://") { return "is an S3 URI; give only the key prefix inside the source bucket" }
        if prefix.isEmpty || prefix == "/" || prefix.hasPrefix("/") { return "must be a folder below the bucket's root, not starting with /" }
        if !prefix.hasSuffix("/") { return "must end with /, so it names a folder and not every key that starts the same way" }
        if prefix.contains("//") { return "has an empty folder name (//)" }
        let printable = prefix.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !"*?\"\\$".unicodeScalars.contains($0) }
        return printable ? nil : "may contain only printable ASCII without spaces, *, ?, \", \\ or $"
    }

    static func duplicates(in pipeline: Pipeline, origin: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        // Each key's location is written out only for a problem: keys are indexed, `location` names one.
        func report<Item, Key: Hashable>(
            _ items: [Item], by key: (Item) -> Key, location: (Int) -> String, _ message: (Key) -> String, hint: String
        ) {
            for repeated in Repeats.of(items, by: key) {
                problems.append(
                    Diagnostic(at: location(repeated.index), "\(message(key(items[repeated.index]))), as at \(location(repeated.first))", hint: hint))
            }
        }
        report(
            pipeline.sources, by: { $0.accountId }, location: { "\(origin)[\($0)].accountId" }, { "account \($0) is listed twice" },
            hint: "list each source account once, with all its databases")
        report(
            pipeline.sources, by: { $0.catalogName }, location: { "\(origin)[\($0)].catalogName" }, { "catalog name \"\($0)\" is used twice" },
            hint: "give each source its own catalogName")
        report(
            pipeline.sources, by: { $0.bucket }, location: { "\(origin)[\($0)].bucket" }, { "bucket \"\($0)\" is used twice" },
            hint: "give each source its own bucket")
        var targets: [(table: String, source: Int, database: Int, index: Int)] = []
        targets.reserveCapacity(pipeline.tableCount)
        for (sourceIndex, source) in pipeline.sources.enumerated() {
            for (databaseIndex, database) in source.databases.enumerated() {
                for (tableIndex, table) in database.tables.enumerated() {
                    targets.append((table.targetTable, sourceIndex, databaseIndex, tableIndex))
                }
            }
        }
        report(
            targets, by: { $0.table },
            location: { index in
                let place = targets[index]
                return "\(origin)[\(place.source)].databases[\(place.database)].tables[\(place.index)]"
            }, { "target table \(pipeline.targetDatabase).\($0) is written twice" },
            hint: "give one of the tables another \"targetTable\"")
        return problems
    }

    static func isGlueName(_ name: String) -> Bool {
        // The bytes are read in place when the string keeps them together, as every parsed one does.
        name.utf8.withContiguousStorageIfAvailable(isGlueName) ?? isGlueName(name.utf8)
    }

    private static func isGlueName(_ bytes: some Collection<UInt8>) -> Bool {
        // Every character a Glue name may hold is one ASCII byte: the bytes tell, and any other
        // character fails the check whatever the length says.
        guard let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        guard bytes.count <= maximumGlueNameLength else { return false }
        return bytes.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_")
        }
    }
}
