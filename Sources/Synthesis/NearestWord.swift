import CloudFormation

/// The known word a mistyped one most likely meant, for "did you mean …?" in config errors and
/// on the command line alike (the same measure as CloudFormation's `NearestName`, which checks
/// property and resource type names).
public enum NearestWord {
    /// The candidate closest to `word` (case-insensitively), when it is close enough to be a typo.
    public static func among(_ candidates: [String], to word: String) -> String? {
        NearestName.among(candidates, to: word)
    }
}
