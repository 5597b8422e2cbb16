import AWSConstructs
import CloudFormation
import Constructs

/// The seed's eight manual steps as one bash script, generated from the same configuration as
/// the templates, so the order (target first: the source bucket policy names the target role)
/// and every name are right by construction.
public struct DeployPlan: Sendable {
    public static let fileName = "deploy-plan.sh"

    /// One source account's part of the plan.
    struct SourceAccount: Sendable {
        var accountId: String
        var bucket: String
        var gluePolicyFile: String
        var catalogStackFile: String?
        var ddl: [String]
        /// What undoes `ddl`, for the teardown.
        var drops: [String]
    }

    var names: ResourceNames
    var targetAccountId: String
    var region: String
    var targetTemplateNeedsS3: Bool
    var sources: [SourceAccount]
    var targetDDL: [String]
    var targetDrops: [String]
    var targetTables: [String]
    /// The sample CSV, relative to the folder the script is in (the seed's form only).
    var sampleData: (path: String, key: String)?
    var stateMachineArn: String

    /// Statements of a DDL file, split at the `;` that ends a line.
    public static func statements(_ sql: String) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            current.append(line)
            if line.trimmingSpaces.hasSuffix(";") {
                let statement = current.joined(separator: "\n").trimmingSpaces
                if !statement.isEmpty { result.append(String(statement.dropLast())) }
                current = []
            }
        }
        let rest = current.joined(separator: "\n").trimmingSpaces
        if !rest.isEmpty { result.append(String(rest)) }
        return result
    }

    var tags: String { "Project=\(names.projectName) Environment=\(names.envName) Repository=\(AppConfig.repositoryTag)" }

    /// The lines of one script and its numbered steps.
    private struct ScriptWriter {
        var lines: [String]
        var step = 0

        mutating func begin(_ title: String, account: String, role: String) {
            step += 1
            lines.append("")
            lines.append("step \(step) \(shellQuote(title)) \(role) \(account)")
        }

        mutating func append(_ line: String) { lines.append(line) }

        /// One `run_query` per statement, each waiting for its query to finish.
        mutating func queries(_ statements: [String], role: String, account: String, workgroup: String, output: String, indent: String = "") {
            for statement in statements {
                lines.append("\(indent)run_query \(role) \(account) \(workgroup) \(output) <<'SQL'")
                lines.append(statement)
                lines.append("SQL")
            }
        }

        func finish(_ message: String) -> String {
            (lines + ["", "echo \"deploy-plan: \(message) (\(step) steps)\""]).joined(separator: "\n") + "\n"
        }
    }

    /// Where a source account's DDL runs: its primary workgroup, results in its own bucket.
    private func sourceQueries(_ statements: [String], in source: SourceAccount, into script: inout ScriptWriter) {
        script.queries(statements, role: "source", account: source.accountId, workgroup: "primary",
                       output: "s3://\(source.bucket)/athena-ddl-results/")
    }

    /// Where the target account's queries run: the stack's workgroup, whose results Athena manages.
    private func targetQueries(_ statements: [String], into script: inout ScriptWriter, indent: String = "") {
        script.queries(statements, role: "target", account: targetAccountId, workgroup: names.workGroupName, output: "''", indent: indent)
    }

    /// The deploy script.
    public func script() -> String {
        var script = ScriptWriter(lines: header(title: "Deploys \(names.projectName) (\(names.envName)): the target stack first, then each source account."))
        let s3Flag = targetTemplateNeedsS3 ? " --s3-bucket \"${ARTIFACT_BUCKET:?the target template is over 51,200 bytes: set ARTIFACT_BUCKET to an S3 bucket in the target account}\"" : ""
        script.begin("Deploy the target stack", account: targetAccountId, role: "target")
        script.append("target_aws cloudformation deploy --template-file \"$here/\(CrossAccountSynthesizer.targetTemplateFile)\" --stack-name \(names.targetStackName) \\")
        script.append("  --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset --tags \(tags)\(s3Flag)")
        for source in sources {
            script.begin("Deploy the source stack", account: source.accountId, role: "source")
            script.append("source_aws \(source.accountId) cloudformation deploy --template-file \"$here/\(CrossAccountSynthesizer.sourceTemplateFile)\" --stack-name \(names.sourceStackName) \\")
            script.append("  --parameter-overrides TargetAccountId=\(targetAccountId) ProjectName=\(names.projectName) EnvName=\(names.envName) \\")
            script.append("  --no-fail-on-empty-changeset --tags \(tags)")
            if let catalog = source.catalogStackFile {
                script.begin("Deploy the Glue catalog stack", account: source.accountId, role: "source")
                script.append("source_aws \(source.accountId) cloudformation deploy --template-file \"$here/\(catalog)\" --stack-name \(SourceCatalogStack.stackName(names: names)) \\")
                script.append("  --no-fail-on-empty-changeset --tags \(tags)")
            }
        }
        if let sample = sampleData, let source = sources.first {
            script.begin("Upload the sample data", account: source.accountId, role: "source")
            script.append("source_aws \(source.accountId) s3 cp \"$here/\(sample.path)\" s3://\(source.bucket)/\(sample.key)")
        }
        for source in sources where !source.ddl.isEmpty {
            script.begin("Create the source Glue database and tables", account: source.accountId, role: "source")
            sourceQueries(source.ddl, in: source, into: &script)
        }
        if !targetDDL.isEmpty {
            script.begin("Create the target Glue database and tables", account: targetAccountId, role: "target")
            targetQueries(targetDDL, into: &script)
        }
        for source in sources {
            script.begin("Put the Glue resource policy", account: source.accountId, role: "source")
            script.append("put_glue_policy \(source.accountId) \"$here/\(source.gluePolicyFile)\"")
        }
        script.begin("Start the state machine", account: targetAccountId, role: "target")
        script.append("execution=$(target_aws stepfunctions start-execution --state-machine-arn \(stateMachineArn) --query executionArn --output text)")
        script.append("echo \"started $execution\"")
        script.append("if [ \"${WAIT:-0}\" = 1 ]; then")
        script.append("  wait_for_execution \"$execution\"")
        targetQueries(targetTables.map { "SELECT count(*) AS copied_rows FROM \($0)" }, into: &script, indent: "  ")
        script.append("fi")
        return script.finish("done")
    }

    /// The reverse: policies removed, tables dropped, source stacks and then the target stack deleted.
    public func teardownScript() -> String {
        var script = ScriptWriter(lines: header(title: "Tears down \(names.projectName) (\(names.envName)) in the reverse order of deploy-plan.sh. It deletes data."))
        for source in sources.reversed() {
            script.begin("Remove the Glue resource policy", account: source.accountId, role: "source")
            script.append("if source_aws \(source.accountId) glue get-resource-policy >/dev/null 2>&1; then")
            script.append("  source_aws \(source.accountId) glue delete-resource-policy")
            script.append("else")
            script.append("  echo \"  (no Glue resource policy)\"")
            script.append("fi")
        }
        if !targetDDL.isEmpty {
            script.begin("Drop the target Glue tables and database", account: targetAccountId, role: "target")
            // Gone only when an earlier run deleted the target stack, after these drops succeeded.
            script.append("if [ \"$(target_aws athena get-work-group --work-group \(names.workGroupName) --query WorkGroup.Name --output text 2>/dev/null)\" = \(names.workGroupName) ]; then")
            targetQueries(targetDrops, into: &script)
            script.append("else")
            script.append("  echo \"  (no workgroup \(names.workGroupName): the target stack is already deleted)\"")
            script.append("fi")
        }
        for source in sources.reversed() {
            if !source.ddl.isEmpty {
                script.begin("Drop the source Glue tables and database", account: source.accountId, role: "source")
                // The query results go to the source bucket: gone only when an earlier run deleted the source stack.
                script.append("if source_aws \(source.accountId) s3api head-bucket --bucket \(source.bucket) >/dev/null 2>&1; then")
                sourceQueries(source.drops, in: source, into: &script)
                script.append("else")
                script.append("  echo \"  (no bucket \(source.bucket): the source stack is already deleted)\"")
                script.append("fi")
            }
            if source.catalogStackFile != nil {
                script.begin("Delete the Glue catalog stack", account: source.accountId, role: "source")
                script.append("delete_stack source \(source.accountId) \(SourceCatalogStack.stackName(names: names))")
            }
            script.begin("Empty and delete the source stack", account: source.accountId, role: "source")
            script.append("empty_bucket \(source.accountId) \(source.bucket)")
            script.append("delete_stack source \(source.accountId) \(names.sourceStackName)")
        }
        script.begin("Delete the target stack (its bucket empties itself)", account: targetAccountId, role: "target")
        script.append("delete_stack target \(targetAccountId) \(names.targetStackName)")
        return script.finish("teardown done")
    }

    /// `DROP TABLE` for each created table and `DROP DATABASE` for each created database, tables first.
    static func dropStatements(for ddl: [String]) -> [String] {
        var tables: [String] = []
        var databases: [String] = []
        for statement in ddl {
            let words: [String] = statement.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { String($0) }
            if let index = words.firstIndex(of: "EXISTS"), index + 1 < words.count {
                if statement.hasPrefix("CREATE EXTERNAL TABLE") { tables.append(words[index + 1]) }
                if statement.hasPrefix("CREATE DATABASE") { databases.append(words[index + 1]) }
            }
        }
        return tables.reversed().map { "DROP TABLE IF EXISTS \($0)" } + databases.reversed().map { "DROP DATABASE IF EXISTS \($0)" }
    }

    func header(title: String) -> [String] {
        """
        #!/usr/bin/env bash
        # Generated by `swift run synth`; do not edit (change the configuration and synthesize again).
        # \(title)
        #
        # Credentials: TARGET_PROFILE for the target account, SOURCE_PROFILE_<accountId> or
        # SOURCE_PROFILE for source accounts; unset means the default credentials. Region \(region).
        # WAIT=1 waits for the execution and counts the copied rows.
        set -euo pipefail
        here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
        export AWS_DEFAULT_REGION=\(region)

        target_aws() { if [ -n "${TARGET_PROFILE:-}" ]; then aws --profile "$TARGET_PROFILE" "$@"; else aws "$@"; fi; }
        source_aws() {
          local account="$1"; shift
          local variable="SOURCE_PROFILE_$account"
          local profile="${!variable:-${SOURCE_PROFILE:-}}"
          if [ -n "$profile" ]; then aws --profile "$profile" "$@"; else aws "$@"; fi
        }
        in_account() { local role="$1" account="$2"; shift 2; if [ "$role" = target ]; then target_aws "$@"; else source_aws "$account" "$@"; fi; }
        step() { echo "== step $1: $2 (in the $3 account $4)"; }

        # run_query ROLE ACCOUNT WORKGROUP RESULT_LOCATION < SQL: runs one statement and waits for it.
        run_query() {
          local role="$1" account="$2" workgroup="$3" output="$4" sql id state
          sql="$(cat)"
          local result=()
          [ -n "$output" ] && result=(--result-configuration "OutputLocation=$output")
          id=$(in_account "$role" "$account" athena start-query-execution --work-group "$workgroup" ${result[@]+"${result[@]}"} \\
            --query-string "$sql" --query QueryExecutionId --output text)
          local deadline=$((SECONDS + ${QUERY_TIMEOUT:-1800}))
          while :; do
            [ "$SECONDS" -lt "$deadline" ] || { echo "  query $id still running after ${QUERY_TIMEOUT:-1800} s" >&2; return 1; }
            state=$(in_account "$role" "$account" athena get-query-execution --query-execution-id "$id" --query QueryExecution.Status.State --output text)
            case "$state" in
              SUCCEEDED) echo "  query $id succeeded"; return 0 ;;
              FAILED|CANCELLED) echo "  query $id $state: $sql" >&2; return 1 ;;
              *) sleep 2 ;;
            esac
          done
        }

        # put_glue_policy ACCOUNT FILE: creates the policy, or replaces it guarded by its current hash.
        put_glue_policy() {
          local account="$1" file="$2" hash
          hash=$(source_aws "$account" glue get-resource-policy --query PolicyHash --output text 2>/dev/null || true)
          if [ -z "$hash" ] || [ "$hash" = None ]; then
            source_aws "$account" glue put-resource-policy --policy-in-json "file://$file" --enable-hybrid TRUE --policy-exists-condition NOT_EXIST
          else
            source_aws "$account" glue put-resource-policy --policy-in-json "file://$file" --enable-hybrid TRUE --policy-hash-condition "$hash"
          fi
        }

        wait_for_execution() {
          local status deadline=$((SECONDS + ${EXECUTION_TIMEOUT:-86400}))
          while :; do
            [ "$SECONDS" -lt "$deadline" ] || { echo "  execution still running after ${EXECUTION_TIMEOUT:-86400} s" >&2; return 1; }
            status=$(target_aws stepfunctions describe-execution --execution-arn "$1" --query status --output text)
            case "$status" in
              RUNNING) sleep 5 ;;
              SUCCEEDED) echo "  execution succeeded"; return 0 ;;
              *) echo "  execution $status" >&2; return 1 ;;
            esac
          done
        }

        # empty_bucket ACCOUNT BUCKET: deletes every object version and delete marker, one listing
        # page (at most 1,000 keys) at a time, passed in a file: a page can exceed what one
        # command-line argument may hold.
        empty_bucket() {
          local account="$1" bucket="$2" batch
          batch="$(mktemp)"
          while source_aws "$account" s3api list-object-versions --bucket "$bucket" --no-paginate --output json \\
              --query '{Objects: [Versions, DeleteMarkers][][].{Key: Key, VersionId: VersionId}, Quiet: `true`}' >"$batch" 2>/dev/null &&
            grep -q '"Key"' "$batch"; do
            source_aws "$account" s3api delete-objects --bucket "$bucket" --delete "file://$batch" >/dev/null || { rm -f "$batch"; return 1; }
          done
          rm -f "$batch"
        }

        delete_stack() {
          local role="$1" account="$2" stack="$3"
          in_account "$role" "$account" cloudformation delete-stack --stack-name "$stack"
          in_account "$role" "$account" cloudformation wait stack-delete-complete --stack-name "$stack"
        }
        """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

/// Single-quotes a word for bash.
func shellQuote(_ text: String) -> String {
    "'" + text.replacingAll("'", with: "'\\''") + "'"
}

extension StringProtocol {
    var trimmingSpaces: Substring {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\n" || first == "\t" || first == "\r" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\n" || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return slice
    }
}
