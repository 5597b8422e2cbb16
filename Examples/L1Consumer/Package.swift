// swift-tools-version: 6.3
// A package that uses only L1 resource types, from three service modules (S3, IAM, Step
// Functions), the way a user who wants typed CloudFormation without the L2 constructs would.
// It builds only those three of the ~280 generated service modules; scripts/measure-build times
// its clean build against the budget in README.
import PackageDescription

let package = Package(
    name: "L1Consumer",
    // Named, because the root package's identity would otherwise be its folder's name, which
    // differs between checkouts.
    dependencies: [.package(name: "CrossAccountGlueAthena", path: "../..")],
    targets: [
        .executableTarget(
            name: "L1Consumer",
            dependencies: [
                .product(name: "CloudFormation", package: "CrossAccountGlueAthena"),
                .product(name: "Constructs", package: "CrossAccountGlueAthena"),
                .product(name: "CloudFormationS3", package: "CrossAccountGlueAthena"),
                .product(name: "CloudFormationIAM", package: "CrossAccountGlueAthena"),
                .product(name: "CloudFormationStepFunctions", package: "CrossAccountGlueAthena"),
            ])
    ]
)
