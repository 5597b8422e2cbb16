import AWSConstructs
import CloudFormation

/// The states of one partitioned table inside the copy Map, for every mode. Athena writes at most
/// 100 partitions per INSERT INTO or CTAS (https://docs.aws.amazon.com/athena/latest/ug/ctas-insert-into.html),
/// so the source's partitions are read a page of 100 at a time (Glue GetPartitions through the
/// AWS SDK integration, CatalogId the source account, NextToken in a loop) and each page is one
/// statement whose WHERE clause names its partitions:
///
/// - `append`: `INSERT INTO <target> SELECT <columns> FROM <source> WHERE (<k1> = '<v1>' AND …) OR …`,
///   every source partition, a page per statement.
/// - `partitions`: the target's partitions are read first (GetPartitions on the target table);
///   a page keeps only the partitions the target lacks, and is staged with
///   `CREATE TABLE <table>__staging_<run> WITH (external_location = 's3://<bucket>/<table>/runs/<run>/p<n>/', <ctasProperties>) AS SELECT … WHERE …`
///   into a folder of its own; the staged partitions (their files complete) are then registered
///   on the target with BatchCreatePartition, pointing at the staged files, and the staging table is
///   dropped (it is external: the files stay). A partition is either registered whole or not at
///   all, so a re-run copies exactly what is still missing; a failed CTAS drops the staging
///   table and deletes that page's folder, the only files it can have written.
/// - `replace`: every source partition is staged the same way; staged partitions the target
///   already has are pointed at the new files (BatchUpdatePartition), the others created
///   (BatchCreatePartition); then the target's partitions the source no longer has are deleted
///   (BatchDeletePartition, 25 a call), the table's own location is set to the run's folder
///   (`ALTER TABLE … SET LOCATION`, which records which run is current) and the previous run's
///   folder is deleted by `ReplaceStates`' clean-up, as for an unpartitioned table.
///
/// Glue batch calls take at most 100 partitions (BatchCreatePartition, BatchUpdatePartition) and
/// 25 (BatchDeletePartition) (https://docs.aws.amazon.com/glue/latest/webapi/API_BatchCreatePartition.html,
/// API_BatchUpdatePartition.html, API_BatchDeletePartition.html).
enum PartitionStates {
    /// Partitions per statement: Athena's limit.
    static let partitionsPerStatement = 100
    /// Target partitions read per GetPartitions call (its MaxResults allows 1,000).
    static let targetPageSize = 1_000
    /// Staged partitions registered per Glue call: each carries its storage descriptor with the
    /// table's columns, so 25 of them stay well inside the 256 KiB a state's data may take for
    /// tables of up to about 200 columns (`StateMachineQuotas`).
    static let registerPageSize = 25
    /// BatchDeletePartition's limit.
    static let deletePageSize = 25
    /// The most partitions a table may have in the source (and in the target): beyond it the table
    /// fails with `TooManyPartitions` before more is copied. It bounds the history and the
    /// partition lists a state carries (`StateMachineQuotas`).
    static let maximumPartitionsPerTable = 1_000
    /// The error a table fails with beyond `maximumPartitionsPerTable`.
    static let tooManyPartitionsError = "TooManyPartitions"
    static let notRegisteredError = "Glue.PartitionsNotRegistered"
    static let notDeletedError = "Glue.PartitionsNotDeleted"

    // MARK: JSONata (the harness's evaluator knows these expressions; keep them few and simple)

