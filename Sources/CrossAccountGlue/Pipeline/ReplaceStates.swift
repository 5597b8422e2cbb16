import AWSConstructs
import CloudFormation

/// The states of one table copied in `replace` mode, inside the copy Map. A run writes a complete
/// copy to a folder of its own and only then points the table at it, so a reader sees the old
/// copy or the new one, never a half-written or empty table:
///
/// 1. `NameRun`: the run id, the MD5 of the execution's ARN and start time (hex: valid in a Glue
///    name, an S3 key and an SQL string), the fresh folder `s3://<bucket>/<table>/runs/<run>/`
///    and the staging table `<db>.<table>__staging_<run>`.
/// 2. `ReadPreviousCopy`: Glue GetTable, the table's current location.
/// 3. `StageCopy`: `CREATE TABLE <staging> WITH (external_location = '<fresh>', <the table's
///    format, e.g. format = 'TEXTFILE', field_delimiter = ','>) AS SELECT <columns> FROM <source>`
///    (`CopyPlan.Job.ctasProperties`).
/// 4. `SwitchTable`: `ALTER TABLE <db>.<table> SET LOCATION '<fresh>'`.
/// 5. `DropStaging`: `DROP TABLE <staging>` (a CTAS table is external: its files stay).
/// 6. The previous copy's objects are deleted, 250 at a time (ListObjectsV2 with its
///    ContinuationToken, DeleteObjects), only when the previous location is another run's
///    folder of this table (`s3://<bucket>/<table>/runs/<run>/`), never anything else.
///
/// A failed CTAS or ALTER drops the staging table and deletes the fresh folder; the table
/// still points at the previous copy.
enum ReplaceStates {
    /// Objects listed and deleted per page: DeleteObjects takes at most 1,000, and 250 keys
    /// keep a page well inside the 256 KiB state payload (`StateMachineQuotas`).
    static let pageSize = 250
    /// The longest object name Athena writes below a run's folder, for the payload check
    /// (a CTAS writes `<query id>_<n>` style names well under this).
    static let assumedObjectNameLength = 100

    // JSONata (only where JSONPath cannot build `[{"Key": …}]` from a listing); the harness's
    // evaluator understands exactly these expressions.
    static let prefixArgument = "{% $states.input.cleanup.prefix %}"
    static let tokenArgument = "{% $states.input.listing.token %}"
    static let listingOutput =
        "{% $merge([$states.input, {'listing': {'keys': [$states.result.Contents.{'Key': Key}], 'token': $states.result.NextContinuationToken}}]) %}"
    static let errorOutput = "{% $merge([$states.input, {'error': $states.errorOutput}]) %}"

    /// The CTAS of an unpartitioned run: the unpartitioned replaced tables' shared `WITH`
    /// properties written into the template, or each table's own from its job
    /// (`ctasProperties`) when they differ.
    static func ctasFormat(plan: CopyPlan) -> String {
        guard let shared = plan.sharedCtasProperties else {
            return
                "States.Format('CREATE TABLE {} WITH (external_location = \\'{}\\', {}) AS SELECT {} FROM {}', $.run.staging, $.run.location, $.\(CopyDefinition.ctasPropertiesKey), $.columns, $.source)"
        }
        return
            "States.Format('CREATE TABLE {} WITH (external_location = \\'{}\\', \(intrinsicLiteral(shared))) AS SELECT {} FROM {}', $.run.staging, $.run.location, $.columns, $.source)"
    }

