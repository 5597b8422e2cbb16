/// How the state machine runs the copy jobs.
///
/// `inline`: one Map state in the execution itself, the job list in the definition, every
/// table's outcome in the state output. `distributed`: a Distributed Map that reads the job
/// list from S3 and copies each table in a child execution of its own, writing the outcomes to
/// S3 (`DistributedCopy`). The inline form is used whenever it fits Step Functions' run-time
/// quotas (`StateMachineQuotas.inlineProblems`), so every plan that synthesized before renders
/// exactly as before.
public enum CopyForm: Sendable, Equatable {
    case inline
    case distributed

    static func of(_ plan: CopyPlan) -> CopyForm {
        CopyDefinition.usesMap(plan) && !StateMachineQuotas.inlineProblems(plan: plan, at: "").isEmpty ? .distributed : .inline
    }
}