    /// A partition is compared by `$string(Values)`, the JSON text of its values; the target's
    /// are kept as `{'v': Values}`, so replace can delete them by their values (Step Functions'
    /// JSONata has no `$eval` to read the text back).
    static let targetListingFirst =
        #"{% $merge([$states.input, {'parts': {'known': [$states.result.Partitions.{'v': Values}], 'copied': [], 'pages': 0, 'token': $states.result.NextToken}}]) %}"#
    static let targetListingMore =
        #"{% $merge([$states.input, {'parts': {'known': $append($states.input.parts.known, [$states.result.Partitions.{'v': Values}]), 'copied': [], 'pages': 0, 'token': $states.result.NextToken}}]) %}"#
    /// A page of the source: `page` holds the partitions to copy (in `partitions` mode only those
    /// the target lacks), `copied` every source partition seen so far.
    static let sourcePage =
        #"{% $merge([$states.input, {'parts': {'known': $states.input.parts.known, 'copied': $append($states.input.parts.copied, [$states.result.Partitions.$string(Values)]), 'count': $count($states.input.parts.copied) + $count($states.result.Partitions), 'pages': $states.input.parts.pages + 1, 'page': [$filter($states.result.Partitions, function($p) { $states.input.mode != 'partitions' or $not($string($p.Values) in $states.input.parts.known.($string(v))) }).{'values': Values}], 'token': $states.result.NextToken}}]) %}"#
    /// The page's WHERE clause: one parenthesised conjunction per partition, each key compared
    /// with its value as an SQL literal (`'` doubled), cast to the key's type where it is not a string.
    static let predicate =
        #"$join($map($states.input.parts.page, function($p) { '(' & $join($map($states.input.keys, function($k, $i) { $k.before & $replace($p.values[$i], "'", "''") & $k.after }), ' AND ') & ')' }), ' OR ')"#
    static let insertStatement =
        #"{% 'INSERT INTO ' & $states.input.target & ' SELECT ' & $states.input.columns & ' FROM ' & $states.input.source & ' WHERE ' & "#
        + predicate + " %}"
    static let stageStatement =
        #"{% 'CREATE TABLE ' & $states.input.run.staging & ' WITH (external_location = ' & "'" & $states.input.run.location & 'p' & $states.input.parts.pages & '/' & "'" & ', ' & $states.input.ctas & ') AS SELECT ' & $states.input.columns & ' FROM ' & $states.input.source & ' WHERE ' & "#
        + predicate + " %}"
    /// The staged partitions, split into those to create on the target and those to update.
    static let stagedPage =
        #"{% $merge([$states.input, {'staged': {'create': [$filter($states.result.Partitions, function($p) { $not($string($p.Values) in $states.input.parts.known.($string(v))) }).{'Values': Values, 'StorageDescriptor': StorageDescriptor}], 'update': [$filter($states.result.Partitions, function($p) { $string($p.Values) in $states.input.parts.known.($string(v)) }).{'PartitionValueList': Values, 'PartitionInput': {'Values': Values, 'StorageDescriptor': StorageDescriptor}}], 'token': $states.result.NextToken}}]) %}"#
    static let removedPartitions =
        #"{% $merge([$states.input, {'removed': [$filter($states.input.parts.known, function($k) { $not($string($k.v) in $states.input.parts.copied) })]}]) %}"#
    static let firstRemoved = #"{% [$filter($states.input.removed, function($k, $i) { $i < 25 }).{'Values': v}] %}"#
    static let restRemoved =
        #"{% $merge([$states.input, {'removed': [$filter($states.input.removed, function($k, $i) { $i >= 25 })], 'deleteErrors': $count($states.result.Errors)}]) %}"#
    static let keepInput = "{% $states.input %}"
    static let stagingTableArgument = "{% $states.input.run.stagingTable %}"
    static let tableArgument = "{% $states.input.table %}"

    // MARK: The job list's fields for a partitioned table

    /// How a partition key's value becomes an SQL literal in the WHERE clause: strings are compared
    /// as they are, other types through a CAST of the literal (so the source still prunes by
    /// partition). Glue stores every value as a string.
    static func literal(key: String, type: String) -> (before: String, after: String) {
        let column = "\"\(key)\""
        let lower = type.lowercased()
        let name = lower.prefix { $0 != "(" }
        if ["string", "varchar", "char"].contains(String(name)) { return ("\(column) = '", "'") }
        let trino: String
        switch name {
        case "int", "integer": trino = "integer"
        case "float": trino = "real"
        default: trino = lower.filter { $0 != " " }
        }
        return ("\(column) = CAST('", "' AS \(trino))")
    }

    /// The fields a partitioned table's job adds to the job list.
    static func jobFields(_ job: CopyPlan.Job) -> [Value.Field] {
        let keys = zip(job.partitionKeys, job.partitionKeyTypes).map { key, type -> Value in
            let (before, after) = literal(key: key, type: type)
            return .object([.init("before", .string(before)), .init("after", .string(after))])
        }
        return [
            .init("keys", .array(keys)),
            .init("ctas", .string(job.ctasProperties)),
            .init("catalogId", .string(job.accountId)),
            .init("sourceDatabase", .string(job.source.database)),
            .init("sourceTable", .string(job.source.table)),
        ]
    }

