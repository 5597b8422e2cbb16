import AWSConstructs
import CloudFormation
import Constructs
import Synthesis

/// Inputs of rendering that are not configuration.
public struct RenderOptions: Sendable {
    /// The project folder as seen from the output folder, so the deploy plan finds the sample data.
    public var projectRootFromOutput: String
    /// Whether the texts `synth plan` prints (the deploy plan and, never written, the teardown
    /// script) are rendered as extras.
    public var rendersExtras: Bool
    public init(projectRootFromOutput: String = "..", rendersExtras: Bool = true) {
        self.projectRootFromOutput = projectRootFromOutput
        self.rendersExtras = rendersExtras
    }
}

/// Renders the seed system for a validated configuration: the stacks, the Glue policy and the
/// SQL, all in memory. A pure function of its inputs: same input, same bytes. The stages that are
/// the cross-account app's own (`CrossAccountApp`); `render` runs them all.
public enum CrossAccountSynthesizer {
    public static let targetTemplateFile = "target-stack.json"
    public static let sourceTemplateFile = "source-stack.json"
    public static let gluePolicyFile = "glue-resource-policy.json"
    public static let sourceDDLFile = "source-create-database-and-table.sql"
    public static let targetDDLFile = "target-create-database-and-table.sql"

    /// Every file, in a fixed order, or every problem found.
    public static func render(config: AppConfig, sources: ProjectSources, options: RenderOptions = RenderOptions()) -> Result<
        [RenderedFile], SynthesisError
    > {
        renderWithWarnings(config: config, sources: sources, options: options).map(\.files)
    }

    public typealias Rendering = Synthesis.Rendering

    /// Every file and warning, or every problem found (errors and warnings): the synthesis
    /// pipeline's stages after loading, for a configuration already loaded.
    public static func renderWithWarnings(config: AppConfig, sources: ProjectSources, options: RenderOptions = RenderOptions()) -> Result<
        Rendering, SynthesisError
    > {
        SynthesisPipeline<CrossAccountApp>.render(CrossAccountApp.Input(config: config, sources: sources, options: options))
    }

    /// Stage 2 of the cross-account app: the copy plan and the stacks, and the problems that
    /// only the plan as a whole shows.
    static func build(_ input: CrossAccountApp.Input, in app: App, into diagnostics: inout Diagnostics) -> CrossAccountApp.Model {
        let config = input.config
        var problems: [Diagnostic] = []
        let plan: CopyPlan
        if let pipeline = config.pipeline {
            plan = CopyPlan(pipeline: pipeline)
        } else {
            plan = seedPlan(config: config, sources: input.sources, problems: &problems)
        }
        // A query has at most as many characters as bytes: only one of more bytes than allowed is counted.
        for job in plan.jobs
        where job.query.utf8.count > AthenaStartQueryExecution.maximumQueryLength && job.query.count > AthenaStartQueryExecution.maximumQueryLength {
            problems.append(
                Diagnostic(
                    config.pipeline == nil ? .file(ProjectSources.insertQueryPath) : .setting("\(job.target.database).\(job.target.table)"),
                    "the query is \(job.query.count) characters; Athena allows \(AthenaStartQueryExecution.maximumQueryLength)",
                    hint: "split it into several queries"))
        }
        let quotas = StateMachineQuotas.problemsAndForm(plan: plan, at: "context.sources")
        problems += quotas.problems

        let target = TargetStack(app, config: config, plan: plan, copyForm: quotas.form)
        let groups = SourceStack.accountGroups(plan)
        let sourceStacks = groups.enumerated().map { index, group in
            (SourceStack(app, config: config, plan: plan, group: group) as Stack, SourceStack.fileName(group: index, of: groups.count))
        }
        var catalogStacks: [(Stack, String)] = []
        if let pipeline = config.pipeline, pipeline.catalogAsCode {
            for sourceConfig in pipeline.sources {
                catalogStacks.append(
                    (
                        SourceCatalogStack(app, config: config, source: sourceConfig),
                        SourceCatalogStack.fileName(for: sourceConfig)
                    ))
            }
        }
        if target.permissionSize > ExecutionRolePermissions.roleCapacity {
            problems.append(
                Diagnostic(
                    at: config.pipeline == nil ? ProjectSources.insertQueryPath : "context.sources",
                    "the execution role needs \(target.permissionSize) characters of permissions for \(plan.sources.count) source account(s) even when scoped per database; IAM allows about \(ExecutionRolePermissions.roleCapacity) per role (\(Limits.roleInlinePolicyCharacters) inline + \(Limits.managedPoliciesPerRole) managed policies of \(Limits.managedPolicyCharacters))",
                    hint: "split the sources into several pipelines, each with its own projectName"))
        } else if target.permissionGranularity == .database {
            problems.append(
                Diagnostic(
                    .warning, .construct("\(target.path)/StepFunctionsExecutionRole"),
                    "table permissions are scoped per database (table/<database>/*) to fit IAM's policy size quota",
                    hint: "each source's Glue resource policy still names exactly the tables copied"))
        } else if target.permissionGranularity == .account {
            problems.append(
                Diagnostic(
                    .warning, .construct("\(target.path)/StepFunctionsExecutionRole"),
                    "source reads are scoped to the source accounts (aws:ResourceAccount) to fit IAM's policy size quota",
                    hint: "each source's Glue resource policy and bucket policy still name exactly the tables and folders read"))
        }
        diagnostics.report(problems)
        return CrossAccountApp.Model(
            input: input, plan: plan, target: target,
            templateFiles: [(target as Stack, targetTemplateFile)] + sourceStacks + catalogStacks)
    }

