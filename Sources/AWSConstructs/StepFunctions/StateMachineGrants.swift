import CloudFormation

/// Grants on a state machine, in the grantee's own policy (the AWS CDK's `Grant.addToPrincipal`).
extension StateMachine {
    public static let startExecutionActions = ["states:StartExecution"]

    /// Lets `grantee` start executions of this state machine.
    @discardableResult
    public func grantStartExecution(_ grantee: Grantable, options: GrantOptions = GrantOptions()) -> Grant {
        StateMachine.grantStartExecution(grantee, stateMachineArn: stateMachineArn, options: options)
    }

    /// Lets `grantee` start executions of the state machine `stateMachineArn`: for one known only
    /// by its ARN, e.g. built from its name so that the grantee's policy need not wait for it.
    @discardableResult
    public static func grantStartExecution(_ grantee: Grantable, stateMachineArn: Value, options: GrantOptions = GrantOptions()) -> Grant {
        Grant.addToPrincipal(grantee, actions: startExecutionActions, resourceArns: [stateMachineArn], options: options)
    }
}
