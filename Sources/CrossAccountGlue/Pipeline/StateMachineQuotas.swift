import CloudFormation
import Constructs

/// Step Functions' run-time quotas, checked at synth time for the copy state machine, so a
/// pipeline too large for one execution is refused before it deploys rather than failing with
/// `States.DataLimitExceeded` or a truncated history in its first run
/// (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html).
enum StateMachineQuotas {
    /// The input or output of one state, as UTF-8 JSON: 256 KiB.
    static let maximumPayloadBytes = 262_144
    /// Events in one Standard execution's history.
    static let maximumHistoryEvents = 25_000

    /// Events an inline Map iteration that copies one table writes when nothing is retried:
    /// MapIterationStarted, TaskStateEntered, TaskScheduled, TaskStarted, TaskSubmitted,
    /// TaskSucceeded (or TaskFailed, then caught), TaskStateExited, PassStateEntered,
    /// PassStateExited, MapIterationSucceeded.
    static let eventsPerTable = 10
    /// Each retried attempt adds TaskScheduled, TaskStarted and TaskFailed.
    static let eventsPerRetry = 3
    /// Everything around the Map: ExecutionStarted, two Pass states before and after it, the Map
    /// state's four events, the Choice, the final state and ExecutionSucceeded or Failed; and the
    /// overlap check in front of them (`OverlapGuard`).
    static let fixedEvents = 16 + OverlapGuard.historyEvents

    /// The most events one execution can write: every table retried as often as its retrier allows.
    static func worstCaseHistoryEvents(tables: Int, retries: Int) -> Int {
        fixedEvents + tables * (eventsPerTable + retries * eventsPerRetry)
    }

    /// A replaced table's iteration when its previous copy fits one page of `ReplaceStates.pageSize`
    /// objects (the longest path, the successful one): MapIterationStarted and Succeeded (2), the
    /// mode Choice (2), NameRun (2), GetTable (5), a Choice (2), CTAS, ALTER and DROP (6 each),
    /// the location's split (2), two Choices (4), the prefix (2), one page (16: list 5, Choice 2,
    /// delete 5, Choices 4) and TableCopied (2).
    static let eventsPerReplacedTable = 63
    /// Each further page of the previous copy: ListObjectsV2, a Choice, DeleteObjects, a Choice.
    static let eventsPerPage = 16
    /// Athena starts in a replaced table's iteration that the retrier may retry: CTAS, ALTER, DROP.
    static let retriedStartsPerReplacedTable = 3
    /// Events the mode Choice adds to an appended table when the Map also replaces tables.
    static let modeChoiceEvents = 2

    /// The most events one execution can write, per table by its mode.
    static func worstCaseHistoryEvents(plan: CopyPlan, retries: Int) -> Int {
        fixedEvents + worstCaseEventsPerJob(plan: plan, retries: retries).reduce(0, +)
    }

    /// `worstCaseEvents` of each job, in order: read by index, as a job's mode and partitioning
    /// tell, with no copy of the job.
    static func worstCaseEventsPerJob(plan: CopyPlan, retries: Int) -> [Int] {
        let choice = modeChoice(plan)
        return plan.jobs.indices.map { index in
            worstCaseEvents(mode: plan.jobs[index].mode, isPartitioned: plan.jobs[index].isPartitioned, modeChoice: choice, retries: retries)
        }
    }

    /// The events of the mode Choice in front of an appended table: there when the processor
    /// also replaces or partitions tables.
    static func modeChoice(_ plan: CopyPlan) -> Int {
        plan.hasReplaceJobs || plan.hasPartitionedJobs ? modeChoiceEvents : 0
    }

    /// The most events copying a table of `mode` writes in its Map iteration (or child
    /// execution): every Athena start retried `retries` times.
    static func worstCaseEvents(mode: Pipeline.CopyMode, isPartitioned: Bool, modeChoice: Int, retries: Int) -> Int {
        if isPartitioned { return partitionedTableEvents(mode: mode, retries: retries) }
        if mode == .replace { return eventsPerReplacedTable + retriedStartsPerReplacedTable * retries * eventsPerRetry }
        return eventsPerTable + modeChoice + retries * eventsPerRetry
    }