    // MARK: States

    static let firstState = "NamePartitionRun"

    static func states(plan: CopyPlan, workGroup: Value, partition: Value, bucket: String) -> [(name: String, state: State)] {
        let run = ReplaceStates.runId()
        let failed = [Catcher(errorEquals: [StatesError.all], next: "TableFailed", resultPath: .path("$.error"))]
        let jsonataFailed = [Catcher(errorEquals: [StatesError.all], next: "TableFailed", output: .string(ReplaceStates.errorOutput))]
        let pageFailed = [Catcher(errorEquals: [StatesError.all], next: "DropFailedPage", output: .string(ReplaceStates.errorOutput))]
        func sdk(_ service: String, _ action: String) -> Value {
            AwsSdkTask.resourceArn(partition: partition, service: service, action: action)
        }
        func jsonata(
            _ comment: String, _ service: String, _ action: String, arguments: [Value.Field], output: String, catch catchers: [Catcher],
            next: String
        ) -> State {
            var task = TaskState(comment: comment, resource: sdk(service, action), catch: catchers, transition: .next(next))
            task.queryLanguage = "JSONata"
            task.arguments = .object(arguments)
            task.output = .string(output)
            return .task(task)
        }
        func athena(_ comment: String, statement: String, next: String, catch catchers: [Catcher]) -> State {
            var task = TaskState(
                comment: comment,
                resource: AthenaStartQueryExecution.resourceArn(partition: partition, pattern: .runJob),
                retry: CopyDefinition.transientRetry, catch: catchers, transition: .next(next))
            task.queryLanguage = "JSONata"
            task.arguments = .object([.init("QueryString", .string(statement)), .init("WorkGroup", workGroup)])
            task.output = .string(keepInput)
            return .task(task)
        }
        /// GetPartitions' arguments: the source's with its account as CatalogId, the target's without.
        func getPartitions(source: Bool, database: Value, table: Value, size: Int, schema: Bool, token: String?) -> [Value.Field] {
            var fields: [Value.Field] = source ? [.init("CatalogId", "{% $states.input.catalogId %}")] : []
            fields += [.init("DatabaseName", database), .init("TableName", table), .init("MaxResults", .int(size))]
            if !schema { fields.append(.init("ExcludeColumnSchema", .bool(true))) }
            if let token { fields.append(.init("NextToken", .string("{% $states.input.\(token) %}"))) }
            return fields
        }
        func failWith(_ error: String, next: String) -> State {
            .pass(PassState(parameters: .object(["Error": .string(error)]), resultPath: .path("$.error"), transition: .next(next)))
        }
        func modeIs(_ mode: Pipeline.CopyMode) -> ChoiceCondition { .stringEquals(variable: "$.mode", mode.rawValue) }
        let database = Value.string(plan.targetDatabase)
        let sourceArguments: (Bool) -> [Value.Field] = { more in
            getPartitions(
                source: true, database: "{% $states.input.sourceDatabase %}", table: "{% $states.input.sourceTable %}",
                size: partitionsPerStatement, schema: false, token: more ? "parts.token" : nil)
        }
        let targetArguments: (Bool) -> [Value.Field] = { more in
            getPartitions(
                source: false, database: database, table: .string(tableArgument), size: targetPageSize, schema: false,
                token: more ? "parts.token" : nil)
        }
        let stagedArguments: (Bool) -> [Value.Field] = { more in
            getPartitions(
                source: false, database: database, table: .string(stagingTableArgument), size: registerPageSize, schema: true,
                token: more ? "staged.token" : nil)
        }
        let replaces = plan.stagedPartitionJobs.contains { $0.mode == .replace }
        var states: [(name: String, state: State)] = [
            (
                firstState,
                .pass(
                    PassState(
                        comment: "This run's folder and staging table (partitions and replace modes stage each page there)",
                        parameters: .object([
                            "id.$": .string(run),
                            "location.$": .string("States.Format('s3://\(bucket)/{}/\(CopyPlan.runsFolder)/{}/', $.table, \(run))"),
                            "staging.$": .string("States.Format('{}\(CopyPlan.stagingInfix){}', $.target, \(run))"),
                            "stagingTable.$": .string("States.Format('{}\(CopyPlan.stagingInfix){}', $.table, \(run))"),
                        ]),
                        resultPath: .path("$.run"), transition: .next("NeedsTargetPartitions")))
            ),
            (
                "NeedsTargetPartitions",
                .choice(
                    ChoiceState(
                        comment: "append copies every partition; partitions and replace compare with the target's",
                        choices: [.init(modeIs(.append), next: "NoTargetPartitions")], defaultNext: "ReadTargetPartitions"))
            ),
            (
                "NoTargetPartitions",
                .pass(
                    PassState(
                        result: .object([
                            .init("known", .array([])), .init("copied", .array([])), .init("pages", .int(0)),
                        ]), resultPath: .path("$.parts"), transition: .next("ReadSourcePartitions")))
            ),
            (
                "ReadTargetPartitions",
                jsonata(
                    "The target's partitions, a page at a time", "glue", "getPartitions",
                    arguments: targetArguments(false), output: targetListingFirst, catch: jsonataFailed,
                    next: "HasMoreTargetPartitions")
            ),
            (
                "ReadMoreTargetPartitions",
                jsonata(
                    "The next page of the target's partitions", "glue", "getPartitions",
                    arguments: targetArguments(true), output: targetListingMore, catch: jsonataFailed,
                    next: "HasMoreTargetPartitions")
            ),
            (
                "HasMoreTargetPartitions",
                .choice(
                    ChoiceState(
                        choices: [.init(.isPresent(variable: "$.parts.token", true), next: "ReadMoreTargetPartitions")],
                        defaultNext: "CountTargetPartitions"))
            ),
            (
                "CountTargetPartitions",
                .pass(
                    PassState(
                        parameters: .object(["count.$": "States.ArrayLength($.parts.known)"]),
                        resultPath: .path("$.targetCount"), transition: .next("IsTargetWithinLimit")))
            ),
            (
                "IsTargetWithinLimit",
                .choice(
                    ChoiceState(
                        choices: [.init(.numericGreaterThan(variable: "$.targetCount.count", maximumPartitionsPerTable), next: "TooManyPartitions")],
                        defaultNext: "ReadSourcePartitions"))
            ),
            (
                "ReadSourcePartitions",
                jsonata(
                    "The source's first \(partitionsPerStatement) partitions, from the source account's catalog",
                    "glue", "getPartitions", arguments: sourceArguments(false), output: sourcePage,
                    catch: jsonataFailed, next: "IsSourceWithinLimit")
            ),
            (
                "ReadMoreSourcePartitions",
                jsonata(
                    "The source's next \(partitionsPerStatement) partitions", "glue", "getPartitions",
                    arguments: sourceArguments(true), output: sourcePage, catch: jsonataFailed,
                    next: "IsSourceWithinLimit")
            ),
            (
                "IsSourceWithinLimit",
                .choice(
                    ChoiceState(
                        comment: "At most \(maximumPartitionsPerTable) partitions per table (the history and payload checks count on it)",
                        choices: [.init(.numericGreaterThan(variable: "$.parts.count", maximumPartitionsPerTable), next: "TooManyPartitions")],
                        defaultNext: "ChoosePageStatement"))
            ),
            ("TooManyPartitions", failWith(tooManyPartitionsError, next: "TableFailed")),
            (
                "ChoosePageStatement",
                .choice(
                    ChoiceState(
                        comment: "Nothing of this page to copy (partitions mode: the target has them all)",
                        choices: [
                            .init(.and([.isPresent(variable: "$.parts.page[0]", true), modeIs(.append)]), next: "InsertPage"),
                            .init(.isPresent(variable: "$.parts.page[0]", true), next: "StagePage"),
                        ],
                        defaultNext: "HasMoreSourcePartitions"))
            ),
            (
                "InsertPage",
                athena(
                    "append: INSERT INTO the table, this page's partitions", statement: insertStatement,
                    next: "HasMoreSourcePartitions", catch: jsonataFailed)
            ),
            (
                "StagePage",
                athena(
                    "CTAS: this page's partitions into a folder of their own", statement: stageStatement,
                    next: "ReadStagedPartitions", catch: pageFailed)
            ),
            (
                "ReadStagedPartitions",
                jsonata(
                    "The staged partitions, with their files' locations", "glue", "getPartitions",
                    arguments: stagedArguments(false), output: stagedPage, catch: pageFailed,
                    next: "HasPartitionsToCreate")
            ),
            (
                "ReadMoreStagedPartitions",
                jsonata(
                    "The next staged partitions", "glue", "getPartitions",
                    arguments: stagedArguments(true), output: stagedPage, catch: jsonataFailed,
                    next: "HasPartitionsToCreate")
            ),
            (
                "HasPartitionsToCreate",
                .choice(
                    ChoiceState(
                        choices: [.init(.isPresent(variable: "$.staged.create[0]", true), next: "CreatePartitions")],
                        defaultNext: "HasPartitionsToUpdate"))
            ),
            (
                "CreatePartitions",
                .task(
                    TaskState(
                        comment: "Register the staged partitions the target lacks, pointing at the staged files",
                        resource: sdk("glue", "batchCreatePartition"),
                        parameters: .object(["DatabaseName": database, "TableName.$": "$.table", "PartitionInputList.$": "$.staged.create"]),
                        resultPath: .path("$.registered"), catch: failed, transition: .next("CreatedPartitions")))
            ),
            (
                "CreatedPartitions",
                .choice(
                    ChoiceState(
                        comment: "BatchCreatePartition answers 200 and lists the partitions it could not create",
                        choices: [.init(.isPresent(variable: "$.registered.Errors[0]", true), next: "PartitionsNotRegistered")],
                        defaultNext: "HasPartitionsToUpdate"))
            ),
            (
                "HasPartitionsToUpdate",
                .choice(
                    ChoiceState(
                        choices: [.init(.isPresent(variable: "$.staged.update[0]", true), next: "UpdatePartitions")],
                        defaultNext: "HasMoreStagedPartitions"))
            ),
            (
                "UpdatePartitions",
                .task(
                    TaskState(
                        comment: "replace: point the target's existing partitions at the new files",
                        resource: sdk("glue", "batchUpdatePartition"),
                        parameters: .object(["DatabaseName": database, "TableName.$": "$.table", "Entries.$": "$.staged.update"]),
                        resultPath: .path("$.registered"), catch: failed, transition: .next("UpdatedPartitions")))
            ),
            (
                "UpdatedPartitions",
                .choice(
                    ChoiceState(
                        choices: [.init(.isPresent(variable: "$.registered.Errors[0]", true), next: "PartitionsNotRegistered")],
                        defaultNext: "HasMoreStagedPartitions"))
            ),
            ("PartitionsNotRegistered", failWith(notRegisteredError, next: "DropStagingAfterError")),
            (
                "DropStagingAfterError",
                .task(
                    dropStaging(
                        workGroup: workGroup, partition: partition, next: "TableFailed",
                        catch: [
                            Catcher(
                                errorEquals: [StatesError.all], next: "TableFailed",
                                resultPath: .path("$.dropError"))
                        ]))
            ),
            (
                "HasMoreStagedPartitions",
                .choice(
                    ChoiceState(
                        choices: [.init(.isPresent(variable: "$.staged.token", true), next: "ReadMoreStagedPartitions")],
                        defaultNext: "DropStagedPage"))
            ),
            (
                "DropStagedPage",
                .task(
                    dropStaging(
                        workGroup: workGroup, partition: partition, next: "HasMoreSourcePartitions",
                        catch: failed))
            ),
            (
                "HasMoreSourcePartitions",
                .choice(
                    ChoiceState(
                        choices: [.init(.isPresent(variable: "$.parts.token", true), next: "ReadMoreSourcePartitions")]
                            + (replaces ? [.init(modeIs(.replace), next: "ListRemovedPartitions")] : []),
                        defaultNext: "TableCopied"))
            ),
        ]
        if replaces { states += replaceStates(database: database, workGroup: workGroup, partition: partition, sdk: sdk) }
        states += [
            (
                "DropFailedPage",
                .task(
                    dropStaging(
                        workGroup: workGroup, partition: partition, next: "FailedPagePrefix",
                        catch: [
                            Catcher(
                                errorEquals: [StatesError.all], next: "FailedPagePrefix",
                                resultPath: .path("$.dropError"))
                        ]))
            ),
            (
                "FailedPagePrefix",
                .pass(
                    PassState(
                        parameters: .object([
                            "prefix.$": .string("States.Format('{}/\(CopyPlan.runsFolder)/{}/p{}/', $.table, $.run.id, $.parts.pages)")
                        ]),
                        resultPath: .path("$.cleanup"), transition: .next("ListFailedPage")))
            ),
        ]
        states += ReplaceStates.deletionLoop(name: "FailedPage", bucket: bucket, done: "TableFailed", sdk: sdk)
        return states
    }

