// swift-tools-version: 6.3
// No package dependencies, on purpose: the toolchain's Foundation and XCTest only.
import PackageDescription

let package = Package(
    name: "CrossAccountGlueAthena",
    products: [
        .library(name: "CloudFormation", targets: ["CloudFormation"]),
        .library(name: "Constructs", targets: ["Constructs"]),
        .library(name: "AWSConstructs", targets: ["AWSConstructs"]),
        .library(name: "CrossAccountGlue", targets: ["CrossAccountGlue"]),
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
        // The seed system: configuration, target and source stacks, Glue policy, SQL.
        .target(name: "CrossAccountGlue", dependencies: ["AWSConstructs"]),
        // The `synth` command line.
        .executableTarget(name: "synth", dependencies: ["CrossAccountGlue"]),

        .testTarget(name: "CloudFormationTests", dependencies: ["CloudFormation"]),
        .testTarget(name: "ConstructsTests", dependencies: ["Constructs", "AWSConstructs"]),
        // Fixtures are read through #filePath, so they are excluded from the build.
        .testTarget(name: "CrossAccountGlueTests", dependencies: ["CrossAccountGlue"], exclude: ["Fixtures"]),
    ]
)
