import CloudFormation
import Constructs

/// `context.toleratedFailureCount`: how many tables may fail before the run fails. The inline
/// form compares its count of failed tables with it at the end; the Distributed Map passes it as
/// `ToleratedFailureCount`, failing the Map Run (and the execution) once more children failed
/// (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html).
enum FailureTolerance {
    static func parse(_ value: JSON, at location: String, tables: Int) -> (Int, Diagnostic?) {
        guard case .int(let count) = value, count >= 0, count <= tables else {
            return (
                0,
                Diagnostic(
                    at: location, "must be a whole number from 0 to the number of tables (\(tables))",
                    hint: "0 (the default) fails the run when any table fails; n lets up to n tables fail")
            )
        }
        return (count, nil)
    }
}