    /// replace's switch after the last page: the removed partitions go, the table records the run.
    static func replaceStates(database: Value, workGroup: Value, partition: Value, sdk: (String, String) -> Value) -> [(name: String, state: State)] {
        let failed = [Catcher(errorEquals: [StatesError.all], next: "TableFailed", resultPath: .path("$.error"))]
        let jsonataFailed = [Catcher(errorEquals: [StatesError.all], next: "TableFailed", output: .string(ReplaceStates.errorOutput))]
        var delete = TaskState(
            comment: "Delete \(deletePageSize) of them (BatchDeletePartition's limit)", resource: sdk("glue", "batchDeletePartition"),
            catch: jsonataFailed, transition: .next("DeletedRemovedPartitions"))
        delete.queryLanguage = "JSONata"
        delete.arguments = .object([
            .init("DatabaseName", database), .init("TableName", .string(tableArgument)),
            .init("PartitionsToDelete", .string(firstRemoved)),
        ])
        delete.output = .string(restRemoved)
        var removed = PassState(comment: "replace: the target's partitions the source no longer has", transition: .next("HasRemovedPartitions"))
        removed.queryLanguage = "JSONata"
        removed.output = .string(removedPartitions)
        var record = AthenaStartQueryExecution(
            queryString: .string(ReplaceStates.alterFormat), workGroup: workGroup, integrationPattern: .runJob,
            comment: "The table's own location names the current run; the previous run's folder goes next"
        )
        .task(
            partition: partition, transition: .next("SplitPreviousLocation"), retry: CopyDefinition.transientRetry,
            catch: failed, resultPath: .discard)
        record.parameters = CopyDefinition.renameToPath(record.parameters, key: "QueryString")
        return [
            ("ListRemovedPartitions", .pass(removed)),
            (
                "HasRemovedPartitions",
                .choice(
                    ChoiceState(
                        choices: [.init(.isPresent(variable: "$.removed[0]", true), next: "DeleteRemovedPartitions")],
                        defaultNext: "ReadPartitionedPreviousCopy"))
            ),
            ("DeleteRemovedPartitions", .task(delete)),
            (
                "DeletedRemovedPartitions",
                .choice(
                    ChoiceState(
                        choices: [.init(.numericGreaterThan(variable: "$.deleteErrors", 0), next: "RemovedPartitionsNotDeleted")],
                        defaultNext: "HasRemovedPartitions"))
            ),
            (
                "RemovedPartitionsNotDeleted",
                .pass(
                    PassState(
                        parameters: .object(["Error": .string(notDeletedError)]),
                        resultPath: .path("$.error"), transition: .next("TableFailed")))
            ),
            (
                "ReadPartitionedPreviousCopy",
                .task(
                    TaskState(
                        comment: "The run folder the table recorded last",
                        resource: sdk("glue", "getTable"),
                        parameters: .object(["DatabaseName": database, "Name.$": "$.table"]),
                        resultSelector: .object(["location.$": "$.Table.StorageDescriptor.Location"]),
                        resultPath: .path("$.previous"), catch: failed, transition: .next("RecordRunFolder")))
            ),
            ("RecordRunFolder", .task(record)),
        ]
    }

    static func dropStaging(workGroup: Value, partition: Value, next: String, catch catchers: [Catcher]) -> TaskState {
        var task = AthenaStartQueryExecution(
            queryString: .string(ReplaceStates.dropFormat), workGroup: workGroup, integrationPattern: .runJob,
            comment: "The staging table goes; its files are the target's partitions now"
        )
        .task(partition: partition, transition: .next(next), retry: CopyDefinition.transientRetry, catch: catchers, resultPath: .discard)
        task.parameters = CopyDefinition.renameToPath(task.parameters, key: "QueryString")
        return task
    }
}
