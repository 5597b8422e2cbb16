import CloudFormation
import Constructs

/// A config file as the host reads it, before any app: `{"app": "NAME", "context": {…}}`, the
/// context shaped like cdk.json's. Which app runs is `--app`, else `app`, else the default app.
public struct ConfigFile {
    /// The keys a config file may have at its top.
    public static let topLevelKeys = ["app", "context"]

    /// `"app"`, when the file names one.
    public var app: String?
    /// The `"context"` object's members, in file order.
    public var context: [JSON.Member]

    /// The file's app and context, or every problem with its shape. `path` is only used in messages.
    public static func parse(_ bytes: [UInt8], path: String) -> Result<ConfigFile, SynthesisError> {
        let json: JSON
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            return .failure(
                SynthesisError([Diagnostic(.file(path), "is not valid JSON: \(error.description)", hint: "fix the JSON syntax at that position")]))
        }
        guard case .object(let members) = json else {
            return .failure(
                SynthesisError([
                    Diagnostic(.file(path), "must be a JSON object like {\"context\": {…}}", hint: "wrap the settings in {\"context\": {…}}")
                ]))
        }
        var problems: [Diagnostic] = []
        for member in members where !topLevelKeys.contains(member.key) {
            let suggestion = NearestWord.among(topLevelKeys, to: member.key).map { "; did you mean \"\($0)\"?" } ?? ""
            problems.append(
                Diagnostic(
                    .setting("\(path): \(member.key)"), "unknown top-level key\(suggestion)",
                    hint: "put settings under \"context\""))
        }
        var app: String?
        if let value = json["app"] {
            if let name = value.stringValue {
                app = name
            } else {
                problems.append(Diagnostic(.setting("\(path): app"), "must be a string", hint: "name the app, e.g. \"app\": \"cross-account-glue\""))
            }
        }
        guard let contextValue = json["context"] else {
            problems.append(Diagnostic(.file(path), "has no \"context\" object", hint: "add {\"context\": {\"sourceAccountId\": \"111111111111\"}}"))
            return .failure(SynthesisError(problems))
        }
        guard case .object(let entries) = contextValue else {
            problems.append(Diagnostic(.setting("\(path): context"), "must be an object", hint: "write \"context\": {\"key\": \"value\", …}"))
            return .failure(SynthesisError(problems))
        }
        return problems.isEmpty ? .success(ConfigFile(app: app, context: entries)) : .failure(SynthesisError(problems))
    }
}
