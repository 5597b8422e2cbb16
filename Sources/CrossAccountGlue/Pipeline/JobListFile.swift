import CloudFormation

/// The job list of a Distributed Map pipeline as the file synth renders (`job-list.json`) and
/// the deploy plan uploads to the target bucket: a JSON array, one object per table, exactly
/// the items the inline form keeps in its first state.
///
/// It names partition and region (catalog ARNs), so it needs the config's region; the state
/// machine finds it by a key holding the MD5 of its contents (`DistributedCopy.jobListKey`).
enum JobListFile {
    static let fileName = "job-list.json"

    /// The file's text. `partition` and `region` fill catalog ARNs (unused with registered catalogs).
    static func contents(plan: CopyPlan, partition: String, region: String) -> String {
        JSONWriter.render(CopyDefinition.jobList(plan, partition: .string(partition), region: .string(region)).json())
    }
}
