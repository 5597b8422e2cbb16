import AWSConstructs
import CloudFormation
import Constructs
import Synthesis

/// A second app `synth` hosts (`--app scheduled-query`, or `"app": "scheduled-query"`): an Athena
/// query run on a schedule by Step Functions, its results written to a bucket of the stack's own,
/// and a mail when a run fails. Built only from the library; the host gives it every flag.
public enum ScheduledQueryApp: SynthApp {
    public struct Input: Sendable {
        public var project: String, account: String, region: String, query: String, schedule: String
        public var timezone: String?, email: String?
        /// `<database>.<table>` the query reads, in the account's own Glue catalog.
        public var tables: [String]
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
        var values: [String: JSON] = Dictionary(request.context.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        for (key, value) in request.overrides { values[key] = .string(value) }
        let known = settingsHelp.map(\.key)
        func at(_ key: String) -> String { "\(request.configPath): context.\(key)" }
        for key in values.keys.sorted() where !known.contains(key) {
            let near = NearestWord.among(known, to: key).map { "; did you mean \"\($0)\"?" } ?? ""
            diagnostics.report(Diagnostic(.setting(at(key)), "unknown key\(near)", hint: "known keys: \(known.joined(separator: ", "))"))
        }
        func text(_ key: String, required: Bool = true) -> String? {
            guard let value = values[key] else {
                if required { diagnostics.report(Diagnostic(.setting(at(key)), "is required", hint: settingsHelp.first { $0.key == key }?.help)) }
                return nil
            }
            guard let string = value.stringValue, !string.isEmpty else {
                diagnostics.report(Diagnostic(.setting(at(key)), "must be a non-empty string", hint: "quote the value"))
                return nil
            }
            return string
        }
        let project = text("projectName", required: false) ?? name
        let account = text("accountId")
        let region = text("region")
        let query = text("query")
        let schedule = text("schedule")
        let timezone = text("scheduleTimezone", required: false)
        let email = text("alarmEmail", required: false)
        if let account, account.count != 12 || !account.allSatisfy(\.isNumber) {
            diagnostics.report(Diagnostic(.setting(at("accountId")), "\"\(account)\" is not an AWS account id", hint: "use the account's 12 digits"))
        }
        for problem in schedule.map(Schedule.expressionProblems) ?? [] {
            diagnostics.report(
                Diagnostic(.setting(at("schedule")), "\"\(schedule ?? "")\" \(problem)", hint: "write rate(1 day) or cron(0 6 * * ? *)"))
        }
        if let timezone, let problem = Schedule.timezoneProblem(timezone) {
            diagnostics.report(Diagnostic(.setting(at("scheduleTimezone")), problem))
        }
        if let email, !email.contains("@") { diagnostics.report(Diagnostic(.setting(at("alarmEmail")), "\"\(email)\" is not a mail address")) }
        let tables = (values["tables"]?.arrayValue ?? []).compactMap(\.stringValue)
        if tables.isEmpty || tables.contains(where: { $0.split(separator: ".").count != 2 }) {
            diagnostics.report(
                Diagnostic(
                    .setting(at("tables")), "must list the tables the query reads as \"<database>.<table>\"",
                    hint: "e.g. \"tables\": [\"sales.orders\"]"))
        }
        let locations = (values["dataLocations"]?.arrayValue ?? []).compactMap(\.stringValue).compactMap { location -> (String, String)? in
            let parts = location.dropFirst("s3://".count).split(separator: "/", maxSplits: 1).map(String.init)
            guard location.hasPrefix("s3://"), location.hasSuffix("/"), parts.count == 2 else { return nil }
            return (parts[0], parts[1])
        }
        if locations.isEmpty || locations.count != values["dataLocations"]?.arrayValue?.count {
            diagnostics.report(
                Diagnostic(
                    .setting(at("dataLocations")), "must list the tables' folders as \"s3://<bucket>/<folder>/\"",
                    hint: "e.g. \"dataLocations\": [\"s3://my-data/sales/orders/\"]"))
        }
        guard let account, let region, let query, let schedule, !diagnostics.hasErrors else { return nil }
        return Input(
            project: "\(project)-\(request.environment)", account: account, region: region, query: query, schedule: schedule,
            timezone: timezone, email: email, tables: tables, dataLocations: locations)
    }

