import CloudFormation
import CloudFormationIAM
import CloudFormationS3
import CloudFormationStepFunctions
import Constructs

// A versioned, encrypted bucket; a role Step Functions can assume that may write to it; and a
// state machine that puts one object there. Every resource is an L1 generated from its schema.
let app = App()
let stack = Stack(app, "l1-consumer-stack")

let bucket = CfnResource(
    stack, "Reports",
    S3BucketProperties(
        bucketEncryption: .init(serverSideEncryptionConfiguration: [.init(serverSideEncryptionByDefault: .init(sseAlgorithm: .aes256))]),
        publicAccessBlockConfiguration: .init(
            blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true),
        versioningConfiguration: .init(status: .enabled)))
bucket.applyRemovalPolicy(.retain)

let role = CfnResource(
    stack, "WriterRole",
    IAMRoleProperties(
        assumeRolePolicyDocument: .object([
            "Version": "2012-10-17",
            "Statement": .array([
                .object(["Action": "sts:AssumeRole", "Effect": "Allow", "Principal": .object(["Service": "states.amazonaws.com"])])
            ]),
        ]),
        policies: [
            .init(
                policyDocument: .object([
                    "Version": "2012-10-17",
                    "Statement": .array([
                        .object(["Action": "s3:PutObject", "Effect": "Allow", "Resource": .join("", [bucket.attribute(.arn), "/*"])])
                    ]),
                ]),
                policyName: "write-reports")
        ]))

let machine = CfnResource(
    stack, "Writer",
    StepFunctionsStateMachineProperties(
        definition: .object([
            "StartAt": "Put",
            "States": .object([
                "Put": .object([
                    "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:putObject", "End": true,
                    "Parameters": .object(["Bucket": "${Bucket}", "Key": "hello.txt", "Body": "hello"]),
                ])
            ]),
        ]),
        definitionSubstitutions: ["Bucket": bucket.ref],
        roleArn: role.attribute(.arn),
        stateMachineType: .standard))

// Throws every problem at once, with construct paths; an error stops the program non-zero.
let assembly = try app.synthesize()
print(assembly.stacks[0].template.render(), terminator: "")
