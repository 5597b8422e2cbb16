import CloudFormation

extension CfnResourceBase {
    /// Whether synth checks the rendered resource against its type's schema: a raw resource
    /// always; a typed one only once overridden, since its typed properties are what its type
    /// allows and checking every resource would cost every synth.
    var checkedAgainstSchema: Bool { self is CfnRawResource || !overrides.isEmpty }

    /// The rendered resource's `Properties` (overrides applied, as the template has them)
    /// checked against the pinned cfn-lint's schema of its type: each problem an error here,
    /// naming the property's path; a type the schemas do not have, a warning.
    func schemaDiagnostics(of rendered: Resource) -> [Diagnostic] {
        guard checkedAgainstSchema else { return [] }
        var validator = ResourceSchemaValidator()
        switch validator.check(type: resourceType, properties: rendered.json()["Properties"]) {
        case .notChecked:
            return []
        case .unknownType(let nearest):
            // A name not written Vendor::Service::Resource is an error of its own already.
            guard CfnRawResource.isWellFormed(type: resourceType) else { return [] }
            let guess = nearest.map { "did you mean \($0)? " } ?? ""
            return [
                Diagnostic(
                    .warning, .construct(path),
                    "resource type \(resourceType) is not in the schemas of cfn-lint \(ResourceSchemas.cfnLintVersion), so its properties are not checked",
                    hint: "\(guess)a type newer than that cfn-lint is fine; a misspelt one fails at deploy time")
            ]
        case .checked(let problems):
            return problems.map { Diagnostic(.construct(path), $0.message, hint: $0.hint) }
        }
    }
}
