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
        /// The source template serving this account (one per group of up to 200 accounts).
        var templateFile: String = CrossAccountSynthesizer.sourceTemplateFile
        /// The template is over the inline limit (a thousand accounts' buckets in its mapping).
        var templateNeedsS3 = false
        var gluePolicyFile: String
        /// The Sids of the statements in `gluePolicyFile`: the plan replaces and removes exactly these
        /// in the account's catalog policy, which other teams' statements share.
        var gluePolicySids: [String]
        var catalogStackFile: String?
        var ddl: [String]
        /// What undoes `ddl`, for the teardown.
        var drops: [String]
    }

    var names: ResourceNames
    /// The stacks and the workgroup as the construct tree names them.
    var targetStackName: String
    var sourceStackName: String
    var workGroupName: String
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
    /// The address the stack's alert topic mails (`alarmEmail`): SNS sends it a confirmation
    /// link, and mails nothing else until someone follows it.
    var alarmEmail: String? = nil

    /// A Distributed Map pipeline's job list: uploaded once the target stack has made its bucket,
    /// before anything runs, to the key (holding its MD5) the state machine reads.
    struct JobListUpload: Sendable {
        var file: String
        var bucket: String
        var key: String
    }
    var jobList: JobListUpload? = nil

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

    /// One script and its numbered steps. The text grows in one byte buffer, line by line (no
    /// line list to split and join again, no interpolated string per query: with a thousand
    /// tables the plan is a few thousand queries).
    private struct ScriptWriter {
        /// Every line so far, each but the last ended by a newline.
        private var bytes: [UInt8] = []
        var step = 0

        init(header: String) {
            bytes.reserveCapacity(header.utf8.count * 2)
            bytes.append(contentsOf: header.utf8)
        }

        mutating func begin(_ title: String, account: String, role: String) {
            step += 1
            // "\n" then "step <n> '<title>' <role> <account>", the title quoted as `shellQuote` does.
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(UInt8(ascii: "\n"))
            add("step ")
            appendNumber(step)
            add(" '")
            for byte in title.utf8 {
                if byte == UInt8(ascii: "'") { add("'\\''") } else { bytes.append(byte) }
            }
            add("' ")
            add(role)
            bytes.append(UInt8(ascii: " "))
            add(account)
        }

        mutating func append(_ line: String) {
            bytes.append(UInt8(ascii: "\n"))
            add(line)
        }

        /// The bytes of `text`, as one run.
        mutating func add(_ text: String) {
            if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                bytes.append(contentsOf: text.utf8)
            }
        }

        private mutating func appendNumber(_ number: Int) {
            var buffer = TextBuffer()
            buffer.append(number)
            bytes.append(contentsOf: buffer.bytes)
        }

        /// One `run_query` per statement, each waiting for its query to finish.
        mutating func queries(_ statements: [String], role: String, account: String, workgroup: String, output: String, indent: String = "") {
            queries(statements.count, role: role, account: account, workgroup: workgroup, output: output, indent: indent) { index, writer in
                writer.add(statements[index])
            }
        }

        /// `count` queries, the SQL of each written by `statement` (no string per query).
        mutating func queries(
            _ count: Int, role: String, account: String, workgroup: String, output: String, indent: String = "",
            statement: (Int, inout ScriptWriter) -> Void
        ) {
            // What comes before each statement's SQL is the same for all of them.
            var head: [UInt8] = [UInt8(ascii: "\n")]
            for piece in [indent, "run_query ", role, " ", account, " ", workgroup, " ", output, " <<'SQL'\n"] {
                head.append(contentsOf: piece.utf8)
            }
            for index in 0..<count {
                bytes.append(contentsOf: head)
                statement(index, &self)
                add("\nSQL")
            }
        }

        func finish(_ message: String) -> String {
            String(decoding: bytes, as: UTF8.self) + "\n\necho \"deploy-plan: \(message) (\(step) steps)\"\n"
        }
    }

    /// Where a source account's DDL runs: its primary workgroup, results in its own bucket.
    private func sourceQueries(_ statements: [String], in source: SourceAccount, into script: inout ScriptWriter) {
        script.queries(
            statements, role: "source", account: source.accountId, workgroup: "primary",
            output: "s3://\(source.bucket)/athena-ddl-results/")
    }

    /// Where the target account's queries run: the stack's workgroup, whose results Athena manages.
    private func targetQueries(_ statements: [String], into script: inout ScriptWriter, indent: String = "") {
        script.queries(statements, role: "target", account: targetAccountId, workgroup: workGroupName, output: "''", indent: indent)
    }

    /// The deploy script.
    public func script() -> String {
        var script = ScriptWriter(
            header: header(title: "Deploys \(names.projectName) (\(names.envName)): the target stack first, then each source account."))
        let s3Flag =
            targetTemplateNeedsS3
            ? " --s3-bucket \"${ARTIFACT_BUCKET:?the target template is over 51,200 bytes: set ARTIFACT_BUCKET to an S3 bucket in the target account}\""
            : ""
        script.begin("Deploy the target stack", account: targetAccountId, role: "target")
        script.append(
            "target_aws cloudformation deploy --template-file \"$here/\(CrossAccountSynthesizer.targetTemplateFile)\" --stack-name \(targetStackName) \\"
        )
        script.append("  --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset --tags \(tags)\(s3Flag)")
        if let email = alarmEmail {
            // Quoted: an address may hold characters the shell would expand.
            script.append(
                "echo \"note: SNS mailed a confirmation link to \"\(shellQuote(email))\"; alerts reach that inbox only after it is confirmed (Confirm subscription)\""
            )
        }
        if let jobList {
            script.begin("Upload the job list", account: targetAccountId, role: "target")
            script.append("target_aws s3 cp \"$here/\(jobList.file)\" s3://\(jobList.bucket)/\(jobList.key) --content-type application/json")
        }
        for source in sources {
            script.begin("Deploy the source stack", account: source.accountId, role: "source")
            script.append(
                "source_aws \(source.accountId) cloudformation deploy --template-file \"$here/\(source.templateFile)\" --stack-name \(sourceStackName) \\"
            )
            script.append("  --parameter-overrides TargetAccountId=\(targetAccountId) ProjectName=\(names.projectName) EnvName=\(names.envName) \\")
            script.append("  --no-fail-on-empty-changeset --tags \(tags)\(source.templateNeedsS3 ? sourceS3Flag(source.accountId) : "")")
            if let catalog = source.catalogStackFile {
                script.begin("Deploy the Glue catalog stack", account: source.accountId, role: "source")
                script.append(
                    "source_aws \(source.accountId) cloudformation deploy --template-file \"$here/\(catalog)\" --stack-name \(SourceCatalogStack.stackName(names: names)) \\"
                )
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
            script.append("put_glue_policy \(source.accountId) \"$here/\(source.gluePolicyFile)\" \(source.gluePolicySids.joined(separator: " "))")
        }
        script.begin("Start the state machine", account: targetAccountId, role: "target")
        script.append(
            "execution=$(target_aws stepfunctions start-execution --state-machine-arn \(stateMachineArn) --query executionArn --output text)")
        script.append("echo \"started $execution\"")
        script.append("if [ \"${WAIT:-0}\" = 1 ]; then")
        script.append("  wait_for_execution \"$execution\"")
        script.queries(targetTables.count, role: "target", account: targetAccountId, workgroup: workGroupName, output: "''", indent: "  ") {
            index, writer in
            writer.add("SELECT count(*) AS copied_rows FROM ")
            writer.add(targetTables[index])
        }
        script.append("fi")
        return script.finish("done")
    }

    /// A source template over 51,200 bytes goes through an S3 bucket of that account (or any bucket it can read).
    private func sourceS3Flag(_ account: String) -> String {
        " --s3-bucket \"${SOURCE_ARTIFACT_BUCKET_\(account):-${SOURCE_ARTIFACT_BUCKET:?the source template is over 51,200 bytes: set SOURCE_ARTIFACT_BUCKET_\(account) or SOURCE_ARTIFACT_BUCKET to an S3 bucket in the source account}}\""
    }

    /// The reverse: policies removed, tables dropped, source stacks and then the target stack deleted.
    public func teardownScript() -> String {
        var script = ScriptWriter(
            header: header(title: "Tears down \(names.projectName) (\(names.envName)) in the reverse order of deploy-plan.sh. It deletes data."))
        for source in sources.reversed() {
            script.begin("Remove our statements from the Glue resource policy", account: source.accountId, role: "source")
            script.append("remove_glue_policy_statements \(source.accountId) \(source.gluePolicySids.joined(separator: " "))")
        }
        if !targetDDL.isEmpty {
            script.begin("Drop the target Glue tables and database", account: targetAccountId, role: "target")
            // Gone only when an earlier run deleted the target stack, after these drops succeeded.
            script.append(
                "if [ \"$(target_aws athena get-work-group --work-group \(workGroupName) --query WorkGroup.Name --output text 2>/dev/null)\" = \(workGroupName) ]; then"
            )
            targetQueries(targetDrops, into: &script)
            script.append("else")
            script.append("  echo \"  (no workgroup \(workGroupName): the target stack is already deleted)\"")
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
            script.append("delete_stack source \(source.accountId) \(sourceStackName)")
        }
        script.begin("Delete the target stack (its bucket empties itself)", account: targetAccountId, role: "target")
        script.append("delete_stack target \(targetAccountId) \(targetStackName)")
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

    /// The lines every script starts with, up to its first step.
    func header(title: String) -> String {
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
        scratch="$(mktemp -d)"
        trap 'rm -rf "$scratch"' EXIT
        # Every call names the Region: AWS CLI v2 lets AWS_REGION, which CloudShell sets, override
        # AWS_DEFAULT_REGION and the profile's Region.
        region=\(region)

        target_aws() { if [ -n "${TARGET_PROFILE:-}" ]; then aws --region "$region" --profile "$TARGET_PROFILE" "$@"; else aws --region "$region" "$@"; fi; }
        source_aws() {
          local account="$1"; shift
          local variable="SOURCE_PROFILE_$account"
          local profile="${!variable:-${SOURCE_PROFILE:-}}"
          if [ -n "$profile" ]; then aws --region "$region" --profile "$profile" "$@"; else aws --region "$region" "$@"; fi
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
        """ + "\n" + DeployPlan.gluePolicyFunctions
    }

    /// How both scripts edit a source account's Glue catalog policy without touching other statements.
    static let gluePolicyFunctions = #"""

        # The Glue catalog resource policy is one document per account, shared with other teams and
        # pipelines, and PutResourcePolicy replaces it whole. So this pipeline changes only its own
        # statements, found by Sid, keeps every other statement as it is and in its order, and guards
        # each write with the hash of the policy it read: a concurrent edit fails the write.
        # PolicyInJson comes back as a string, which the AWS CLI's --query cannot parse, and jq or
        # python3 is not on every machine, so edit_glue_policy splits the document with awk.

        # read_glue_policy ACCOUNT FILE: writes the account's catalog policy to FILE and prints its
        # hash; prints nothing and leaves FILE empty when the account has no policy.
        read_glue_policy() {
          local account="$1" file="$2" reply
          : >"$file"
          # One call for both, so the hash is that of the text read.
          if ! reply=$(source_aws "$account" glue get-resource-policy --query '[PolicyHash, PolicyInJson]' --output text 2>"$file.err"); then
            grep -q EntityNotFoundException "$file.err" || { cat "$file.err" >&2; return 1; }
            return 0
          fi
          case "$reply" in '' | None$'\t'*) return 0 ;; esac
          printf '%s\n' "${reply#*$'\t'}" >"$file"
          printf '%s\n' "${reply%%$'\t'*}"
        }

        # edit_glue_policy CURRENT OUTPUT ADDITIONS SID...: writes to OUTPUT the policy document
        # CURRENT without its statements whose Sid is one of SID..., followed by the statements of the
        # document ADDITIONS ("" for none); every other byte of CURRENT is kept. OUTPUT is empty when
        # no statement is left. Prints "REMOVED LEFT": how many statements it removed and how many
        # OUTPUT holds. Fails on a document it cannot split, or on a statement of ADDITIONS without
        # one of the SIDs (the next run could not find it again).
        edit_glue_policy() {
          LC_ALL=C awk '
            function fail(message) { printf "edit_glue_policy: %s\n", message > "/dev/stderr"; exit 1 }
            function slurp(path,   text, line, status, lines) {
              text = ""; lines = 0
              while ((status = (getline line < path)) > 0) text = text (lines++ ? "\n" : "") line
              if (status < 0) fail("cannot read " path)
              close(path)
              return text
            }
            function skip_space(s, i) {
              while (i <= length(s) && index(" \t\r\n", substr(s, i, 1)) > 0) i++
              return i
            }
            # Where the JSON string that starts at i ends (the index after it), 0 if it does not.
            function string_end(s, i,   c) {
              for (i++; i <= length(s); i++) {
                c = substr(s, i, 1)
                if (c == "\\") i++
                else if (c == "\"") return i + 1
              }
              return 0
            }
            # Where the JSON value that starts at i ends (the index after it), 0 if it does not.
            function value_end(s, i,   c, depth, start) {
              c = substr(s, i, 1)
              if (c == "\"") return string_end(s, i)
              if (c != "{" && c != "[") {
                start = i
                while (i <= length(s) && index(",]} \t\r\n", substr(s, i, 1)) == 0) i++
                return i > start ? i : 0
              }
              for (depth = 0; i <= length(s); i++) {
                c = substr(s, i, 1)
                if (c == "\"") { i = string_end(s, i) - 1; if (i < 0) return 0 }
                else if (c == "{" || c == "[") depth++
                else if (c == "}" || c == "]") { if (--depth == 0) return i + 1 }
              }
              return 0
            }
            # Where the value of member KEY of the object that starts at i starts (its end in
            # member_end), 0 when the object has no such member.
            function member(s, i, key, what,   name_end, start) {
              i = skip_space(s, i + 1)
              if (substr(s, i, 1) == "}") return 0
              while (1) {
                if (substr(s, i, 1) != "\"" || !(name_end = string_end(s, i))) fail(what ": malformed JSON object")
                start = skip_space(s, name_end)
                if (substr(s, start, 1) != ":") fail(what ": malformed JSON object")
                start = skip_space(s, start + 1)
                if (!(member_end = value_end(s, start))) fail(what ": malformed JSON object")
                if (substr(s, i + 1, name_end - i - 2) == key) return start
                i = skip_space(s, member_end)
                if (substr(s, i, 1) == "}") return 0
                if (substr(s, i, 1) != ",") fail(what ": malformed JSON object")
                i = skip_space(s, i + 1)
              }
            }
            # The statements of DOCUMENT into list[1..n], returns n; the Statement value lies from
            # statement_start to before statement_end.
            function statements(document, what, list,   i, n, end) {
              i = skip_space(document, 1)
              if (substr(document, i, 1) != "{") fail(what ": not a JSON object")
              if (!(statement_start = member(document, i, "Statement", what))) fail(what ": no Statement")
              statement_end = member_end
              if (substr(document, statement_start, 1) == "{") {
                list[1] = substr(document, statement_start, statement_end - statement_start)
                return 1
              }
              if (substr(document, statement_start, 1) != "[") fail(what ": Statement is neither a list nor an object")
              i = skip_space(document, statement_start + 1)
              if (substr(document, i, 1) == "]") return 0
              for (n = 1; ; n++) {
                end = value_end(document, i)
                list[n] = substr(document, i, end - i)
                i = skip_space(document, end)
                if (substr(document, i, 1) == "]") return n
                if (substr(document, i, 1) != ",") fail(what ": malformed Statement list")
                i = skip_space(document, i + 1)
              }
            }
            # The Sid of a statement as written, "" when it has none.
            function sid(statement,   start) {
              if (substr(statement, 1, 1) != "{") return ""
              start = member(statement, 1, "Sid", "a statement")
              if (!start || substr(statement, start, 1) != "\"") return ""
              return substr(statement, start + 1, member_end - start - 2)
            }
            BEGIN {
              current = ARGV[1]; output = ARGV[2]; additions = ARGV[3]
              for (i = 4; i < ARGC; i++) { ours[ARGV[i]] = 1; sids = sids " " ARGV[i] }
              document = slurp(current)
              n = statements(document, current, existing)
              before = substr(document, 1, statement_start - 1)
              after = substr(document, statement_end)
              removed = 0; left = 0; body = ""
              for (i = 1; i <= n; i++) {
                if ((sid(existing[i])) in ours) removed++
                else body = body (left++ ? ", " : "") existing[i]
              }
              if (additions != "") {
                n = statements(slurp(additions), additions, added)
                for (i = 1; i <= n; i++) {
                  if (!((sid(added[i])) in ours)) fail(additions ": a statement has none of the Sids" sids)
                  body = body (left++ ? ", " : "") added[i]
                }
              }
              printf "%s", (left ? before "[" body "]" after "\n" : "") > output
              close(output)
              print removed, left
              exit 0
            }' "$@"
        }

        # put_glue_policy ACCOUNT FILE SID...: puts the statements of FILE into the account's catalog
        # policy in place of the statements with those Sids.
        put_glue_policy() {
          local account="$1" file="$2"; shift 2
          local current="$scratch/glue-policy-$account.json" merged="$scratch/glue-policy-$account-merged.json" hash
          hash=$(read_glue_policy "$account" "$current") || return 1
          if [ -n "$hash" ]; then
            edit_glue_policy "$current" "$merged" "$file" "$@" >/dev/null || return 1
            source_aws "$account" glue put-resource-policy --policy-in-json "file://$merged" --enable-hybrid TRUE --policy-hash-condition "$hash"
          else
            edit_glue_policy "$file" "$merged" "$file" "$@" >/dev/null || return 1
            source_aws "$account" glue put-resource-policy --policy-in-json "file://$merged" --enable-hybrid TRUE --policy-exists-condition NOT_EXIST
          fi
        }

        # remove_glue_policy_statements ACCOUNT SID...: removes the statements with those Sids from
        # the account's catalog policy, and the policy itself only when no other statement is left.
        remove_glue_policy_statements() {
          local account="$1"; shift
          local current="$scratch/glue-policy-$account.json" rest="$scratch/glue-policy-$account-rest.json" hash counts removed left
          hash=$(read_glue_policy "$account" "$current") || return 1
          if [ -z "$hash" ]; then
            echo "  (no Glue resource policy)"
            return 0
          fi
          counts=$(edit_glue_policy "$current" "$rest" "" "$@") || return 1
          read -r removed left <<<"$counts"
          if [ "$removed" = 0 ]; then
            echo "  (no statement of this pipeline in the Glue resource policy)"
          elif [ "$left" = 0 ]; then
            source_aws "$account" glue delete-resource-policy --policy-hash-condition "$hash"
          else
            echo "  (other statements kept in the Glue resource policy: $left)"
            source_aws "$account" glue put-resource-policy --policy-in-json "file://$rest" --enable-hybrid TRUE --policy-hash-condition "$hash"
          fi
        }
        """#
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
