/// One state of a definition wherever it is nested: at the top, in a Parallel branch or in a
/// Map's item processor.
struct NestedState {
    /// Where the state is, as problems name it: `state "A"`, `P branch 1 > state "A"`,
    /// `M item processor > state "A"`.
    var location: String
    var name: String
    var state: State
    /// Whether the state runs in an Express execution: the state machine is Express, or the
    /// state is in a Distributed Map whose child executions are Express.
    var runsAsExpress: Bool
}

extension StateGraph {
    /// Every state, depth first in definition order: each state, then the states nested in it.
    func nestedStates(scope: String = "", express: Bool) -> [NestedState] {
        let prefix = scope.isEmpty ? "" : "\(scope) > "
        var result: [NestedState] = []
        for (name, state) in states {
            result.append(NestedState(location: "\(prefix)state \"\(name)\"", name: name, state: state, runsAsExpress: express))
            switch state {
            case .parallel(let parallel):
                for (index, branch) in parallel.branches.enumerated() {
                    result += branch.nestedStates(scope: "\(prefix)\(name) branch \(index + 1)", express: express)
                }
            case .map(let map):
                let childExpress = map.distributed.map { $0.executionType == .express } ?? express
                result += map.itemProcessor.nestedStates(scope: "\(prefix)\(name) item processor", express: childExpress)
            case .task, .pass, .choice, .wait, .succeed, .fail:
                break
            }
        }
        return result
    }
}
