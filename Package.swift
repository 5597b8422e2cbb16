// swift-tools-version: 6.3
// No package dependencies, on purpose: the toolchain's Foundation and XCTest only.
import PackageDescription

let package = Package(
    name: "CrossAccountGlueAthena",
    products: [
        .library(name: "CloudFormation", targets: ["CloudFormation"]),
        .library(name: "Constructs", targets: ["Constructs"]),
        .library(name: "AWSConstructs", targets: ["AWSConstructs"]),
        .library(name: "Synthesis", targets: ["Synthesis"]),
        .library(name: "CrossAccountGlue", targets: ["CrossAccountGlue"]),
        .library(name: "ScheduledQuery", targets: ["ScheduledQuery"]),
        .executable(name: "synth", targets: ["synth"]),
    ],
    targets: [
        // Template model, intrinsics, L1 resource properties, canonical JSON.
        .target(name: "CloudFormation"),
        // Construct tree, stacks, CDK-compatible logical IDs, tags, diagnostics.
        .target(name: "Constructs", dependencies: ["CloudFormation"]),
        // L2 constructs by service: IAM, S3, Athena, Glue, Step Functions, Logs, Lambda.
        .target(
            name: "AWSConstructs",
            dependencies: ["Constructs", "CloudFormation"],
            resources: [.embedInCode("Resources/auto_delete_objects.py")]
        ),
        // The synthesis pipeline as stages, and the protocol an app implements to be hosted by `synth`.
        .target(name: "Synthesis", dependencies: ["Constructs", "CloudFormation"]),
        // The seed system: configuration, target and source stacks, Glue policy, SQL.
        .target(name: "CrossAccountGlue", dependencies: ["AWSConstructs", "Synthesis"]),
        // A second, small app: an Athena query on a schedule, results in a bucket, failures mailed.
        .target(name: "ScheduledQuery", dependencies: ["AWSConstructs", "Synthesis"]),
        // The `synth` command line: hosts the apps, gives each the same flags and output handling.
        .executableTarget(name: "synth", dependencies: ["Synthesis", "CrossAccountGlue", "ScheduledQuery"]),

        .testTarget(name: "CloudFormationTests", dependencies: ["CloudFormation"]),
        .testTarget(name: "ConstructsTests", dependencies: ["Constructs", "AWSConstructs"]),
        // Fixtures are read through #filePath, so they are excluded from the build.
        .testTarget(name: "SynthesisTests", dependencies: ["Synthesis", "Constructs", "CloudFormation"]),
        .testTarget(name: "ScheduledQueryTests", dependencies: ["ScheduledQuery", "Synthesis"], exclude: ["Fixtures"]),
        .testTarget(name: "CrossAccountGlueTests", dependencies: ["CrossAccountGlue", "Synthesis"], exclude: ["Fixtures"]),
    ]
)
