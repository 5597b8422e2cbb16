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

    /// The largest state payload: the job list the first state adds, or the Map's output when
    /// every table fails together with the list of failed tables the summary adds to it.
    static func worstCasePayloadBytes(plan: CopyPlan) -> Int {
        let jobs = JSONWriter.compactLength(CopyDefinition.jobList(plan).json())
        let failures = plan.jobs.map { CopyDefinition.failedOutcome(table: $0.targetName, error: CopyDefinition.longestErrorName) }
        let failedTables = plan.jobs.map { Value.string($0.targetName) }
        // CountFailures' output, the largest after the Map: outcomes, failed tables and their count.
        let summary = JSONWriter.compactLength(Value.object([
            Value.Field(CopyDefinition.tablesKey, .array(failures)), Value.Field(CopyDefinition.failedKey, .array(failedTables)),
            Value.Field("failedCount", .int(plan.jobs.count)),
        ]).json())
        return max(jobs, summary)
    }

    static func problems(plan: CopyPlan, at location: String) -> [Diagnostic] {
        guard plan.jobs.count > 1 else { return [] }
        var problems: [Diagnostic] = []
        let retries = CopyDefinition.transientRetry.map { $0.maxAttempts ?? 3 }.reduce(0, +)
        let events = worstCaseHistoryEvents(tables: plan.jobs.count, retries: retries)
        if events > maximumHistoryEvents {
            let fitting = (maximumHistoryEvents - fixedEvents) / (eventsPerTable + retries * eventsPerRetry)
            problems.append(Diagnostic(
                at: location,
                "copying \(plan.jobs.count) tables can take \(events) events in one execution's history (\(eventsPerTable + retries * eventsPerRetry) per table when every start is retried \(retries) times); Step Functions keeps \(maximumHistoryEvents)",
                hint: "split the sources into pipelines of at most \(fitting) tables, each with its own projectName"))
        }
        let bytes = worstCasePayloadBytes(plan: plan)
        if bytes > maximumPayloadBytes {
            problems.append(Diagnostic(
                at: location,
                "the state machine's largest state payload can reach \(bytes) bytes (the tables' outcomes when every table fails); Step Functions allows \(maximumPayloadBytes) (256 KiB) per state",
                hint: "split the sources into several pipelines, each with its own projectName, or use shorter target table names"))
        }
        return problems
    }
}
