// swift-tools-version:6.1
import PackageDescription

// Strict settings, set once for every Swift target (after Hummingbird's Package.swift).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Horizon",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "horizon", targets: ["horizon"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The .docx package (a ZIP archive), in the Office target only.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // Tests only: property-based tests through Swift Testing (template round trips).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // libyaml, through pkg-config; Debian's package is libyaml-dev.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // zlib, through pkg-config (Debian's zlib1g-dev): the workbook reader inflates each part
        // itself, with bounds, rather than through ZIPFoundation's reader (see WorkbookArchive).
        .systemLibrary(
            name: "CHorizonZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // The model: the library, contracts, supplier documents, the rule kinds, findings. It
        // depends on nothing, so a use of a higher layer from it fails to compile.
        .target(
            name: "HorizonModel",
            swiftSettings: strict
        ),
        // Reading, linting, generating, checking, over the model. No printing, no exit codes, no clock.
        .target(
            name: "HorizonKit",
            dependencies: [
                "HorizonModel",
                "CYAML",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // Office formats (the schedule as .docx), over HorizonKit: a target of its own, so that
        // the core stays free of zlib and Scripts/fuzz can compile the core's sources alone.
        .target(
            name: "HorizonOffice",
            dependencies: [
                "HorizonKit",
                "HorizonModel",
                "CHorizonZlib",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        // The thin command line over HorizonKit.
        .executableTarget(
            name: "horizon",
            dependencies: [
                "HorizonKit",
                "HorizonModel",
                "HorizonOffice",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // The benchmark: synthetic portfolios, libyaml's bare parse against `horizon check`.
        .executableTarget(
            name: "horizon-bench",
            dependencies: ["HorizonKit", "HorizonModel"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HorizonKitTests",
            dependencies: [
                "HorizonKit", "HorizonModel", "HorizonOffice",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Fixtures", "Snapshots"],
            swiftSettings: strict
        ),
        // Runs the built `horizon` binary: stdout, stderr, exit status.
        .testTarget(
            name: "HorizonCLITests",
            dependencies: ["horizon"],
            swiftSettings: strict
        ),
    ]
)