    /// Stage 6 of the cross-account app: the job list, the Glue resource policies, the SQL, and,
    /// when nothing failed, the deploy plan and the diagrams.
    static func artifacts(of model: CrossAccountApp.Model, templates: RenderedTemplates, into diagnostics: inout Diagnostics)
        -> (files: [RenderedFile], extras: [String: String])
    {
        var files: [RenderedFile] = []
        if let jobList = model.target.jobList {
            // The Distributed Map's items, uploaded by the deploy plan; beside the templates, like the SQL.
            files.append(RenderedFile(name: JobListFile.fileName, contents: jobList.contents))
        }
        let policies = gluePolicyFiles(model, into: &diagnostics)
        files += policies.files
        // The DDL statements once, for the SQL files and the deploy plan alike.
        let ddl = model.input.config.pipeline.flatMap { CatalogDDL.Statements(pipeline: $0, names: model.input.config.names) }
        files += sqlFiles(model, ddl: ddl, into: &diagnostics)
        guard !diagnostics.hasErrors, let targetAccountId = model.input.config.targetAccountId, let region = model.input.config.region else {
            return (files, [:])
        }
        let deploy = deployPlan(
            model, files: files, summaries: templates.summaries, gluePolicySids: policies.sids,
            targetAccountId: targetAccountId, region: region, ddl: ddl)
        let diagram = diagram(model, targetAccountId: targetAccountId, catalogActions: policies.actions)
        // Rendered once: the file and the plan extra are the same text.
        let script = deploy.script().file(named: DeployPlan.fileName, executable: true)
        files.append(script)
        files.append(diagram.mermaid().file(named: ArchitectureDiagram.mermaidFile))
        files.append(diagram.dot().file(named: ArchitectureDiagram.dotFile))
        guard model.input.options.rendersExtras else { return (files, [:]) }
        return (files, [Rendering.planExtra: script.contents, Rendering.teardownExtra: deploy.teardownScript().text])
    }

