import AWSConstructs
import CloudFormation
import Constructs
import Synthesis

/// A second app `synth` hosts (`--app scheduled-query`, or `"app": "scheduled-query"`): an Athena
/// query run on a schedule by Step Functions, its results written to a bucket of the stack's own,
/// and a mail when a run fails. Built only from the library; the host gives it every flag.
public enum ScheduledQueryApp: SynthApp {
    public struct Input {
        public var project: String, account: String, region: String, query: String, schedule: String
        public var timezone: String?, email: String?
        /// The tables the query reads, in the account's own Glue catalog.
        public var tables: [(database: String, table: String)]
        /// `s3://<bucket>/<folder>/` of their files: read, nothing else.
        public var dataLocations: [(bucket: String, folder: String)]
    }

    public struct Model { let stack: Stack }

    public static let name = "scheduled-query"
    public static let summary = "Runs an Athena query on a schedule, its results in a bucket, failed runs mailed."
    public static let settingsHelp = [
        (key: "projectName", help: "Prefix of every resource name (default: scheduled-query)."),
        (key: "accountId", help: "Account the stack is deployed in (12 digits)."),
        (key: "region", help: "Region of the stack, e.g. eu-west-1."),
        (key: "query", help: "The SQL to run, e.g. SELECT region, sum(amount) FROM sales.orders GROUP BY 1."),
        (key: "tables", help: "The tables it reads, [\"<database>.<table>\", …]: granted read, nothing else."),
        (key: "dataLocations", help: "Where those tables' files are, [\"s3://<bucket>/<folder>/\", …]: read, nothing else."),
        (key: "schedule", help: "rate(1 day) or cron(0 6 * * ? *)."),
        (key: "scheduleTimezone", help: "The time zone of a cron schedule (default: UTC)."),
        (key: "alarmEmail", help: "Mail failed, timed-out or aborted runs to this address."),
    ]

