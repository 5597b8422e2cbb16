import AWSConstructs
import CloudFormation
import Constructs

/// The copy as a Distributed Map, for plans too large for one inline Map (`CopyForm`).
///
/// The job list is a file synth renders (`JobListFile`), uploaded by the deploy plan to the
/// target bucket below `_pipeline/job-lists/`, named by its MD5, so a changed list changes the
/// definition. The Map reads it with an ItemReader and runs each table in a child execution
/// (STANDARD) with the same states as an inline iteration; a failed table fails its child after
/// its cleanup, so `toleratedFailureCount` counts tables. The children's outcomes go to S3 with
/// a ResultWriter below `_pipeline/results/` (10,000 outcomes do not fit the 256 KiB state
/// payload). Keys starting with `_` never collide with a table's folder (Glue names start with a
/// letter), and Athena ignores them.
/// (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html)
enum DistributedCopy {
    /// The folder of the pipeline's own objects in the target bucket.
    static let pipelineFolder = "_pipeline"
    static let jobListFolder = pipelineFolder + "/job-lists/"
    /// The ResultWriter's prefix; Step Functions writes `<prefix>/<map run id>/manifest.json` and
    /// `SUCCEEDED_<n>.json`, `FAILED_<n>.json`, `PENDING_<n>.json` below it.
    static let resultsPrefix = pipelineFolder + "/results"

    static let mapState = "CopyTables"
    static let failedState = "CopyFailed"
    static let failTableState = "FailTable"
    /// The error a child execution fails with when its table failed.
    static let tableError = "TableCopyFailed"
    /// The error the execution fails with when more tables failed than tolerated.
    static let error = "TablesFailed"

    /// The key of a job list in the target bucket: its content's MD5.
    static func jobListKey(contents: String) -> String {
        jobListFolder + MD5.hex(contents) + ".json"
    }

    /// A child execution's last state when its table failed: the error names the table.
    static var failTable: (name: String, state: State) {
        (
            failTableState,
            .fail(
                FailState(
                    comment: "The table was not copied (its cleanup has run); the Map Run counts this child as failed",
                    error: tableError,
                    causePath: "States.Format('{} failed: {}', $.table, $.error)"))
        )
    }

    static func definition(
        plan: CopyPlan, processor: StateGraph, partition: Value, targetBucket: String,
        jobListKey: String
    ) -> StateMachineDefinition {
        let settings = DistributedMapSettings(
            itemReader: .init(partition: partition, bucket: targetBucket, key: jobListKey),
            resultWriter: .init(partition: partition, bucket: targetBucket, prefix: resultsPrefix),
            executionType: .standard,
            toleratedFailureCount: plan.toleratedFailureCount)
        let results = "s3://\(targetBucket)/\(resultsPrefix)/"
        let states: [(name: String, state: State)] = [
            (
                mapState,
                .map(
                    MapState(
                        comment: "Copy every table in a child execution of its own; the outcomes go to \(results)",
                        distributed: settings, maxConcurrency: plan.maxConcurrency, itemProcessor: processor,
                        resultPath: .path("$.copy"),
                        catch: [Catcher(errorEquals: [StatesError.all], next: failedState, resultPath: .path("$.error"))],
                        transition: .next("AllTablesCopied")))
            ),
            (
                failedState,
                .fail(
                    FailState(
                        comment: "More tables failed than tolerated (\(plan.toleratedFailureCount)), or the Map Run failed",
                        error: error,
                        causePath: "States.Format('{}: {} (each table\\'s outcome is below \(results))', $.error.Error, $.error.Cause)"))
            ),
            (
                "AllTablesCopied",
                .succeed(
                    comment: plan.toleratedFailureCount == 0
                        ? "Every table was copied"
                        : "At most \(plan.toleratedFailureCount) table(s) failed; the outcomes are below \(results)")
            ),
        ]
        return StateMachineDefinition(
            comment:
                "Copy \(plan.jobs.count) tables from \(plan.sources.count) source account(s) into the target account, one child execution per table",
            graph: StateGraph(startAt: mapState, states: states),
            timeoutSeconds: CopyDefinition.timeoutSeconds * ((plan.jobs.count + plan.maxConcurrency - 1) / plan.maxConcurrency))
    }
}

extension DistributedCopy {
    /// What the Distributed Map needs on the execution role, as AWS's "IAM policies for using
    /// Distributed Map states" lists it
    /// (https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html): start
    /// child executions of this state machine, describe and stop them (their ARNs are
    /// `execution:<name>/<map run>:<id>`, so `execution:<name>/*:*`), read exactly the job list and write the results below
    /// exactly their prefix (ResultWriter uploads in parts).
    static func statements(stateMachineName: String, stack: Stack, bucket: String, jobListKey: String) -> [PolicyStatement] {
        let bucketArn = stack.formatGlobalArn(service: "s3", resource: bucket)
        return [
            PolicyStatement(
                sid: "AllowDistributedMapChildStart",
                actions: ["states:StartExecution"],
                resources: [stack.formatArn(service: "states", resource: "stateMachine:\(stateMachineName)")]),
            PolicyStatement(
                sid: "AllowDistributedMapChildControl",
                actions: ["states:DescribeExecution", "states:StopExecution"],
                resources: [stack.formatArn(service: "states", resource: "execution:\(stateMachineName)/*:*")]),
            PolicyStatement(
                sid: "AllowJobListRead",
                actions: ["s3:GetObject"],
                resources: [.interpolate([bucketArn, .string("/" + jobListKey)])]),
            PolicyStatement(
                sid: "AllowResultsWrite",
                actions: ["s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"],
                resources: [.interpolate([bucketArn, .string("/\(resultsPrefix)/*")])]),
        ]
    }
}