    /// Each source account's Glue resource policy file, granted to the target stack's role; the
    /// Sids the deploy plan replaces in each account's shared policy, and the actions granted.
    static func gluePolicyFiles(_ model: CrossAccountApp.Model, into diagnostics: inout Diagnostics)
        -> (files: [RenderedFile], sids: [String: [String]], actions: [String])
    {
        let config = model.input.config
        let plan = model.plan
        guard config.targetAccountId != nil, config.region != nil else {
            let missing = [config.targetAccountId == nil ? "targetAccountId" : nil, config.region == nil ? "region" : nil].compactMap { $0 }
            diagnostics.report(
                Diagnostic(
                    at: GlueResourcePolicy.fileName(for: plan.sources[0], sourceCount: plan.sources.count),
                    "needs \(missing.joined(separator: " and ")), which the configuration does not give",
                    hint: missing.map { "add \"\($0)\" to the context or pass --context \($0)=…" }.joined(separator: "; ")))
            return ([], [:], [])
        }
        var files: [RenderedFile] = []
        var sids: [String: [String]] = [:]
        var actions: [String] = []
        let policies = GlueResourcePolicy.policies(
            target: model.target, statementSid: config.names.catalogReadStatementSid, sources: plan.sources)
        for (reads, policy) in zip(plan.sources, policies) {
            let file = GlueResourcePolicy.fileName(for: reads, sourceCount: plan.sources.count)
            if policy.document.statements.contains(where: { $0.sid == nil }) {
                diagnostics.report(
                    Diagnostic(
                        .file(file),
                        "internal error: a statement has no Sid, so the deploy plan could not "
                            + "tell it from other teams' statements in the account's shared catalog policy"))
            }
            sids[reads.accountId] = policy.document.statements.compactMap(\.sid)
            if actions.isEmpty { actions = uniqueActions(policy.document.statements) }
            switch policy.render() {
            case .success(let bytes): files.append(RenderedFile(name: file, bytes: bytes))
            case .failure(let failure): diagnostics.report(failure.problems.map { Diagnostic(.file(file), $0) })
            }
        }
        return (files, sids, actions)
    }

    /// The DDL: rendered from the pipeline's tables, or the seed's SQL files with their placeholders filled.
    /// `ddl` is the pipeline's statements (`CatalogDDL.Statements`), nil when a table lists no columns.
    static func sqlFiles(_ model: CrossAccountApp.Model, ddl: CatalogDDL.Statements?, into diagnostics: inout Diagnostics) -> [RenderedFile] {
        let names = model.input.config.names
        let sources = model.input.sources
        if let pipeline = model.input.config.pipeline {
            let (files, warnings) = CatalogDDL.files(pipeline: pipeline, statements: ddl)
            diagnostics.report(warnings)
            return files
        }
        var files: [RenderedFile] = []
        for (template, path, placeholder, value, file) in [
            (sources.sourceDDL, ProjectSources.sourceDDLPath, "SOURCE_BUCKET_NAME", names.sourceBucketName, sourceDDLFile),
            (sources.targetDDL, ProjectSources.targetDDLPath, "TARGET_BUCKET_NAME", names.targetBucketName, targetDDLFile),
        ] {
            switch SQLTemplate.fill(template, style: .angleBrackets, values: [(placeholder, value)]) {
            case .success(let text): files.append(RenderedFile(name: file, contents: text))
            case .failure(let unknown): diagnostics.report(unknownPlaceholders(unknown, in: path, known: [placeholder]))
            }
        }
        return files
    }

    /// The diagram, its grant edges labelled with the grants' own actions.
    static func diagram(_ model: CrossAccountApp.Model, targetAccountId: String, catalogActions: [String]) -> ArchitectureDiagram {
        let names = model.input.config.names
        let sourceGrants = model.templateFiles.compactMap { $0.stack as? SourceStack }.first?.targetRoleGrants ?? []
        let target = model.target
        let shown = ArchitectureDiagram.TargetNames(
            stateMachine: target.stateMachine.stateMachineName ?? names.stateMachineName,
            role: target.executionRole.fixedName ?? names.executionRoleName, workGroup: target.workGroup.name,
            bucket: target.targetDataBucket.fixedName ?? names.targetBucketName,
            logGroup: target.logGroup.fixedName ?? names.stateMachineLogGroupName)
        return ArchitectureDiagram(
            names: shown, targetAccountId: targetAccountId, plan: model.plan,
            targetBucketActions: targetBucketActions(target, bucketName: shown.bucket), catalogActions: catalogActions,
            bucketPolicyActions: uniqueActions(sourceGrants.flatMap(\.resourceStatements)))
    }

