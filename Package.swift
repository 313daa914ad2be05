// swift-tools-version:6.0
import PackageDescription

// Dependencies point down: the command line -> Pipeline -> (Extract | Transform | Warehouse)
// -> (Records, Postgres, Checksum) -> C libraries.
let package = Package(
    name: "article-etl",
    products: [
        .executable(name: "article-etl", targets: ["article-etl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // C libraries, from Debian packages through pkg-config.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "COpenCC", pkgConfig: "opencc", providers: [.apt(["libopencc-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBzip2", providers: [.apt(["libbz2-dev"])]),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlidec", providers: [.apt(["libbrotli-dev"])]),
        .systemLibrary(name: "CUchardet", pkgConfig: "uchardet", providers: [.apt(["libuchardet-dev"])]),
        // The process's allocator (see Sources/article-etl/Allocator.swift).
        .systemLibrary(name: "CJemalloc", pkgConfig: "jemalloc", providers: [.apt(["libjemalloc-dev"])]),
        // ICU behind a plain C target whose public header includes no ICU header (Foundation
        // carries its own ICU; importing both clashes on clean builds).
        .target(name: "CICU", linkerSettings: [
            .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
        ]),

        // The libpq layer: knows nothing about articles.
        .target(name: "Postgres", dependencies: [
            "CLibPQ", .product(name: "Logging", package: "swift-log"),
        ]),
        // SHA-256 over bytes, through OpenSSL's libcrypto.
        .target(name: "Checksum", dependencies: ["CCrypto"]),
        // Swift faces of ICU (charsets, detection, word breaks) and OpenCC.
        // OpenCC's dictionaries listed through its C++ API, behind a C header.
        .target(name: "COpenCCDictionary", linkerSettings: [.linkedLibrary("opencc")]),
        .target(name: "TextTools", dependencies: ["CICU", "COpenCC", "COpenCCDictionary", "CUchardet"]),
        // Compact Language Detector 2 (libcld2-dev) through its C++ API, behind a C header.
        .target(name: "CLD2Language", linkerSettings: [.linkedLibrary("cld2")]),
        // The record types passed between stages and their line format.
        .target(name: "Records"),

        // The three stages.
        .target(name: "Extract", dependencies: ["Records", "Checksum", "TextTools", "CZlib", "CBrotli"]),
        .target(name: "Transform", dependencies: ["Records", "Checksum", "TextTools", "CLibXML2", "CBzip2", "CLD2Language"]),
        .target(name: "Warehouse", dependencies: [
            "Records", "Postgres", "Checksum", .product(name: "Logging", package: "swift-log"),
        ]),

        // Runs, batching, concurrency, configuration: wires the stages together.
        .target(name: "Pipeline", dependencies: [
            "Records", "Extract", "Transform", "Warehouse", "Postgres",
            .product(name: "Logging", package: "swift-log"),
        ]),

        // The command line: arguments, logging bootstrap, exit codes, the allocator.
        .executableTarget(name: "article-etl", dependencies: [
            "Pipeline", "Warehouse", "Postgres", "CJemalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // A development tool: the extractor's output over ../shared/samples for scripts/check-html.
        .executableTarget(name: "html-dump", dependencies: ["Extract", "Transform"]),

        // Tests. The helpers both test targets use (temporary folders, golden files, the labelled
        // set, test loggers, crawl archives); the labelled set's data sits beside its loader.
        .target(name: "TestSupport", dependencies: [
            "Records", "Extract", .product(name: "Logging", package: "swift-log"),
        ], path: "Tests/TestSupport", exclude: ["Labelled"]),
        // Tests that need no database server: `swift test --filter UnitTests`.
        .testTarget(name: "UnitTests", dependencies: [
            "TestSupport", "Postgres", "Records", "Extract", "Transform", "Warehouse", "Pipeline", "Checksum", "TextTools", "CLibXML2",
            .product(name: "Logging", package: "swift-log"),
        ], exclude: ["Golden"]),
        // Tests against the PostgreSQL named by ARTICLE_ETL_TEST_DATABASE_URL (scripts/test starts one).
        .testTarget(name: "IntegrationTests", dependencies: [
            "TestSupport", "Postgres", "Records", "Extract", "Transform", "Warehouse", "Pipeline", "TextTools",
            .product(name: "Logging", package: "swift-log"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
