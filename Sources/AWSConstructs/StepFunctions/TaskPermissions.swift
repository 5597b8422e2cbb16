/// The IAM statements the tasks of a definition need (`TaskState.rolePermissions`), collected
/// from every state, nested ones too, in definition order.
///
/// A statement without a Sid gets `Task<StateName>` (the state name's letters and digits, each
/// word capitalised; a second statement of the same task `…2`), and a Sid already taken gets a
/// number, so the Sids are unique in the policy and stay the same from one synth to the next.
enum TaskPermissions {
    static func statements(in graph: StateGraph) -> [PolicyStatement] {
        var result: [PolicyStatement] = []
        var taken: Set<String> = []
        for nested in graph.nestedStates(express: false) {
            guard case .task(let task) = nested.state else { continue }
            for (index, statement) in task.rolePermissions.enumerated() {
                var named = statement
                let base = statement.sid ?? "Task" + sidWords(nested.name) + (index == 0 ? "" : String(index + 1))
                var sid = base
                var counter = 2
                while taken.contains(sid) {
                    sid = base + String(counter)
                    counter += 1
                }
                taken.insert(sid)
                named.sid = sid
                result.append(named)
            }
        }
        return result
    }

    /// `"list objects-v2"` → `"ListObjectsV2"`: ASCII letters and digits only, as a Sid allows.
    static func sidWords(_ name: String) -> String {
        var words: [String] = []
        var current = ""
        for scalar in name.unicodeScalars {
            let isAlphanumeric = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            if isAlphanumeric {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
