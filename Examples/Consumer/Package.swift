// swift-tools-version: 6.3
// A package that depends on this one the way a user's would, importing only the three library
// products and no Foundation, so CI proves they build and link on their own.
import PackageDescription

let package = Package(
    name: "Consumer",
    // Named, because the root package's identity would otherwise be its folder's name, which
    // differs between checkouts.
    dependencies: [.package(name: "CrossAccountGlueAthena", path: "../..")],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [
                .product(name: "CloudFormation", package: "CrossAccountGlueAthena"),
                .product(name: "Constructs", package: "CrossAccountGlueAthena"),
                .product(name: "AWSConstructs", package: "CrossAccountGlueAthena"),
            ])
    ]
)
