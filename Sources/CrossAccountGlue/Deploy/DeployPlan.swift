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
        var ddl: SQLStatements
        /// What undoes `ddl`, for the teardown.
        var drops: SQLStatements
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
    var targetDDL: SQLStatements
    var targetDrops: SQLStatements
    var targetTables: [CopyPlan.TableName]
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
        SQLStatements(splitting: sql).strings
    }

    var tags: String { "Project=\(names.projectName) Environment=\(names.envName) Repository=\(AppConfig.repositoryTag)" }

    /// One script and its numbered steps. The text grows in one byte buffer, a piece at a time
    /// (no line list to split and join again, no interpolated string per line or query: with a
    /// thousand tables the plan is a few thousand queries).
    private struct ScriptWriter {
        private(set) var text: TextBuffer
        var step = 0

        init(capacity: Int) {
            text = TextBuffer(capacity: capacity)
        }

        mutating func begin(_ title: String, account: String, role: String) {
            step += 1
            // A blank line, then "step <n> '<title>' <role> <account>".
            text.append("\n\nstep ")
            text.append(step)
            text.append(byte: UInt8(ascii: " "))
            addShellQuoted(title)
            text.append(byte: UInt8(ascii: " "))
            text.append(role)
            text.append(byte: UInt8(ascii: " "))
            text.append(account)
        }

        /// A new line of `pieces`.
        mutating func line(_ pieces: String...) {
            text.append(byte: UInt8(ascii: "\n"))
            for piece in pieces { text.append(piece) }
        }

        /// `pieces` at the end of the current line.
        mutating func add(_ pieces: String...) {
            for piece in pieces { text.append(piece) }
        }

        /// `word` single-quoted for bash.
        mutating func addShellQuoted(_ word: String) {
            text.append(byte: UInt8(ascii: "'"))
            text.appendEscaping(word) { $0 == UInt8(ascii: "'") ? "'\\''" : nil }
            text.append(byte: UInt8(ascii: "'"))
        }

        /// One `run_query` per statement, each waiting for its query to finish.
        mutating func queries(_ statements: SQLStatements, role: String, account: String, workgroup: String, output: String, indent: String = "") {
            queries(statements.count, role: role, account: account, workgroup: workgroup, output: output, indent: indent) { index, text in
                text.append(statements.text, range: statements.ranges[index])
            }
        }

        /// `count` queries, the SQL of each written by `statement` (no string per query).
        mutating func queries(
            _ count: Int, role: String, account: String, workgroup: String, output: String, indent: String = "",
            statement: (Int, inout TextBuffer) -> Void
        ) {
            // What comes before each statement's SQL is the same for all of them.
            var head = TextBuffer()
            for piece in ["\n", indent, "run_query ", role, " ", account, " ", workgroup, " ", output, " <<'SQL'\n"] { head.append(piece) }
            for index in 0..<count {
                text.append(head, range: 0..<head.count)
                statement(index, &text)
                text.append("\nSQL")
            }
        }

        mutating func finish(_ message: String) -> TextBuffer {
            add("\n\necho \"deploy-plan: ", message, " (")
            text.append(step)
            add(" steps)\"\n")
            return text
        }
    }

    /// Where a source account's DDL runs: its primary workgroup, results in its own bucket.
    private func sourceQueries(_ statements: SQLStatements, in source: SourceAccount, into script: inout ScriptWriter) {
        script.queries(
            statements, role: "source", account: source.accountId, workgroup: "primary",
            output: "s3://" + source.bucket + "/athena-ddl-results/")
    }

    /// Where the target account's queries run: the stack's workgroup, whose results Athena manages.
    private func targetQueries(_ statements: SQLStatements, into script: inout ScriptWriter, indent: String = "") {
        script.queries(statements, role: "target", account: targetAccountId, workgroup: workGroupName, output: "''", indent: indent)
    }

    /// The bytes a script takes, about: its header, and a few lines and queries per account and table.
    private var scriptCapacity: Int {
        DeployPlan.shellFunctions.utf8.count + DeployPlan.gluePolicyFunctions.utf8.count + 1024 * sources.count
            + sources.reduce(targetDDL.text.count) { $0 + $1.ddl.text.count } + 256 * (targetDDL.count + targetTables.count)
    }

    /// The deploy script.
    func script() -> TextBuffer {
        var script = ScriptWriter(capacity: scriptCapacity)
        addHeader(title: "Deploys \(names.projectName) (\(names.envName)): the target stack first, then each source account.", to: &script)
        let tags = self.tags
        script.begin("Deploy the target stack", account: targetAccountId, role: "target")
        script.line(
            "target_aws cloudformation deploy --template-file \"$here/", CrossAccountSynthesizer.targetTemplateFile, "\" --stack-name ",
            targetStackName, " \\")
        script.line("  --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset --tags ", tags)
        if targetTemplateNeedsS3 {
            script.add(
                " --s3-bucket \"${ARTIFACT_BUCKET:?the target template is over 51,200 bytes: set ARTIFACT_BUCKET to an S3 bucket in the target account}\""
            )
        }
        if let email = alarmEmail {
            // Quoted: an address may hold characters the shell would expand.
            script.line("echo \"note: SNS mailed a confirmation link to \"")
            script.addShellQuoted(email)
            script.add("\"; alerts reach that inbox only after it is confirmed (Confirm subscription)\"")
        }
        if let jobList {
            script.begin("Upload the job list", account: targetAccountId, role: "target")
            script.line("target_aws s3 cp \"$here/", jobList.file, "\" s3://", jobList.bucket, "/", jobList.key, " --content-type application/json")
        }
        for source in sources {
            script.begin("Deploy the source stack", account: source.accountId, role: "source")
            script.line(
                "source_aws ", source.accountId, " cloudformation deploy --template-file \"$here/", source.templateFile, "\" --stack-name ",
                sourceStackName, " \\")
            script.line(
                "  --parameter-overrides TargetAccountId=", targetAccountId, " ProjectName=", names.projectName, " EnvName=", names.envName, " \\")
            script.line("  --no-fail-on-empty-changeset --tags ", tags)
            if source.templateNeedsS3 { addSourceS3Flag(source.accountId, to: &script) }
            if let catalog = source.catalogStackFile {
                script.begin("Deploy the Glue catalog stack", account: source.accountId, role: "source")
                script.line(
                    "source_aws ", source.accountId, " cloudformation deploy --template-file \"$here/", catalog, "\" --stack-name ",
                    SourceCatalogStack.stackName(names: names), " \\")
                script.line("  --no-fail-on-empty-changeset --tags ", tags)
            }
        }
        if let sample = sampleData, let source = sources.first {
            script.begin("Upload the sample data", account: source.accountId, role: "source")
            script.line("source_aws ", source.accountId, " s3 cp \"$here/", sample.path, "\" s3://", source.bucket, "/", sample.key)
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
            script.line("put_glue_policy ", source.accountId, " \"$here/", source.gluePolicyFile, "\"")
            addSids(source.gluePolicySids, to: &script)
        }
        script.begin("Start the state machine", account: targetAccountId, role: "target")
        script.line(
            "execution=$(target_aws stepfunctions start-execution --state-machine-arn ", stateMachineArn, " --query executionArn --output text)")
        script.line("echo \"started $execution\"")
        script.line("if [ \"${WAIT:-0}\" = 1 ]; then")
        script.line("  wait_for_execution \"$execution\"")
        script.queries(targetTables.count, role: "target", account: targetAccountId, workgroup: workGroupName, output: "''", indent: "  ") {
            index, text in
            text.append("SELECT count(*) AS copied_rows FROM ")
            text.append(targetTables[index].database)
            text.append(byte: UInt8(ascii: "."))
            text.append(targetTables[index].table)
        }
        script.line("fi")
        return script.finish("done")
    }

    /// A source template over 51,200 bytes goes through an S3 bucket of that account (or any bucket it can read).
    private func addSourceS3Flag(_ account: String, to script: inout ScriptWriter) {
        script.add(
            " --s3-bucket \"${SOURCE_ARTIFACT_BUCKET_", account,
            ":-${SOURCE_ARTIFACT_BUCKET:?the source template is over 51,200 bytes: set SOURCE_ARTIFACT_BUCKET_",
            account, " or SOURCE_ARTIFACT_BUCKET to an S3 bucket in the source account}}\"")
    }

    /// A space, then the Sids separated by spaces.
    private func addSids(_ sids: [String], to script: inout ScriptWriter) {
        script.add(" ")
        for (index, sid) in sids.enumerated() { script.add(index == 0 ? "" : " ", sid) }
    }

    /// The reverse: policies removed, tables dropped, source stacks and then the target stack deleted.
    func teardownScript() -> TextBuffer {
        var script = ScriptWriter(capacity: scriptCapacity / 2)
        addHeader(title: "Tears down \(names.projectName) (\(names.envName)) in the reverse order of deploy-plan.sh. It deletes data.", to: &script)
        for source in sources.reversed() {
            script.begin("Remove our statements from the Glue resource policy", account: source.accountId, role: "source")
            script.line("remove_glue_policy_statements ", source.accountId)
            addSids(source.gluePolicySids, to: &script)
        }
        if !targetDDL.isEmpty {
            script.begin("Drop the target Glue tables and database", account: targetAccountId, role: "target")
            // Gone only when an earlier run deleted the target stack, after these drops succeeded.
            script.line(
                "if [ \"$(target_aws athena get-work-group --work-group ", workGroupName,
                " --query WorkGroup.Name --output text 2>/dev/null)\" = ", workGroupName, " ]; then")
            targetQueries(targetDrops, into: &script)
            script.line("else")
            script.line("  echo \"  (no workgroup ", workGroupName, ": the target stack is already deleted)\"")
            script.line("fi")
        }
        for source in sources.reversed() {
            if !source.ddl.isEmpty {
                script.begin("Drop the source Glue tables and database", account: source.accountId, role: "source")
                // The query results go to the source bucket: gone only when an earlier run deleted the source stack.
                script.line("if source_aws ", source.accountId, " s3api head-bucket --bucket ", source.bucket, " >/dev/null 2>&1; then")
                sourceQueries(source.drops, in: source, into: &script)
                script.line("else")
                script.line("  echo \"  (no bucket ", source.bucket, ": the source stack is already deleted)\"")
                script.line("fi")
            }
            if source.catalogStackFile != nil {
                script.begin("Delete the Glue catalog stack", account: source.accountId, role: "source")
                script.line("delete_stack source ", source.accountId, " ", SourceCatalogStack.stackName(names: names))
            }
            script.begin("Empty and delete the source stack", account: source.accountId, role: "source")
            script.line("empty_bucket ", source.accountId, " ", source.bucket)
            script.line("delete_stack source ", source.accountId, " ", sourceStackName)
        }
        script.begin("Delete the target stack (its bucket empties itself)", account: targetAccountId, role: "target")
        script.line("delete_stack target ", targetAccountId, " ", targetStackName)
        return script.finish("teardown done")
    }

    /// `DROP TABLE` for each created table and `DROP DATABASE` for each created database, tables first.
    static func dropStatements(for ddl: SQLStatements) -> SQLStatements {
        var tables: [Range<Int>] = []
        var databases: [Range<Int>] = []
        for range in ddl.ranges {
            guard let created = createdName(in: ddl.text, range) else { continue }
            if created.isTable { tables.append(created.name) } else { databases.append(created.name) }
        }
        var drops = SQLStatements()
        for (keyword, names) in [("TABLE", tables), ("DATABASE", databases)] {
            for name in names.reversed() {
                drops.append { text in
                    text.append("DROP ")
                    text.append(keyword)
                    text.append(" IF EXISTS ")
                    text.append(ddl.text, range: name)
                }
            }
        }
        return drops
    }

    /// What the statement at `range` of `text` creates, as the byte range of its name: the word
    /// after its first `EXISTS`, words split at spaces and newlines; nil when it creates neither a
    /// table (`CREATE EXTERNAL TABLE`) nor a database (`CREATE DATABASE`).
    private static func createdName(in text: TextBuffer, _ range: Range<Int>) -> (isTable: Bool, name: Range<Int>)? {
        // Scanning bytes, where each is one Character, avoids decoding Characters (nearly every statement).
        let fromBytes = text.withBytes { buffer -> (isTable: Bool, name: Range<Int>)?? in
            let bytes = UnsafeBufferPointer(rebasing: buffer[range])
            guard SQLTextUnits.bytesAreCharacters(bytes) else { return nil }
            return createdName(in: bytes).map { ($0.isTable, (range.lowerBound + $0.name.lowerBound)..<(range.lowerBound + $0.name.upperBound)) }
        }
        if let fromBytes { return fromBytes }
        let characters = Array(text.text(in: range))
        let offsets = SQLTextUnits.byteOffsets(characters)
        return createdName(in: characters).map {
            ($0.isTable, (range.lowerBound + offsets[$0.name.lowerBound])..<(range.lowerBound + offsets[$0.name.upperBound]))
        }
    }

    private static func createdName<Units: RandomAccessCollection>(in units: Units) -> (isTable: Bool, name: Range<Int>)?
    where Units.Element: SQLTextUnit, Units.Index == Int {
        func starts(with prefix: String) -> Bool {
            units.count >= prefix.unicodeScalars.count && zip(units, prefix.unicodeScalars).allSatisfy { $0 == .ascii($1) }
        }
        let isTable = starts(with: "CREATE EXTERNAL TABLE")
        guard isTable || starts(with: "CREATE DATABASE") else { return nil }
        let exists = "EXISTS".unicodeScalars.map { Units.Element.ascii($0) }
        var afterExists = false
        var index = units.startIndex
        while index < units.endIndex {
            guard units[index] != .ascii(" "), units[index] != .ascii("\n") else {
                index += 1
                continue
            }
            let start = index
            while index < units.endIndex, units[index] != .ascii(" "), units[index] != .ascii("\n") { index += 1 }
            if afterExists { return (isTable, start..<index) }
            afterExists = units[start..<index].elementsEqual(exists)
        }
        return nil
    }

    /// The lines every script starts with, up to its first step: what it does, its Region, and
    /// the shell functions its steps call. Written in pieces, not interpolated: the functions are
    /// most of a small plan.
    private func addHeader(title: String, to script: inout ScriptWriter) {
        script.add("#!/usr/bin/env bash\n# Generated by `swift run synth`; do not edit (change the configuration and synthesize again).\n# ", title)
        script.line("#")
        script.line("# Credentials: TARGET_PROFILE for the target account, SOURCE_PROFILE_<accountId> or")
        script.line("# SOURCE_PROFILE for source accounts; unset means the default credentials. Region ", region, ".")
        script.line("# WAIT=1 waits for the execution and counts the copied rows.")
        script.line(DeployPlan.shellSetup)
        script.line("region=", region)
        script.add("\n\n", DeployPlan.shellFunctions, "\n", DeployPlan.gluePolicyFunctions)
    }

    /// What every script does before its functions.
    static let shellSetup = """
        set -euo pipefail
        here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
        scratch="$(mktemp -d)"
        trap 'rm -rf "$scratch"' EXIT
        # Every call names the Region: AWS CLI v2 lets AWS_REGION, which CloudShell sets, override
        # AWS_DEFAULT_REGION and the profile's Region.
        """

    /// The functions the steps call (the Glue policy's are `gluePolicyFunctions`).
    static let shellFunctions = """
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
        """

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