    // A partitioned table (`PartitionStates`), counted at `PartitionStates.maximumPartitionsPerTable`
    // partitions in the source and in the target (a table beyond it fails before it copies more).
    // Task states write 5 events (entered, scheduled, started, succeeded, exited), Athena .sync
    // tasks 6 (and submitted), Pass and Choice states 2.
    static var sourcePages: Int { pages(PartitionStates.maximumPartitionsPerTable, PartitionStates.partitionsPerStatement) }
    static var registerPagesPerSourcePage: Int { pages(PartitionStates.partitionsPerStatement, PartitionStates.registerPageSize) }
    static func pages(_ items: Int, _ size: Int) -> Int { (items + size - 1) / size }
    /// Map iteration (2), the mode Choice, NamePartitionRun, the target Choice and TableCopied (2 each).
    static let partitionedTableFixedEvents = 10
    /// One source page in append mode: GetPartitions, two Choices, the INSERT, the loop's Choice.
    static let appendPageEvents = 5 + 2 + 2 + 6 + 2
    /// One source page staged: GetPartitions, two Choices, the CTAS, the staged partitions
    /// registered in pages (`registerEvents`), the DROP and the loop's Choice.
    static let stagedPageEvents = 5 + 2 + 2 + 6 + 6 + 2
    /// One page of staged partitions: GetPartitions, Choice, BatchCreatePartition, Choice, Choice,
    /// (replace: BatchUpdatePartition, Choice), the loop's Choice.
    static func registerEvents(replace: Bool) -> Int { 5 + 2 + 5 + 2 + 2 + (replace ? 5 + 2 : 0) + 2 }
    /// Reading the target's partitions: GetPartitions and its Choice per page, the count and its Choice.
    static var targetListingEvents: Int { pages(PartitionStates.maximumPartitionsPerTable, PartitionStates.targetPageSize) * 7 + 4 }
    /// replace's switch: the removed partitions listed (2), deleted 25 a call (BatchDeletePartition
    /// and two Choices each), the last Choice, GetTable, ALTER; then the previous run's folder
    /// deleted as for an unpartitioned table (split and three Choices, at one object per partition).
    static var replaceSwitchEvents: Int {
        2 + pages(PartitionStates.maximumPartitionsPerTable, PartitionStates.deletePageSize) * 9 + 2 + 5 + 6
            + 10 + pages(PartitionStates.maximumPartitionsPerTable, ReplaceStates.pageSize) * eventsPerPage
    }

    /// The most events a partitioned table's iteration writes, every Athena start retried `retries` times.
    static func partitionedTableEvents(mode: Pipeline.CopyMode, retries: Int) -> Int {
        let retry = retries * eventsPerRetry
        switch mode {
        case .append:
            return partitionedTableFixedEvents + 2 + sourcePages * (appendPageEvents + retry)
        case .partitions, .replace:
            let replace = mode == .replace
            let page = stagedPageEvents + registerPagesPerSourcePage * registerEvents(replace: replace) + 2 * retry
            return partitionedTableFixedEvents + targetListingEvents + sourcePages * page
                + (replace ? replaceSwitchEvents + retry : 0)
        }
    }

    /// Assumptions of the payload check for a partitioned table: the JSON text of one partition's
    /// values (`["2024-01-01","eu-west-1"]` is 26 characters), a storage descriptor's size without
    /// its columns and per column, and the columns of a table that lists none.
    static let assumedPartitionValuesLength = 32
    static let descriptorBytes = 1_000
    static let bytesPerColumn = 50
    static let assumedColumns = 100

    /// The largest payload in a partitioned table's iteration: the target's and the source's
    /// partition lists, one page, and one page of staged partitions with their descriptors.
    static func worstCasePartitionedBytes(plan: CopyPlan) -> Int {
        guard plan.hasPartitionedJobs else { return 0 }
        return plan.partitionedJobs.map { job in
            let key = assumedPartitionValuesLength + 2
            let columns = job.selectList == "*" ? assumedColumns : job.selectList.split(separator: ",").count
            let lists = (job.mode == .append ? 1 : 2) * PartitionStates.maximumPartitionsPerTable * key
            let page = PartitionStates.partitionsPerStatement * (key + 14)
            let staged = job.mode == .append ? 0 : PartitionStates.registerPageSize * (descriptorBytes + columns * bytesPerColumn + 2 * key)
            return 2_048 + lists + page + staged
        }.max() ?? 0
    }

