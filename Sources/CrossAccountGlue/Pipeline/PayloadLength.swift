import CloudFormation

/// The compact JSON length of the state payloads `StateMachineQuotas` checks, counted from the
/// plan without building or rendering them: at a thousand tables the job list and the failure
/// summary are tens of thousands of values. Each count is the length `JSONWriter.compactLength`
/// gives the rendered payload, or `nil` when some text is not ASCII (it counts characters,
/// which only the text tells).
enum PayloadLength {
    /// The lengths of the job list `CopyDefinition.jobList` renders: each job's (`jobs`),
    /// counted on first use and kept, and the whole list's. The inline Map's check needs
    /// the list's, the Distributed Map's each item's, and at ten thousand tables counting them
    /// is a hundred million instructions.
    final class JobLengths {
        private let plan: CopyPlan
        init(_ plan: CopyPlan) { self.plan = plan }
        private(set) lazy var items: [Int]? = PayloadLength.jobs(plan)
        /// The whole list's length, its brackets and commas included.
        var list: Int? { items.map { array(count: $0.count) + $0.reduce(0, +) } }
    }

    /// Each job of the list, in the list's order.
    static func jobs(_ plan: CopyPlan) -> [Int]? {
        var ascii = true
        let shape = CopyDefinition.JobShape(plan)
        let lengths = plan.jobs.indices.map { jobLength(plan.jobs[$0], plan: plan, shape: shape, ascii: &ascii) }
        return ascii ? lengths : nil
    }

    static func jobLength(_ job: CopyPlan.Job, plan: CopyPlan, shape: CopyDefinition.JobShape, ascii: inout Bool) -> Int {
        // "target": "<database>.<table>"
        var fields = 2
        var total = member("target") + 2 + string(job.target.database, &ascii) + 1 + string(job.target.table, &ascii)
        total += member("source")
        if plan.catalogAddressing == .registered {
            total += 2 + string(job.catalogName, &ascii) + 1 + string(job.source.database, &ascii) + 1 + string(job.source.table, &ascii)
        } else {
            total += JSONWriter.compactByteCount(
                value: CopyDefinition.jobSource(job, plan: plan, partition: .pseudo(.partition), region: .pseudo(.region)), ascii: &ascii)
        }
        if shape.columns {
            fields += 1
            total += member("columns") + 2 + string(job.selectList, &ascii)
        }
        if shape.modes {
            fields += 2
            total += member("mode") + 2 + string(job.mode.rawValue, &ascii) + member("table") + 2 + string(job.target.table, &ascii)
        }
        if shape.listsCtasProperties(job) {
            fields += 1
            total += member(CopyDefinition.ctasPropertiesKey) + 2 + string(job.ctasProperties, &ascii)
        }
        if job.isPartitioned {
            for field in PartitionStates.jobFields(job) {
                fields += 1
                total += member(field.key) + JSONWriter.compactByteCount(value: field.value, ascii: &ascii)
            }
        }
        return total + object(count: fields)
    }

    /// CountFailures' output when every table fails: each table's failed outcome
    /// (`CopyDefinition.failedOutcome` with the longest error name), the failed tables and their count.
    static func failureSummary(_ plan: CopyPlan) -> Int? {
        var ascii = true
        let error = string(CopyDefinition.longestErrorName, &ascii)
        // {"table":"…","status":"FAILED","error":"…"}, its table's text added per job.
        let outcome = object(count: 3) + member("table") + member("status") + 8 + member("error") + 2 + error
        var names = 0
        for index in plan.jobs.indices {
            names += 2 + string(plan.jobs[index].target.database, &ascii) + 1 + string(plan.jobs[index].target.table, &ascii)
        }
        let count = plan.jobs.count
        let outcomes = array(count: count) + count * outcome + names
        let failed = array(count: count) + names
        let total =
            object(count: 3) + member(CopyDefinition.tablesKey) + outcomes + member(CopyDefinition.failedKey) + failed
            + member("failedCount") + digits(count)
        return ascii ? total : nil
    }

    // MARK: Pieces of compact JSON

    /// Brackets and commas of an array of `count` items.
    static func array(count: Int) -> Int { 2 + max(count - 1, 0) }
    /// Braces and commas of an object of `count` members.
    static func object(count: Int) -> Int { 2 + max(count - 1, 0) }
    /// A member's quoted key and its colon.
    static func member(_ key: String) -> Int {
        var ascii = true
        return 2 + string(key, &ascii) + 1
    }

    /// `text` escaped as `JSONWriter` writes it, without its quotes; clears `ascii` on a
    /// non-ASCII byte.
    static func string(_ text: String, _ ascii: inout Bool) -> Int {
        JSONWriter.compactByteCount(value: .string(text), ascii: &ascii) - 2
    }

    static func digits(_ number: Int) -> Int {
        var count = number < 0 ? 2 : 1
        var rest = number.magnitude
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }
}
