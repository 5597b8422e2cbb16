import CloudFormation

/// The optimized Step Functions integration with Athena's `StartQueryExecution`.
public struct AthenaStartQueryExecution {
    /// Athena's limit on a query string (256 KiB, not adjustable).
    public static let maximumQueryLength = 262_144

    /// The errors of StartQueryExecution worth retrying, as Step Functions names them
    /// (`Athena.<Code>`): too many queries in flight for the account's DML quota, and Athena's
    /// own transient faults. It raises no ThrottlingException; a query that runs and fails is
    /// `States.TaskFailed`, which a retry would only repeat.
    /// (https://docs.aws.amazon.com/athena/latest/APIReference/API_StartQueryExecution.html)
    public static let transientErrors = ["Athena.TooManyRequestsException", "Athena.InternalServerException"]

    public var queryString: Value
    public var workGroup: Value
    public var integrationPattern: IntegrationPattern
    public var comment: String?
    /// The default database and catalog of unqualified names, when given.
    public var database: String?
    public var catalog: String?

    public init(
        queryString: Value, workGroup: Value, integrationPattern: IntegrationPattern = .requestResponse,
        comment: String? = nil, database: String? = nil, catalog: String? = nil
    ) {
        self.queryString = queryString
        self.workGroup = workGroup
        self.integrationPattern = integrationPattern
        self.comment = comment
        self.database = database
        self.catalog = catalog
    }

    /// The integration's resource ARN, `arn:<partition>:states:::athena:startQueryExecution[.sync]`.
    public static func resourceArn(partition: Value, pattern: IntegrationPattern) -> Value {
        .interpolate([.string("arn:"), partition, .string(":states:::athena:startQueryExecution" + pattern.suffix)])
    }

    /// The Task state, with the given transition and error handling.
    public func task(
        partition: Value, transition: Transition, retry: [Retrier] = [], catch catchers: [Catcher] = [],
        resultPath: ResultPath? = nil, resultSelector: Value? = nil
    ) -> TaskState {
        var parameters: [Value.Field] = [.init("QueryString", queryString)]
        var context: [Value.Field] = []
        if let catalog { context.append(.init("Catalog", .string(catalog))) }
        if let database { context.append(.init("Database", .string(database))) }
        if !context.isEmpty { parameters.append(.init("QueryExecutionContext", .object(context))) }
        parameters.append(.init("WorkGroup", workGroup))
        var task = TaskState(
            comment: comment, resource: AthenaStartQueryExecution.resourceArn(partition: partition, pattern: integrationPattern),
            parameters: .object(parameters), resultSelector: resultSelector, resultPath: resultPath,
            retry: retry, catch: catchers, transition: transition)
        task.integrationProblems = problems()
        return task
    }

    public func problems() -> [String] {
        var problems: [String] = []
        if integrationPattern == .waitForTaskToken {
            problems.append("Athena's StartQueryExecution supports request-response and .sync (run a job), not .waitForTaskToken")
        }
        if let query = queryString.literalString, query.count > AthenaStartQueryExecution.maximumQueryLength {
            problems.append("the query is \(query.count) characters; Athena allows \(AthenaStartQueryExecution.maximumQueryLength)")
        }
        return problems
    }
}