    public static func build(_ input: Input, in app: App, into diagnostics: inout Diagnostics) -> Model {
        let stack = Stack(app, "\(input.project)-stack", account: input.account, region: input.region, tags: [Tag("Project", .string(input.project))])
        let role = Role(
            stack, "QueryRole", roleName: "\(input.project)-sfn-role", assumedBy: .service("states.amazonaws.com"),
            assumedFor: stack.formatArn(service: "states", resource: "stateMachine:\(input.project)-query"))
        let results = Bucket(
            stack, "Results", bucketName: .string("\(input.project)-\(input.account)-results"), enforceSSL: true,
            versioned: true, objectOwnership: .bucketOwnerEnforced, removalPolicy: .retain)
        results.resource.skipCheckov("CKV_AWS_18", reason: "Query results only; CloudTrail data events are the audit trail")
        results.grant(role, actions: BucketActions.athenaQueryOutput, objectsMatching: "results/*")
        // Results go to our bucket, not Athena's managed storage: the library's WorkGroup has no
        // result location, so the escape hatch sets it.
        let workGroup = WorkGroup(stack, "QueryWorkGroup", name: "\(input.project)-workgroup", managedQueryResults: false)
        workGroup.resource.addPropertyDeletionOverride("WorkGroupConfiguration.ManagedQueryResultsConfiguration")
        workGroup.resource.addPropertyOverride(
            "WorkGroupConfiguration.ResultConfiguration",
            .object([
                "OutputLocation": .interpolate("s3://", results.bucketName, "/results/"),
                "EncryptionConfiguration": .object(["EncryptionOption": "SSE_S3"]),
            ]))
        let catalog = GlueCatalogArns(stack: stack)
        let databases = Array(Set(input.tables.map { String($0.split(separator: ".")[0]) })).sorted()
        role.addToPolicy(
            PolicyStatement(
                sid: "RunTheQuery",
                actions: [
                    "athena:StartQueryExecution", "athena:GetQueryExecution",
                    "athena:StopQueryExecution",
                ], resources: [workGroup.arn]))
        role.addToPolicy(
            PolicyStatement(
                sid: "ReadItsTables", actions: ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"],
                resources: [catalog.catalog, catalog.database("default")] + databases.map(catalog.database)
                    + input.tables.map { catalog.table(String($0.split(separator: ".")[0]), String($0.split(separator: ".")[1])) }))
        for (index, location) in input.dataLocations.enumerated() {
            let bucket = Value.interpolate("arn:", stack.partitionValue, .string(":s3:::\(location.bucket)"))
            role.addToPolicy(
                PolicyStatement(
                    sid: "ReadTheirFiles\(index + 1)", actions: ["s3:GetObject"],
                    resources: [.interpolate(bucket, .string("/\(location.folder)*"))]))
            role.addToPolicy(
                PolicyStatement(
                    sid: "ListTheirFiles\(index + 1)", actions: ["s3:ListBucket"], resources: [bucket],
                    conditions: [.init("StringLike", "s3:prefix", [.string(location.folder + "*")])]))
        }
        let logs = LogGroup(
            stack, "QueryLogs", logGroupName: .string("/aws/vendedlogs/states/\(input.project)-query"), retentionDays: 365,
            removalPolicy: .destroy)
        logs.resource.skipCheckov("CKV_AWS_158", reason: "No execution data is logged; CloudWatch Logs encrypts at rest by default")
        let task = AthenaStartQueryExecution(queryString: .string(input.query), workGroup: workGroup.nameRef, integrationPattern: .runJob)
        let retry = Retrier(
            errorEquals: AthenaStartQueryExecution.transientErrors, intervalSeconds: 5, maxAttempts: 4, backoffRate: 2,
            maxDelaySeconds: 300, jitter: .full)
        let machine = StateMachine(
            stack, "Query", stateMachineName: "\(input.project)-query",
            definition: StateMachineDefinition(
                comment: "Runs the scheduled query",
                graph: StateGraph(
                    single: "RunQuery",
                    .task(
                        task.task(
                            partition: stack.partitionValue, transition: .end, retry: [retry]))), timeoutSeconds: 3_600),
            role: role, logging: .init(destination: logs), tracingEnabled: true)
        _ = Schedule(
            stack, "Schedule", name: "\(input.project)-schedule", expression: input.schedule, timezone: input.timezone,
            description: "Runs \(input.project)-query", stateMachineArn: machine.stateMachineArn, stateMachineName: "\(input.project)-query")
        if let email = input.email {
            _ = RunAlerts(
                stack, "Alerts", stateMachineName: "\(input.project)-query", stateMachineArn: machine.stateMachineArn,
                ruleName: "\(input.project)-alerts", topicName: "\(input.project)-alerts", topicDisplayName: "\(input.project) runs",
                run: "Query run", email: email, topicArn: nil)
        }
        CfnOutput(stack, "ResultsBucket", Output(value: results.bucketName, description: "Where the query's results are written"))
        return Model(stack: stack)
    }

    public static func templateFiles(of model: Model) -> [(stack: Stack, file: String)] { [(model.stack, "scheduled-query-stack.json")] }

    public static func artifacts(of model: Model, templates: RenderedTemplates, into diagnostics: inout Diagnostics)
        -> (files: [RenderedFile], extras: [String: String])
    { ([], [:]) }
}