    /// The largest payload inside a replaced table's iteration: its job, the run's names, the
    /// previous location and one page of keys.
    static func worstCaseIterationBytes(plan: CopyPlan) -> Int {
        guard plan.hasReplaceJobs else { return 0 }
        return plan.replaceJobs.map { job in
            let key = job.target.table.count + CopyPlan.runsFolder.count + CopyPlan.runIdLength + 3 + ReplaceStates.assumedObjectNameLength
            let page = ReplaceStates.pageSize * (key + #"{"Key":""},"#.count)
            let location = "s3://".count + 64 + key
            return 2_048 + 4 * location + page
        }.max() ?? 0
    }

    /// The largest state payload: the job list the first state adds, or the Map's output when
    /// every table fails together with the list of failed tables the summary adds to it.
    /// Counted without rendering either (`PayloadLength`), unless some text is not ASCII, whose
    /// characters only the rendered text tells (`renderedPayloadBytes`).
    static func worstCasePayloadBytes(plan: CopyPlan, jobLengths: PayloadLength.JobLengths? = nil) -> Int {
        guard let jobs = (jobLengths ?? PayloadLength.JobLengths(plan)).list, let summary = PayloadLength.failureSummary(plan) else {
            return renderedPayloadBytes(plan: plan)
        }
        return max(jobs, summary, worstCaseIterationBytes(plan: plan), worstCasePartitionedBytes(plan: plan))
    }

    /// `worstCasePayloadBytes` from the rendered job list and summary.
    static func renderedPayloadBytes(plan: CopyPlan) -> Int {
        let jobs = JSONWriter.compactLength(value: CopyDefinition.jobList(plan))
        let failures = plan.jobs.map { CopyDefinition.failedOutcome(table: $0.targetName, error: CopyDefinition.longestErrorName) }
        let failedTables = plan.jobs.map { Value.string($0.targetName) }
        // CountFailures' output, the largest after the Map: outcomes, failed tables and their count.
        let summary = JSONWriter.compactLength(
            value: Value.object([
                Value.Field(CopyDefinition.tablesKey, .array(failures)), Value.Field(CopyDefinition.failedKey, .array(failedTables)),
                Value.Field("failedCount", .int(plan.jobs.count)),
            ]))
        return max(jobs, summary, worstCaseIterationBytes(plan: plan), worstCasePartitionedBytes(plan: plan))
    }

    /// The run-time quotas of the form the plan renders in: the inline Map's when they fit, else
    /// the Distributed Map's (`CopyForm`).
    static func problems(plan: CopyPlan, at location: String) -> [Diagnostic] {
        problemsAndForm(plan: plan, at: location).problems
    }

    /// `problems` and the form the plan renders in (`CopyForm.of`), from one inline check.
    static func problemsAndForm(plan: CopyPlan, at location: String) -> (problems: [Diagnostic], form: CopyForm) {
        let jobLengths = PayloadLength.JobLengths(plan)
        let inline = inlineProblems(plan: plan, at: location, jobLengths: jobLengths)
        guard !inline.isEmpty else { return ([], .inline) }
        return (
            distributedProblems(plan: plan, at: location, retries: retriesPerStart, jobLengths: jobLengths),
            CopyDefinition.usesMap(plan) ? .distributed : .inline
        )
    }

    /// How often the transient retrier retries one Athena start.
    static var retriesPerStart: Int { CopyDefinition.transientRetry.map { $0.maxAttempts ?? 3 }.reduce(0, +) }

    // MARK: The Distributed Map

    /// A child execution's own events beyond an inline iteration's, which has MapIterationStarted
    /// and Succeeded (2): ExecutionStarted, ExecutionSucceeded or Failed, and FailStateEntered (3).
    static let childExecutionEvents = 1
    /// Items one ItemReader reads at most (its `MaxItems` goes up to 100,000,000;
    /// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html).
    static let maximumItemReaderItems = 100_000_000

    /// The most events one table's child execution can write: each child has a history of its own.
    static func worstCaseChildHistoryEvents(plan: CopyPlan, retries: Int) -> Int {
        childExecutionEvents + (worstCaseEventsPerJob(plan: plan, retries: retries).max() ?? 0)
    }

    /// The largest child execution input (one job) or payload inside it.
    static func worstCaseItemBytes(plan: CopyPlan, jobLengths: PayloadLength.JobLengths? = nil) -> Int {
        if let lengths = (jobLengths ?? PayloadLength.JobLengths(plan)).items {
            return max(lengths.max() ?? 0, worstCaseIterationBytes(plan: plan), worstCasePartitionedBytes(plan: plan))
        }
        return renderedItemBytes(plan: plan)
    }

    /// `worstCaseItemBytes` from the rendered jobs.
    static func renderedItemBytes(plan: CopyPlan) -> Int {
        let items: [Value]
        if case .array(let list) = CopyDefinition.jobList(plan) { items = list } else { items = [] }
        let largestItem = items.map { JSONWriter.compactLength(value: $0) }.max() ?? 0
        return max(largestItem, worstCaseIterationBytes(plan: plan), worstCasePartitionedBytes(plan: plan))
    }

    static func distributedProblems(plan: CopyPlan, at location: String, retries: Int, jobLengths: PayloadLength.JobLengths? = nil)
        -> [Diagnostic]
    {
        var problems: [Diagnostic] = []
        let childEvents = worstCaseChildHistoryEvents(plan: plan, retries: retries)
        if childEvents > maximumHistoryEvents {
            problems.append(
                Diagnostic(
                    at: location,
                    "copying one table can take \(childEvents) events in its child execution's history when every start is retried \(retries) times; Step Functions keeps \(maximumHistoryEvents)",
                    hint: "retry fewer times"))
        }
        let itemBytes = worstCaseItemBytes(plan: plan, jobLengths: jobLengths)
        if itemBytes > maximumPayloadBytes {
            problems.append(
                Diagnostic(
                    at: location,
                    "one table's job or copy state can reach \(itemBytes) bytes; Step Functions allows \(maximumPayloadBytes) (256 KiB) per child execution's input and state",
                    hint: "list fewer columns for that table, or use a shorter target table name"))
        }
        if let problem = itemReaderProblem(items: plan.jobs.count, at: location) { problems.append(problem) }
        return problems
    }

    static func itemReaderProblem(items: Int, at location: String) -> Diagnostic? {
        guard items > maximumItemReaderItems else { return nil }
        return Diagnostic(
            at: location, "the job list has \(items) tables; a Distributed Map's ItemReader reads at most \(maximumItemReaderItems) items",
            hint: "split the sources into several pipelines, each with its own projectName")
    }

    // MARK: The inline Map

    /// The inline Map's quotas: an empty list means the plan renders inline.
    /// `jobLengths` are the plan's, when the caller counts them for the Distributed Map's check too.
    static func inlineProblems(plan: CopyPlan, at location: String, jobLengths: PayloadLength.JobLengths? = nil) -> [Diagnostic] {
        guard CopyDefinition.usesMap(plan) else { return [] }
        var problems: [Diagnostic] = []
        let retries = retriesPerStart
        let events = worstCaseHistoryEvents(plan: plan, retries: retries)
        if events > maximumHistoryEvents {
            let partitioned = plan.partitionedJobs.map { partitionedTableEvents(mode: $0.mode, retries: retries) }.max()
            let perTable =
                partitioned
                ?? (!plan.hasReplaceJobs
                    ? eventsPerTable + retries * eventsPerRetry
                    : eventsPerReplacedTable + retriedStartsPerReplacedTable * retries * eventsPerRetry)
            let fitting = (maximumHistoryEvents - fixedEvents) / perTable
            let what =
                partitioned != nil
                ? "per partitioned table of up to \(PartitionStates.maximumPartitionsPerTable) partitions,"
                : !plan.hasReplaceJobs
                    ? "per table" : "per replaced table, whose previous copy fits one page of \(ReplaceStates.pageSize) objects,"
            problems.append(
                Diagnostic(
                    at: location,
                    "copying \(plan.jobs.count) tables can take \(events) events in one execution's history (\(perTable) \(what) when every start is retried \(retries) times); Step Functions keeps \(maximumHistoryEvents)",
                    hint: "split the sources into pipelines of at most \(fitting) tables, each with its own projectName"))
        }
        let bytes = worstCasePayloadBytes(plan: plan, jobLengths: jobLengths)
        if bytes > maximumPayloadBytes {
            problems.append(
                Diagnostic(
                    at: location,
                    "the state machine's largest state payload can reach \(bytes) bytes (the tables' outcomes when every table fails); Step Functions allows \(maximumPayloadBytes) (256 KiB) per state",
                    hint: "split the sources into several pipelines, each with its own projectName, or use shorter target table names"))
        }
        return problems
    }
}