    /// The actions of `statements`, each once, in order.
    static func uniqueActions(_ statements: [PolicyStatement]) -> [String] {
        var seen: Set<String> = []
        return statements.flatMap(\.actions).filter { seen.insert($0).inserted }
    }

    /// What the execution role may do in the target bucket: its grant's actions, then those of
    /// any other statement on the bucket (replace mode's deletes in run folders).
    static func targetBucketActions(_ target: TargetStack, bucketName: String) -> [String] {
        let role = target.executionRole!
        let statements = (role.defaultPolicy?.document.statements ?? []) + role.managedPolicies.flatMap(\.document.statements)
        let bucket = Array(":s3:::\(bucketName)".utf8)
        let onBucket = statements.filter { statement in statement.resources.contains { mentions($0.json(), bucket) } }
        return uniqueActions(target.targetBucketGrant.principalStatements + onBucket)
    }

    /// Whether a string (key or value) in `json` contains `pattern`: what searching its rendered
    /// text finds, for a pattern without quotes, backslashes or control characters (which is
    /// all an ARN fragment can hold), without rendering it.
    static func mentions(_ json: JSON, _ pattern: [UInt8]) -> Bool {
        switch json {
        case .string(let text): return contains(text, pattern)
        case .array(let items): return items.contains { mentions($0, pattern) }
        case .object(let members): return members.contains { contains($0.key, pattern) || mentions($0.value, pattern) }
        case .null, .bool, .int, .double: return false
        }
    }

