import CloudFormation

/// What crosses the account boundary, as a picture: one box per account, the resources as
/// nodes, arrows for the data flow and for each cross-account grant, labelled with the actions.
/// Rendered as Mermaid (`architecture.mmd`) and Graphviz (`architecture.dot`).
struct ArchitectureDiagram {
    static let mermaidFile = "architecture.mmd"
    static let dotFile = "architecture.dot"
    /// Tables listed by name in a source catalog node before "and N more".
    static let listedTables = 3

    struct Node {
        var id: String
        var label: String
    }

    struct Group {
        var id: String
        var title: String
        var nodes: [Node]
    }

    enum EdgeKind { case flow, grant, uses }

    struct Edge {
        var from: String
        var to: String
        var label: String
        var kind: EdgeKind
    }

    var groups: [Group] = []
    var edges: [Edge] = []

    /// The grants' own actions label the grant edges: the execution role's in the target bucket,
    /// each source's Glue resource policy and bucket policy.
    /// The target account's resources, by the names the construct tree gave them.
    struct TargetNames {
        var stateMachine: String
        var role: String
        var workGroup: String
        var bucket: String
        var logGroup: String
    }

    init(
        names: TargetNames, targetAccountId: String, plan: CopyPlan, targetBucketActions: [String],
        catalogActions: [String], bucketPolicyActions: [String]
    ) {
        let target = Group(
            id: "target", title: "Target account \(targetAccountId)",
            nodes: [
                Node(id: "stateMachine", label: "Step Functions state machine\n\(names.stateMachine)"),
                Node(id: "role", label: "IAM role\n\(names.role)"),
                Node(id: "workgroup", label: "Athena workgroup\n\(names.workGroup)"),
                Node(id: "targetDatabase", label: "Glue database\n\(plan.targetDatabase)"),
                Node(id: "targetBucket", label: "S3 bucket\n\(names.bucket)"),
                Node(id: "logs", label: "CloudWatch Logs\n\(names.logGroup)"),
            ] + plan.sources.map { Node(id: "catalog_\($0.accountId)", label: "Athena data catalog\n\($0.catalogName)") })
        groups.append(target)
        edges += [
            Edge(from: "stateMachine", to: "role", label: "runs as", kind: .uses),
            Edge(from: "stateMachine", to: "workgroup", label: "athena:StartQueryExecution (.sync)", kind: .uses),
            Edge(from: "stateMachine", to: "logs", label: "execution logs", kind: .uses),
            Edge(from: "workgroup", to: "targetDatabase", label: "INSERT INTO", kind: .uses),
            Edge(from: "role", to: "targetBucket", label: .concatenating(targetBucketActions, separator: ", "), kind: .grant),
        ]
        // The same for every source; the ids and labels concatenated, not interpolated (a hundred sources).
        let resourcePolicyLabel = "resource policy: " + .concatenating(catalogActions, separator: ", ")
        let bucketPolicyLabel = "bucket policy: " + .concatenating(bucketPolicyActions, separator: ", ")
        for source in plan.sources {
            let account = source.accountId
            // The label's pieces joined once: appending each grew the label, a string at a time.
            var labelPieces = ["Glue Data Catalog\n"]
            for index in source.tables.indices.prefix(ArchitectureDiagram.listedTables) {
                if index > 0 { labelPieces.append("\n") }
                labelPieces += [source.tables[index].database, ".", source.tables[index].table]
            }
            if source.tables.count > ArchitectureDiagram.listedTables {
                labelPieces.append("\nand \(source.tables.count - ArchitectureDiagram.listedTables) more")
            }
            let catalogLabel = String.concatenating(labelPieces)
            let bucket = "bucket_" + account
            let glue = "glue_" + account
            let catalog = "catalog_" + account
            groups.append(
                Group(
                    id: "source_" + account, title: "Source account " + account,
                    nodes: [
                        Node(id: bucket, label: "S3 bucket\n" + source.bucket),
                        Node(id: glue, label: catalogLabel),
                    ]))
            edges += [
                Edge(from: "workgroup", to: catalog, label: "SELECT FROM " + source.catalogName + ".*", kind: .uses),
                Edge(from: catalog, to: glue, label: "catalog-id " + account, kind: .uses),
                Edge(from: glue, to: "role", label: resourcePolicyLabel, kind: .grant),
                Edge(from: bucket, to: "role", label: bucketPolicyLabel, kind: .grant),
                Edge(from: bucket, to: "targetBucket", label: "rows copied by Athena", kind: .flow),
            ]
        }
    }

    /// Lines joined by newlines, a newline at the end; written into one byte buffer.
    func mermaid() -> TextBuffer {
        var out = TextBuffer(capacity: 96 * (edges.count + groups.count * 4))
        out.append("flowchart LR")
        for group in groups {
            out.append("\n  subgraph ")
            out.append(group.id)
            out.append("[\"")
            Self.appendMermaidText(group.title, to: &out)
            out.append("\"]")
            for node in group.nodes {
                out.append("\n    ")
                out.append(node.id)
                out.append("[\"")
                Self.appendMermaidText(node.label, to: &out)
                out.append("\"]")
            }
            out.append("\n  end")
        }
        for edge in edges {
            let arrow: String
            switch edge.kind {
            case .flow: arrow = "==>"
            case .grant: arrow = "-.->"
            case .uses: arrow = "-->"
            }
            out.append("\n  ")
            out.append(edge.from)
            out.append(byte: UInt8(ascii: " "))
            out.append(arrow)
            out.append("|\"")
            Self.appendMermaidText(edge.label, to: &out)
            out.append("\"| ")
            out.append(edge.to)
        }
        out.append(byte: UInt8(ascii: "\n"))
        return out
    }

    func dot() -> TextBuffer {
        var out = TextBuffer(capacity: 96 * (edges.count + groups.count * 4))
        out.append(
            "digraph architecture {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];")
        for group in groups {
            out.append("\n  subgraph cluster_")
            out.append(group.id)
            out.append(" {\n    label=\"")
            Self.appendDotText(group.title, to: &out)
            out.append("\";")
            for node in group.nodes {
                out.append("\n    ")
                out.append(node.id)
                out.append(" [label=\"")
                Self.appendDotText(node.label, to: &out)
                out.append("\"];")
            }
            out.append("\n  }")
        }
        for edge in edges {
            let style: String
            switch edge.kind {
            case .flow: style = ", style=bold"
            case .grant: style = ", style=dashed"
            case .uses: style = ""
            }
            out.append("\n  ")
            out.append(edge.from)
            out.append(" -> ")
            out.append(edge.to)
            out.append(" [label=\"")
            Self.appendDotText(edge.label, to: &out)
            out.append("\"")
            out.append(style)
            out.append("];")
        }
        out.append("\n}\n")
        return out
    }

    /// Mermaid's label text: `"` as `#quot;`, a newline as `<br/>`.
    static func appendMermaidText(_ text: String, to out: inout TextBuffer) {
        out.appendEscaping(text) { byte in
            switch byte {
            case UInt8(ascii: "\""): return "#quot;"
            case UInt8(ascii: "\n"): return "<br/>"
            default: return nil
            }
        }
    }

    /// Graphviz's quoted string: `\\` and `"` escaped with a backslash, a newline as `\\n`.
    static func appendDotText(_ text: String, to out: inout TextBuffer) {
        out.appendEscaping(text) { byte in
            switch byte {
            case UInt8(ascii: "\\"): return "\\\\"
            case UInt8(ascii: "\""): return "\\\""
            case UInt8(ascii: "\n"): return "\\n"
            default: return nil
            }
        }
    }
}
