import AWSConstructs
import CloudFormation

/// The state machine that runs a copy plan. One job keeps the seed's single task; more jobs run
/// in a Map state, each table retried on throttling and caught on failure so the others go on;
/// the output lists each table's outcome and the execution fails at the end if any failed.
enum CopyDefinition {
    static let comment = "Cross-account Athena INSERT: Copy data from Source Account Glue Catalog to Target Account table"
    static let timeoutSeconds = 600
    /// Failed tables named in the Fail state's cause, which has a length limit.
    static let listedFailures = 50
    /// Every copy retries Athena's transient errors with exponential backoff and full jitter,
    /// up to five minutes apart, so a burst of starts against the DML quota drains.
    /// Four attempts (5 s to about 40 s apart) keep a table's worst-case history small enough
    /// for about a thousand tables in one execution (`StateMachineQuotas`).
    static var transientRetry: [Retrier] {
        [
            Retrier(
                errorEquals: AthenaStartQueryExecution.transientErrors, intervalSeconds: 5, maxAttempts: 4, backoffRate: 2,
                maxDelaySeconds: 300, jitter: .full)
        ]
    }

    /// Keys of the outcomes the state machine writes, shared with the quota check.
    static let tablesKey = "tables"
    static let failedKey = "failed"
    /// The longest error a failed table's outcome can name: `States.TaskFailed` for a query
    /// that failed, `Athena.<Code>` for a StartQueryExecution error, or a `States.` runtime error.
    static let longestErrorName =
        (AthenaStartQueryExecution.transientErrors
        + ["Athena.InvalidRequestException", StatesError.taskFailed, StatesError.timeout, StatesError.permissions, "States.DataLimitExceeded"])
        .max { $0.count < $1.count } ?? ""

    /// The job field holding a replaced table's CTAS properties, when the tables' differ.
    static let ctasPropertiesKey = "ctasProperties"

    /// The tables to copy, as the first state lists them: target and source, the SELECT list
    /// when any table lists its columns, the mode and table name when any table is replaced or
    /// partitioned, an unpartitioned replaced table's CTAS properties when those differ, and a
    /// partitioned table's keys and source (`PartitionStates.jobFields`).
    /// With catalogs addressed by ARN (`CatalogAddressing`), the source names its account's
    /// catalog in `partition` and `region`.
    static func jobList(_ plan: CopyPlan, partition: Value = .pseudo(.partition), region: Value = .pseudo(.region)) -> Value {
        let shape = JobShape(plan)
        // By index: mapping the jobs copies each whole.
        return .array(
            plan.jobs.indices.map { index in
                let job = plan.jobs[index]
                var fields: [Value.Field] = [
                    .init("target", .string(job.targetName)), .init("source", jobSource(job, plan: plan, partition: partition, region: region)),
                ]
                if shape.columns { fields.append(.init("columns", .string(job.selectList))) }
                if shape.modes {
                    fields.append(.init("mode", .string(job.mode.rawValue)))
                    fields.append(.init("table", .string(job.target.table)))
                }
                if shape.listsCtasProperties(job) {
                    fields.append(.init(ctasPropertiesKey, .string(job.ctasProperties)))
                }
                if job.isPartitioned { fields += PartitionStates.jobFields(job) }
                return .object(fields)
            })
    }

    /// Which fields every job of the list has, shared by the list and its size (`StateMachineQuotas`).
    struct JobShape {
        /// `mode` and `table`: when any table is replaced or partitioned.
        var modes: Bool
        /// `columns`: when any table lists columns, or with modes (a CTAS always reads `$.columns`,
        /// `*` for a table without columns).
        var columns: Bool
        /// Whether the replaced tables' CTAS properties differ, so each job lists its own.
        var ownCtasProperties: Bool

        init(_ plan: CopyPlan) {
            modes = plan.hasReplaceJobs || plan.hasPartitionedJobs
            columns = modes || plan.jobs.indices.contains { plan.jobs[$0].selectList != "*" }
            ownCtasProperties = plan.sharedCtasProperties == nil
        }

        func listsCtasProperties(_ job: CopyPlan.Job) -> Bool {
            ownCtasProperties && job.mode == .replace && !job.isPartitioned
        }
    }