    public static func load(_ request: LoadRequest, into diagnostics: inout Diagnostics) -> Input? {
        var values = Dictionary(request.context.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        for (key, value) in request.overrides { values[key] = .string(value) }
        func report(_ key: String, _ message: String, hint: String? = nil) {
            diagnostics.report(Diagnostic(.setting("\(request.configPath): context.\(key)"), message, hint: hint))
        }
        let known = settingsHelp.map(\.key)
        for key in values.keys.sorted() where !known.contains(key) {
            let near = NearestWord.among(known, to: key).map { "; did you mean \"\($0)\"?" } ?? ""
            report(key, "unknown key\(near)", hint: "known keys: \(known.joined(separator: ", "))")
        }
        func text(_ key: String, required: Bool = true) -> String? {
            guard let value = values[key] else {
                if required { report(key, "is required", hint: settingsHelp.first { $0.key == key }?.help) }
                return nil
            }
            guard let string = value.stringValue, !string.isEmpty else {
                report(key, "must be a non-empty string", hint: "quote it")
                return nil
            }
            return string
        }
        let (account, region, query, schedule) = (text("accountId"), text("region"), text("query"), text("schedule"))
        let (timezone, email) = (text("scheduleTimezone", required: false), text("alarmEmail", required: false))
        if let account, account.count != 12 || !account.allSatisfy(\.isNumber) { report("accountId", "\"\(account)\" is not an AWS account id") }
        for problem in schedule.map(Schedule.expressionProblems) ?? [] { report("schedule", "\"\(schedule ?? "")\" \(problem)") }
        if let timezone, let problem = Schedule.timezoneProblem(timezone) { report("scheduleTimezone", problem) }
        if let email, !email.contains("@") { report("alarmEmail", "\"\(email)\" is not a mail address") }
        let tables = (values["tables"]?.arrayValue ?? []).compactMap(\.stringValue).map { $0.split(separator: ".").map(String.init) }
        if tables.isEmpty || tables.contains(where: { $0.count != 2 }) {
            report("tables", "must list the tables the query reads as \"<database>.<table>\"", hint: "e.g. [\"sales.orders\"]")
        }
        let locations = (values["dataLocations"]?.arrayValue ?? []).compactMap(\.stringValue).compactMap { location -> (String, String)? in
            let parts = location.dropFirst("s3://".count).split(separator: "/", maxSplits: 1).map(String.init)
            return location.hasPrefix("s3://") && location.hasSuffix("/") && parts.count == 2 ? (parts[0], parts[1]) : nil
        }
        if locations.isEmpty || locations.count != values["dataLocations"]?.arrayValue?.count {
            report("dataLocations", "must list the tables' folders as \"s3://<bucket>/<folder>/\"", hint: "e.g. [\"s3://my-data/orders/\"]")
        }
        guard let account, let region, let query, let schedule, !diagnostics.hasErrors else { return nil }
        let project = "\(text("projectName", required: false) ?? name)-\(request.environment)"
        return Input(
            project: project, account: account, region: region, query: query, schedule: schedule, timezone: timezone,
            email: email, tables: tables.map { ($0[0], $0[1]) }, dataLocations: locations)
    }

    public static func build(_ input: Input, in app: App, into diagnostics: inout Diagnostics) -> Model {
        let project = input.project
        let machineName = "\(input.project)-query"
        let stack = Stack(app, "\(project)-stack", account: input.account, region: input.region, tags: [Tag("Project", .string(project))])
        let role = Role(
            stack, "QueryRole", roleName: "\(project)-sfn-role", assumedBy: .service("states.amazonaws.com"),
            assumedFor: stack.formatArn(service: "states", resource: "stateMachine:\(machineName)"))
        let results = Bucket(
            stack, "Results", bucketName: .string("\(project)-\(input.account)-results"), enforceSSL: true,
            versioned: true, objectOwnership: .bucketOwnerEnforced, removalPolicy: .retain)
        results.resource.skipCheckov("CKV_AWS_18", reason: "Query results only; CloudTrail data events are the audit trail")
        results.grant(role, actions: BucketActions.athenaQueryOutput, objectsMatching: "results/*")
        // Results go to our bucket, not Athena's managed storage: the library's WorkGroup has no
        // result location, so the escape hatch sets it.
        let workGroup = WorkGroup(stack, "QueryWorkGroup", name: "\(project)-workgroup", managedQueryResults: false)
        workGroup.resource.addPropertyDeletionOverride("WorkGroupConfiguration.ManagedQueryResultsConfiguration")
        workGroup.resource.addPropertyOverride(
            "WorkGroupConfiguration.ResultConfiguration",
            .object([
                "OutputLocation": .interpolate("s3://", results.bucketName, "/results/"),
                "EncryptionConfiguration": .object(["EncryptionOption": "SSE_S3"]),
            ]))
        func allow(_ sid: String, _ actions: [String], on resources: [Value], _ conditions: [PolicyStatement.Condition] = []) {
            role.addToPolicy(PolicyStatement(sid: sid, actions: actions, resources: resources, conditions: conditions))
        }
        allow("RunTheQuery", ["athena:StartQueryExecution", "athena:GetQueryExecution", "athena:StopQueryExecution"], on: [workGroup.arn])
        let catalog = GlueCatalogArns(stack: stack)
        let databases = Array(Set(input.tables.map(\.database))).sorted().map(catalog.database)
        let tables = input.tables.map { catalog.table($0.database, $0.table) }
        allow(
            "ReadItsTables", ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"],
            on: [catalog.catalog, catalog.database("default")] + databases + tables)
        for (index, location) in input.dataLocations.enumerated() {
            let bucket = stack.formatGlobalArn(service: "s3", resource: location.bucket)
            allow("ReadTheirFiles\(index + 1)", ["s3:GetObject"], on: [.interpolate(bucket, .string("/\(location.folder)*"))])
            allow("ListTheirFiles\(index + 1)", ["s3:ListBucket"], on: [bucket], [.init("StringLike", "s3:prefix", [.string(location.folder + "*")])])
        }
        let logs = LogGroup(
            stack, "QueryLogs", logGroupName: .string("/aws/vendedlogs/states/\(machineName)"), retentionDays: 365,
            removalPolicy: .destroy)
        logs.resource.skipCheckov("CKV_AWS_158", reason: "No execution data is logged; CloudWatch Logs encrypts at rest by default")
        let retry = Retrier(
            errorEquals: AthenaStartQueryExecution.transientErrors, intervalSeconds: 5, maxAttempts: 4, backoffRate: 2,
            maxDelaySeconds: 300, jitter: .full)
        let run = AthenaStartQueryExecution(queryString: .string(input.query), workGroup: workGroup.nameRef, integrationPattern: .runJob)
            .task(partition: stack.partitionValue, transition: .end, retry: [retry])
        let definition = StateMachineDefinition(
            comment: "Runs the scheduled query", graph: StateGraph(single: "RunQuery", .task(run)),
            timeoutSeconds: 3_600)
        let machine = StateMachine(
            stack, "Query", stateMachineName: machineName, definition: definition, role: role,
            logging: .init(destination: logs), tracingEnabled: true)
        _ = Schedule(
            stack, "Schedule", name: "\(project)-schedule", expression: input.schedule, timezone: input.timezone,
            description: "Runs \(machineName)", stateMachineArn: machine.stateMachineArn, stateMachineName: machineName)
        if let email = input.email {
            _ = RunAlerts(
                stack, "Alerts", stateMachineName: machineName, stateMachineArn: machine.stateMachineArn, ruleName: "\(project)-alerts",
                topicName: "\(project)-alerts", topicDisplayName: "\(project) runs", run: "Query run", email: email, topicArn: nil)
        }
        CfnOutput(stack, "ResultsBucket", Output(value: results.bucketName, description: "Where the query's results are written"))
        return Model(stack: stack)
    }

    public static func templateFiles(of model: Model) -> [(stack: Stack, file: String)] { [(model.stack, "scheduled-query-stack.json")] }
}