    /// Text inside an intrinsic function's string literal, where quotes, braces and backslashes are escaped.
    static func intrinsicLiteral(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "'{}\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
    static let alterFormat = "States.Format('ALTER TABLE {} SET LOCATION \\'{}\\'', $.target, $.run.location)"
    static let dropFormat = "States.Format('DROP TABLE IF EXISTS {}', $.run.staging)"

    static func runId() -> String {
        "States.Hash(States.Format('{}@{}', $$.Execution.Id, $$.Execution.StartTime), 'MD5')"
    }

    /// The states above; without unpartitioned replaced tables only the previous copy's clean-up,
    /// which partitioned replaced tables share (`PartitionStates`).
    static func states(
        plan: CopyPlan, workGroup: Value, partition: Value, bucket: String,
        includeUnpartitioned: Bool = true
    ) -> [(name: String, state: State)] {
        let run = runId()
        let all = [Catcher(errorEquals: [StatesError.all], next: "TableFailed", resultPath: .path("$.error"))]
        let cleanUp = [Catcher(errorEquals: [StatesError.all], next: "DropFailedStaging", resultPath: .path("$.error"))]
        func athena(_ format: String, comment: String, next: String, catch catchers: [Catcher]) -> State {
            var task = AthenaStartQueryExecution(
                queryString: .string(format), workGroup: workGroup, integrationPattern: .runJob,
                comment: comment
            )
            .task(
                partition: partition, transition: .next(next), retry: CopyDefinition.transientRetry, catch: catchers,
                resultPath: .discard)
            task.parameters = CopyDefinition.renameToPath(task.parameters, key: "QueryString")
            return .task(task)
        }
        func sdk(_ service: String, _ action: String) -> Value {
            AwsSdkTask.resourceArn(partition: partition, service: service, action: action)
        }
        let unpartitioned: [(name: String, state: State)] = [
            (
                "NameRun",
                .pass(
                    PassState(
                        comment: "A fresh folder and staging table for this run, named by the MD5 of the execution and its start",
                        parameters: .object([
                            "id.$": .string(run),
                            "location.$": .string("States.Format('s3://\(bucket)/{}/\(CopyPlan.runsFolder)/{}/', $.table, \(run))"),
                            "staging.$": .string("States.Format('{}\(CopyPlan.stagingInfix){}', $.target, \(run))"),
                        ]),
                        resultPath: .path("$.run"), transition: .next("ReadPreviousCopy")))
            ),
            (
                "ReadPreviousCopy",
                .task(
                    TaskState(
                        comment: "Where the table's current copy is",
                        resource: sdk("glue", "getTable"),
                        parameters: .object(["DatabaseName": .string(plan.targetDatabase), "Name.$": "$.table"]),
                        resultSelector: .object(["location.$": "$.Table.StorageDescriptor.Location"]),
                        resultPath: .path("$.previous"), catch: all, transition: .next("IsRunFolderFresh")))
            ),
            (
                "IsRunFolderFresh",
                .choice(
                    ChoiceState(
                        comment: "Never write over (or clean up) the folder the table reads",
                        choices: [.init(.stringEqualsPath(variable: "$.previous.location", "$.run.location"), next: "RunFolderInUse")],
                        defaultNext: "StageCopy"))
            ),
            (
                "RunFolderInUse",
                .pass(
                    PassState(
                        parameters: .object(["target.$": "$.target", "error": .object(["Error": "RunFolderInUse"])]),
                        transition: .next("TableFailed")))
            ),
            (
                "StageCopy",
                athena(ctasFormat(plan: plan), comment: "CTAS: the complete copy into the run's folder", next: "SwitchTable", catch: cleanUp)
            ),
            ("SwitchTable", athena(alterFormat, comment: "Point the table at the new copy", next: "DropStaging", catch: cleanUp)),
            (
                "DropStaging",
                athena(
                    dropFormat, comment: "The staging table goes; its files are now the table's", next: "SplitPreviousLocation",
                    catch: all)
            ),
        ]
        var cleanUpPrevious: [(name: String, state: State)] = [
            (
                "SplitPreviousLocation",
                .pass(
                    PassState(
                        parameters: .object([
                            "location.$": "$.previous.location",
                            "parts.$": "States.StringSplit($.previous.location, '/')",
                            "count.$": "States.ArrayLength(States.StringSplit($.previous.location, '/'))",
                        ]),
                        resultPath: .path("$.previous"), transition: .next("IsPreviousARunFolder")))
            ),
            (
                "IsPreviousARunFolder",
                .choice(
                    ChoiceState(
                        comment: "s3://<bucket>/<table>/runs/<run>/ has five parts; anything else (the DDL's first location) is left alone",
                        choices: [.init(.numericEquals(variable: "$.previous.count", 5), next: "IsPreviousThisTables")],
                        defaultNext: "TableCopied"))
            ),
            (
                "IsPreviousThisTables",
                .choice(
                    ChoiceState(
                        comment: "Delete only inside this table's own runs/ folder of the target bucket",
                        choices: [
                            .init(
                                .and([
                                    .stringEquals(variable: "$.previous.parts[0]", "s3:"),
                                    .stringEquals(variable: "$.previous.parts[1]", bucket),
                                    .stringEqualsPath(variable: "$.previous.parts[2]", "$.table"),
                                    .stringEquals(variable: "$.previous.parts[3]", CopyPlan.runsFolder),
                                ]), next: "PreviousCopyPrefix")
                        ],
                        defaultNext: "TableCopied"))
            ),
            (
                "PreviousCopyPrefix",
                .pass(
                    PassState(
                        parameters: .object(["prefix.$": .string("States.Format('{}/\(CopyPlan.runsFolder)/{}/', $.table, $.previous.parts[4])")]),
                        resultPath: .path("$.cleanup"), transition: .next("ListPreviousCopy")))
            ),
        ]
        cleanUpPrevious += deletionLoop(name: "PreviousCopy", bucket: bucket, done: "TableCopied", sdk: sdk)
        guard includeUnpartitioned else { return cleanUpPrevious }
        var states = unpartitioned + cleanUpPrevious
        states += [
            (
                "DropFailedStaging",
                athena(
                    dropFormat, comment: "A failed run leaves no staging table", next: "FailedCopyPrefix",
                    catch: [Catcher(errorEquals: [StatesError.all], next: "FailedCopyPrefix", resultPath: .path("$.dropError"))])
            ),
            (
                "FailedCopyPrefix",
                .pass(
                    PassState(
                        parameters: .object(["prefix.$": .string("States.Format('{}/\(CopyPlan.runsFolder)/{}/', $.table, $.run.id)")]),
                        resultPath: .path("$.cleanup"), transition: .next("ListFailedCopy")))
            ),
        ]
        states += deletionLoop(name: "FailedCopy", bucket: bucket, done: "TableFailed", sdk: sdk)
        return states
    }

    /// Deletes every object below `$.cleanup.prefix`, a page at a time, then goes to `done`.
    static func deletionLoop(name: String, bucket: String, done: String, sdk: (String, String) -> Value) -> [(name: String, state: State)] {
        func list(more: Bool) -> State {
            var arguments: [Value.Field] = [
                .init("Bucket", .string(bucket)), .init("Prefix", .string(prefixArgument)),
                .init("MaxKeys", .int(pageSize)),
            ]
            if more { arguments.append(.init("ContinuationToken", .string(tokenArgument))) }
            var task = TaskState(
                comment: more ? "The next page" : "The first page of the objects to delete",
                resource: sdk("s3", "listObjectsV2"),
                catch: [Catcher(errorEquals: [StatesError.all], next: "TableFailed", output: .string(errorOutput))],
                transition: .next("Has\(name)Objects"))
            task.queryLanguage = "JSONata"
            task.arguments = .object(arguments)
            task.output = .string(listingOutput)
            return .task(task)
        }
        return [
            ("List\(name)", list(more: false)),
            ("ListMore\(name)", list(more: true)),
            (
                "Has\(name)Objects",
                .choice(
                    ChoiceState(
                        choices: [.init(.isPresent(variable: "$.listing.keys[0]", true), next: "Delete\(name)")], defaultNext: done))
            ),
            (
                "Delete\(name)",
                .task(
                    TaskState(
                        resource: sdk("s3", "deleteObjects"),
                        parameters: .object(["Bucket": .string(bucket), "Delete": .object(["Objects.$": "$.listing.keys", "Quiet": .bool(true)])]),
                        resultPath: .path("$.deleted"),
                        catch: [Catcher(errorEquals: [StatesError.all], next: "TableFailed", resultPath: .path("$.error"))],
                        transition: .next("Deleted\(name)")))
            ),
            (
                "Deleted\(name)",
                .choice(
                    ChoiceState(
                        comment: "DeleteObjects answers 200 and lists the keys it could not delete",
                        choices: [
                            .init(.isPresent(variable: "$.deleted.Errors[0]", true), next: "\(name)NotDeleted"),
                            .init(.isPresent(variable: "$.listing.token", true), next: "ListMore\(name)"),
                        ],
                        defaultNext: done))
            ),
            (
                "\(name)NotDeleted",
                .pass(
                    PassState(
                        parameters: .object(["target.$": "$.target", "error": .object(["Error": "S3.DeleteObjectsFailed"])]),
                        transition: .next("TableFailed")))
            ),
        ]
    }
}