    /// A job's `source`: the registered catalog's name, or its account's catalog by ARN.
    static func jobSource(_ job: CopyPlan.Job, plan: CopyPlan, partition: Value, region: Value) -> Value {
        plan.catalogAddressing == .registered
            ? .string(job.sourceName)
            : .interpolate([
                CatalogAddressing.catalogReference(account: job.accountId, partition: partition, region: region),
                .string(".\(job.source.database).\(job.source.table)"),
            ])
    }

    /// Whether the plan runs in the Map: more than one table, or any table replaced or partitioned.
    static func usesMap(_ plan: CopyPlan) -> Bool {
        plan.jobs.count > 1 || plan.hasReplaceJobs || plan.hasPartitionedJobs
    }

    /// What a failed table's iteration outputs.
    static func failedOutcome(table: String, error: String) -> Value {
        .object(["table": .string(table), "status": "FAILED", "error": .string(error)])
    }

    /// How many tables may fail before the execution fails (`toleratedFailureCount`, default 0).
    static func toleratedFailures(_ plan: CopyPlan) -> Int { plan.toleratedFailureCount }

    static func make(
        plan: CopyPlan, workGroup: Value, partition: Value, region: Value = .pseudo(.region), targetBucket: String = "",
        form: CopyForm = .inline, jobListKey: String = ""
    ) -> StateMachineDefinition {
        if !usesMap(plan), let job = plan.jobs.first {
            let task = AthenaStartQueryExecution(
                queryString: .string(job.query), workGroup: workGroup, integrationPattern: .runJob,
                comment: "Execute cross-account INSERT query and wait for completion")
            return StateMachineDefinition(
                comment: comment,
                graph: StateGraph(
                    single: "ExecuteInsertQuery",
                    .task(
                        task.task(
                            partition: partition, transition: .end,
                            retry: transientRetry))),
                timeoutSeconds: timeoutSeconds)
        }
        let processor = tableProcessor(
            plan: plan, workGroup: workGroup, partition: partition, targetBucket: targetBucket,
            failedTable: form == .distributed ? .next(DistributedCopy.failTableState) : .end)
        if form == .distributed {
            return DistributedCopy.definition(
                plan: plan, processor: processor, partition: partition, targetBucket: targetBucket,
                jobListKey: jobListKey)
        }
        return inlineDefinition(plan: plan, processor: processor, partition: partition, region: region)
    }

    /// The states that copy one table, as an inline iteration or a Distributed Map's child
    /// execution runs them; a failed table goes to `failedTable` after its cleanup.
    static func tableProcessor(
        plan: CopyPlan, workGroup: Value, partition: Value, targetBucket: String,
        failedTable: Transition
    ) -> StateGraph {
        let columns = plan.jobs.contains { $0.selectList != "*" }
        let copy = AthenaStartQueryExecution(
            queryString: .string(
                columns
                    ? "States.Format('INSERT INTO {} SELECT {} FROM {}', $.target, $.columns, $.source)"
                    : "States.Format('INSERT INTO {} SELECT * FROM {}', $.target, $.source)"),
            workGroup: workGroup, integrationPattern: .runJob, comment: "Copy one table and wait for the query to finish")
        var copyTask = copy.task(
            partition: partition, transition: .next("TableCopied"),
            retry: transientRetry,
            catch: [Catcher(errorEquals: [StatesError.all], next: "TableFailed", resultPath: .path("$.error"))],
            resultPath: .discard)
        copyTask.parameters = renameToPath(copyTask.parameters, key: "QueryString")
        var processorStates: [(name: String, state: State)] = []
        if plan.hasReplaceJobs || plan.hasPartitionedJobs {
            var rules: [ChoiceState.Rule] = []
            // A partitioned table's job lists its keys; it is copied a page of partitions at a time.
            if plan.hasPartitionedJobs { rules.append(.init(.isPresent(variable: "$.keys", true), next: PartitionStates.firstState)) }
            if !plan.unpartitionedReplaceJobs.isEmpty {
                rules.append(.init(.stringEquals(variable: "$.mode", Pipeline.CopyMode.replace.rawValue), next: "NameRun"))
            }
            processorStates.append(
                (
                    "ChooseMode",
                    .choice(
                        ChoiceState(
                            comment: !plan.hasPartitionedJobs
                                ? "append: INSERT INTO; replace: a complete copy in a fresh folder, then switch the table to it"
                                : "partitioned tables: a page of partitions per statement; append: INSERT INTO; replace: a complete copy in a fresh folder, then switch the table to it",
                            choices: rules, defaultNext: "CopyTable"))
                ))
            if plan.hasReplaceJobs {
                processorStates += ReplaceStates.states(
                    plan: plan, workGroup: workGroup, partition: partition, bucket: targetBucket,
                    includeUnpartitioned: !plan.unpartitionedReplaceJobs.isEmpty)
            }
            if plan.hasPartitionedJobs {
                processorStates += PartitionStates.states(plan: plan, workGroup: workGroup, partition: partition, bucket: targetBucket)
            }
        }
        var states: [(name: String, state: State)] =
            processorStates + [
                ("CopyTable", .task(copyTask)),
                ("TableCopied", .pass(PassState(parameters: .object(["table.$": "$.target", "status": "SUCCEEDED"]), transition: .end))),
                // Only the error name: an Athena failure's cause is kilobytes, and a thousand of them would
                // exceed the 256 KiB state limit. Causes stay in the execution history and logs.
                (
                    "TableFailed",
                    .pass(
                        PassState(
                            parameters: .object([
                                "table.$": "$.target", "status": "FAILED", "error.$": "$.error.Error",
                            ]), transition: failedTable))
                ),
            ]
        if case .next = failedTable { states.append(DistributedCopy.failTable) }
        return StateGraph(startAt: processorStates.first?.name ?? "CopyTable", states: states)
    }

