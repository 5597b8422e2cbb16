import CloudFormation

/// An object of the config as `PipelineParser` reads it: its members, each looked up by key in
/// place (`JSON`'s subscript copies the object's members to look one up).
struct ConfigObject {
    let members: [JSON.Member]

    /// The value of the first member named `key`, as `JSON`'s subscript finds it.
    subscript(key: String) -> JSON? {
        for index in members.indices where members[index].key == key { return members[index].value }
        return nil
    }
}
