// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "Briefing",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "briefing", targets: ["briefing"]),
        .library(name: "BriefingKit", targets: ["BriefingKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "CBriefingSupport"),
        .target(
            name: "BriefingKit",
            dependencies: [
                "CCmarkGFM",
                "CBriefingSupport",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "briefing",
            dependencies: [
                "BriefingKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "BriefingKitTests",
            dependencies: ["BriefingKit"],
            exclude: []
        ),
    ]
)

// libFuzzer targets (Fuzz/, `make fuzz`), only when BRIEFING_FUZZ is set so that ordinary
// builds and tests never compile them. Each calls the shared entry points in
// Tests/BriefingKitTests/Fuzz/FuzzEntryPoints.swift (symlinked as Fuzz/<target>/EntryPoints.swift).
if ProcessInfo.processInfo.environment["BRIEFING_FUZZ"] != nil {
    package.targets += ["FuzzFrontMatter", "FuzzMarkup", "FuzzEDTF", "FuzzImport", "FuzzRequestPath"].map {
        .executableTarget(name: $0, dependencies: ["BriefingKit"], path: "Fuzz/\($0)")
    }
}