    /// The inline form: the job list in the definition, one Map iteration per table, a summary
    /// of every table's outcome, and a failure at the end when more tables failed than tolerated.
    static func inlineDefinition(plan: CopyPlan, processor: StateGraph, partition: Value, region: Value) -> StateMachineDefinition {
        let states: [(name: String, state: State)] = [
            (
                "ListCopyJobs",
                .pass(
                    PassState(
                        comment: "The tables to copy, fixed at synth time",
                        result: jobList(plan, partition: partition, region: region), resultPath: .path("$.jobs"), transition: .next("CopyTables")))
            ),
            (
                "CopyTables",
                .map(
                    MapState(
                        comment: "Copy every table; one failure does not stop the others",
                        itemsPath: "$.jobs", maxConcurrency: plan.maxConcurrency, itemProcessor: processor,
                        resultPath: .path("$"), transition: .next("Summarize")))
            ),
            (
                "Summarize",
                .pass(
                    PassState(
                        parameters: .object([
                            tablesKey + ".$": "$", failedKey + ".$": "$[?(@.status == 'FAILED')].table",
                        ]), transition: .next("CountFailures")))
            ),
            (
                "CountFailures",
                .pass(
                    PassState(
                        parameters: .object([
                            "tables.$": "$.tables", "failed.$": "$.failed", "failedCount.$": "States.ArrayLength($.failed)",
                        ]), transition: .next("AnyTableFailed")))
            ),
            (
                "AnyTableFailed",
                .choice(
                    ChoiceState(
                        choices: [
                            .init(
                                .numericGreaterThan(variable: "$.failedCount", toleratedFailures(plan)),
                                next: "CopyFailed")
                        ],
                        defaultNext: "AllTablesCopied"))
            ),
            (
                "CopyFailed",
                .fail(
                    FailState(
                        comment: "At least one table failed; the cause names up to \(listedFailures) of them, CountFailures' output all",
                        error: "TablesFailed",
                        causePath: "States.Format('{} table(s) failed, among them: {}', $.failedCount, "
                            + "States.JsonToString(States.ArrayGetItem(States.ArrayPartition($.failed, \(listedFailures)), 0)))"))
            ),
            ("AllTablesCopied", .succeed(comment: "Every table was copied")),
        ]
        return StateMachineDefinition(
            comment: "Copy \(plan.jobs.count) tables from \(plan.sources.count) source account(s) into the target account",
            graph: StateGraph(startAt: "ListCopyJobs", states: states),
            timeoutSeconds: max(timeoutSeconds, timeoutSeconds * ((plan.jobs.count + plan.maxConcurrency - 1) / plan.maxConcurrency)))
    }

    /// Marks a parameter as a path or intrinsic (`Key.$`), so Step Functions evaluates it.
    static func renameToPath(_ parameters: Value?, key: String) -> Value? {
        guard case .object(let fields)? = parameters else { return parameters }
        return .object(fields.map { $0.key == key ? Value.Field(key + ".$", $0.value) : $0 })
    }
}