    private static func contains(_ text: String, _ pattern: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = pattern.first, bytes.count >= pattern.count else { return pattern.isEmpty }
            for start in 0...(bytes.count - pattern.count) where bytes[start] == first {
                if UnsafeBufferPointer(rebasing: bytes[start..<(start + pattern.count)]).elementsEqual(pattern) { return true }
            }
            return false
        }
    }

    /// The deploy plan: the stacks, the job list, the SQL and the Glue policies, in order, named
    /// as the construct tree names them.
    private static func deployPlan(
        _ model: CrossAccountApp.Model, files: [RenderedFile], summaries: [StackSummary],
        gluePolicySids: [String: [String]], targetAccountId: String, region: String, ddl: CatalogDDL.Statements?
    ) -> DeployPlan {
        let config = model.input.config
        let plan = model.plan
        let target = model.target
        let options = model.input.options
        let sourceStackName = model.templateFiles.first { $0.stack is SourceStack }?.stack.stackName ?? config.names.sourceStackName
        // The state machine's ARN as the target stack builds it (its account and Region are known here).
        let stateMachineArn =
            target.stateMachine.arnFromName?.literalString
            ?? "arn:\(Partition(region: region).rawValue):states:\(region):\(targetAccountId):stateMachine:\(config.names.stateMachineName)"
        let names = config.names
        func statements(_ file: String) -> SQLStatements {
            files.first { $0.name == file }.map { SQLStatements(splitting: $0.contents) } ?? SQLStatements()
        }
        let catalogAsCode = config.pipeline?.catalogAsCode ?? false
        // The pipeline form knows its DDL as statements (none when a table lists no columns); the
        // seed's form has it only as files.
        let runsDDL = !catalogAsCode && (config.pipeline == nil || ddl != nil)
        let pipelineDDL = ddl
        let sources = plan.sources.enumerated().map { index, source -> DeployPlan.SourceAccount in
            var ddl = SQLStatements()
            var drops = SQLStatements()
            if runsDDL {
                if let pipelineSource = config.pipeline?.sources[index], let pipelineDDL {
                    ddl = pipelineDDL.sources[index]
                    drops = CatalogDDL.sourceDrops(pipelineSource)
                } else {
                    ddl = statements(sourceDDLFile)
                    drops = DeployPlan.dropStatements(for: ddl)
                }
            }
            let templateFile = SourceStack.fileName(
                group: index / SourceStack.maximumAccountsPerTemplate,
                of: SourceStack.accountGroups(plan).count)
            return DeployPlan.SourceAccount(
                accountId: source.accountId, bucket: source.bucket,
                templateFile: templateFile,
                templateNeedsS3: (summaries.first { $0.file == templateFile }?.bytes ?? 0) > Limits.inlineTemplateBytes,
                gluePolicyFile: GlueResourcePolicy.fileName(for: source, sourceCount: plan.sources.count),
                gluePolicySids: gluePolicySids[source.accountId] ?? [],
                catalogStackFile: catalogAsCode ? "source-catalog-stack-\(source.accountId).json" : nil,
                ddl: ddl, drops: drops)
        }
        var targetDDL = SQLStatements()
        var targetDrops = SQLStatements()
        if runsDDL {
            if let pipeline = config.pipeline, let pipelineDDL {
                targetDDL = pipelineDDL.target
                targetDrops = CatalogDDL.targetDrops(pipeline: pipeline)
            } else {
                targetDDL = statements(targetDDLFile)
                targetDrops = DeployPlan.dropStatements(for: targetDDL)
            }
        }
        var deploy = DeployPlan(
            names: names, targetStackName: target.stackName, sourceStackName: sourceStackName, workGroupName: target.workGroup.name,
            targetAccountId: targetAccountId, region: region,
            targetTemplateNeedsS3: (summaries.first { $0.file == targetTemplateFile }?.bytes ?? 0) > Limits.inlineTemplateBytes,
            sources: sources,
            targetDDL: targetDDL,
            targetDrops: targetDrops,
            targetTables: plan.targetTables,
            sampleData: config.pipeline == nil
                ? (FileSystemPath.join(options.projectRootFromOutput, "source/sample-data/sales.csv"), ResourceNames.sourceDataPrefix + "sales.csv")
                : nil,
            stateMachineArn: stateMachineArn,
            alarmEmail: config.alerts?.email)
        deploy.jobList = target.jobList.map {
            DeployPlan.JobListUpload(file: JobListFile.fileName, bucket: target.targetDataBucket.fixedName ?? names.targetBucketName, key: $0.key)
        }
        return deploy
    }

    /// The seed's form: the insert query from `target/insert-query.sql`, its tables found in its text.
    private static func seedPlan(config: AppConfig, sources: ProjectSources, problems: inout [Diagnostic]) -> CopyPlan {
        let insertQuery: String
        var filled = true
        switch SQLTemplate.fill(
            sources.insertQuery, style: .dollarBraces,
            values: [
                ("TARGET_DATABASE", ResourceNames.targetDatabaseName), ("SOURCE_CATALOG", ResourceNames.sourceCatalogName),
            ])
        {
        case .success(let text): insertQuery = text
        case .failure(let unknown):
            insertQuery = sources.insertQuery
            filled = false
            problems.append(unknownPlaceholders(unknown, in: ProjectSources.insertQueryPath, known: ["TARGET_DATABASE", "SOURCE_CATALOG"]))
        }
        let tables = QueryTables(sql: insertQuery, readCatalog: ResourceNames.sourceCatalogName)
        // With a placeholder unfilled the tables cannot be read from the query; that error is enough.
        guard filled else { return CopyPlan(seedQuery: insertQuery, tables: tables, sourceAccountId: config.sourceAccountId, names: config.names) }
        if tables.read.isEmpty {
            problems.append(
                Diagnostic(
                    at: ProjectSources.insertQueryPath, "the query reads no table of the source catalog",
                    hint: "select from ${SOURCE_CATALOG}.<database>.<table>"))
        }
        if tables.written.isEmpty {
            problems.append(
                Diagnostic(
                    at: ProjectSources.insertQueryPath, "the query inserts into no table",
                    hint: "write INSERT INTO ${TARGET_DATABASE}.<table>"))
        }
        return CopyPlan(seedQuery: insertQuery, tables: tables, sourceAccountId: config.sourceAccountId, names: config.names)
    }

    private static func unknownPlaceholders(_ unknown: SQLTemplate.UnknownPlaceholders, in path: String, known: [String]) -> Diagnostic {
        let list = unknown.names.map { "\"\($0)\"" }.joined(separator: ", ")
        return Diagnostic(
            at: path, "unknown placeholder\(unknown.names.count == 1 ? "" : "s") \(list)",
            hint: "the placeholders synth fills here are \(known.joined(separator: ", "))")
    }
}
