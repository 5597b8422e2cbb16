import AWSConstructs
import CloudFormation
import Constructs

// The README's "Write your own stack" example; ReadmeExampleTests keeps the two identical.
// README-EXAMPLE-BEGIN
/// A reporting bucket written by a nightly Athena query that Step Functions runs.
func makeReportingTemplate() throws -> String {
    let app = App()
    let stack = Stack(
        app, "reporting-stack", description: "Nightly reporting",
        account: "123456789012", region: "eu-west-1",
        tags: [Tag("Project", "reporting")])

    let role = Role(
        stack, "ReportRole", roleName: "reporting-sfn-role",
        assumedBy: .service("states.amazonaws.com"))
    let reports = Bucket(
        stack, "Reports", bucketName: "reporting-123456789012-reports",
        enforceSSL: true, versioned: true, objectOwnership: .bucketOwnerEnforced,
        removalPolicy: .destroy, autoDeleteObjects: true)
    reports.grantReadWrite(role)

    let workGroup = WorkGroup(stack, "ReportingWorkGroup", name: "reporting")
    role.addToPolicy(
        PolicyStatement(
            sid: "RunReportQueries",
            actions: ["athena:StartQueryExecution", "athena:GetQueryExecution", "athena:StopQueryExecution"],
            resources: [workGroup.arn]))

    let query = AthenaStartQueryExecution(
        queryString: "SELECT count(*) FROM reporting.daily_sales",
        workGroup: workGroup.nameRef,
        integrationPattern: .runJob)
    _ = StateMachine(
        stack, "Nightly", stateMachineName: "reporting-nightly",
        definition: StateMachineDefinition(
            graph: StateGraph(single: "RunQuery", .task(query.task(partition: stack.partitionValue, transition: .end))),
            timeoutSeconds: 900),
        role: role)

    let assembly = try app.synthesize()  // throws every problem at once, with construct paths
    return assembly.stacks[0].template.render()
}
// README-EXAMPLE-END
