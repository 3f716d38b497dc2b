// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "amtsweg",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "amtsweg", targets: ["amtsweg"]),
        .executable(name: "catalog-bench", targets: ["catalog-bench"]),
        .executable(name: "forms-bench", targets: ["forms-bench"]),
        .executable(name: "bpmn-bench", targets: ["bpmn-bench"]),
        .executable(name: "dmn-bench", targets: ["dmn-bench"]),
        .executable(name: "wohngeld-bench", targets: ["wohngeld-bench"]),
        .executable(name: "notices-bench", targets: ["notices-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // Engines: pure Swift, no web framework, no database.
        .target(name: "Regions", exclude: ["README.md"], swiftSettings: strict),
        .target(name: "Authorities", dependencies: ["Regions"], exclude: ["README.md"], swiftSettings: strict),
        .target(name: "Texts", exclude: ["README.md"], swiftSettings: strict),
        .target(name: "Search", exclude: ["README.md"], swiftSettings: strict),
        .target(
            name: "Catalog", dependencies: ["Authorities", "Regions", "Search"], exclude: ["README.md"],
            swiftSettings: strict),
        .target(name: "Accounts", exclude: ["README.md"], swiftSettings: strict),
        .target(name: "Expressions", exclude: ["README.md"], swiftSettings: strict),
        .target(name: "XMLReading", exclude: ["README.md"], swiftSettings: strict),
        .target(name: "Deadlines", exclude: ["README.md"], swiftSettings: strict),
        .target(name: "Rules", exclude: ["README.md"], swiftSettings: strict),
        .target(
            name: "Payments", dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            exclude: ["README.md"], swiftSettings: strict),
        .target(
            name: "Registers", dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            exclude: ["README.md"], swiftSettings: strict),
        .target(
            name: "Decisions", dependencies: ["Expressions", "XMLReading"], exclude: ["README.md"],
            swiftSettings: strict),
        .target(
            name: "Forms", dependencies: ["Expressions", "XMLReading"], exclude: ["README.md", "VALIDATION.md"],
            swiftSettings: strict),
        .target(
            name: "Applications", dependencies: ["Forms", "Expressions", "Rules"], exclude: ["README.md"],
            swiftSettings: strict
        ),
        .target(
            name: "Workflow",
            dependencies: ["Expressions", "XMLReading", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["README.md"], swiftSettings: strict),
        .target(
            name: "Cases",
            dependencies: [
                "Deadlines", "Signing", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["README.md"], swiftSettings: strict),
        // Notices: layout, PDF/A writing, TrueType subsetting and PAdES sealing (our own small PDF writer).
        .target(
            name: "Notices",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            exclude: ["README.md"], swiftSettings: strict),
        .target(
            name: "Mail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["README.md"], swiftSettings: strict),
        .target(
            name: "Assistant", dependencies: ["Catalog", "Search", "Regions", "Authorities"], exclude: ["README.md"],
            swiftSettings: strict),
        .target(
            name: "Signing",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            exclude: ["README.md"], swiftSettings: strict),
        .target(
            name: "Routing",
            dependencies: [
                "Catalog", "Authorities", "Regions", "Signing", .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"], swiftSettings: strict),
        // Storage edge: SQLite / PostgreSQL, migrations, tenant scope, job queue, document store.
        .target(
            name: "Storage",
            dependencies: [
                "Authorities", "Regions", "Accounts", "Workflow", "Expressions", "Cases", "Deadlines", "Notices",
                "Payments", "Registers", .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // HTTP edge: pages, JSON API, middleware, the application builder.
        .target(
            name: "AmtswegServer",
            dependencies: [
                "Regions", "Authorities", "Texts", "Storage", "Catalog", "Signing", "Routing", "Assistant", "Accounts",
                "Mail", "Forms", "Applications", "Expressions", "Cases", "Deadlines", "Rules", "Notices", "Payments",
                "Decisions", "Registers",
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "amtsweg",
            dependencies: [
                "AmtswegServer", "Storage", "Catalog", "Forms", "Applications", "Workflow", "Expressions", "Decisions",
                "Cases", "Rules", "Registers", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "catalog-bench", dependencies: ["Catalog", "Regions"], swiftSettings: strict),
        .executableTarget(name: "forms-bench", dependencies: ["Forms", "Applications"], swiftSettings: strict),
        .executableTarget(name: "dmn-bench", dependencies: ["Decisions", "Expressions"], swiftSettings: strict),
        .executableTarget(name: "wohngeld-bench", dependencies: ["Rules"], swiftSettings: strict),
        .executableTarget(name: "notices-bench", dependencies: ["Notices"], swiftSettings: strict),
        .executableTarget(
            name: "bpmn-bench",
            dependencies: ["Workflow", "Expressions", "Storage", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict),
        .testTarget(
            name: "AmtswegTests",
            dependencies: [
                "Regions", "Authorities", "Texts", "Storage", "AmtswegServer", "Catalog", "Signing", "Routing",
                "Assistant", "Forms", "Applications", "Expressions", "Workflow", "Cases", "Deadlines", "Rules",
                "Notices", "Payments", "Registers",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "ExpressionsTests", dependencies: ["Expressions"], swiftSettings: strict),
        .testTarget(name: "WorkflowTests", dependencies: ["Workflow", "Expressions"], swiftSettings: strict),
        .testTarget(
            name: "CasesTests",
            dependencies: ["Cases", "Deadlines", "Workflow", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        .testTarget(
            name: "NoticesTests",
            dependencies: [
                "Notices", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict),
        .testTarget(name: "DeadlinesTests", dependencies: ["Deadlines"], swiftSettings: strict),
        .testTarget(name: "RulesTests", dependencies: ["Rules"], swiftSettings: strict),
        .testTarget(
            name: "RegistersTests", dependencies: ["Registers", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        .testTarget(
            name: "PaymentsTests", dependencies: ["Payments", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        .testTarget(
            name: "DecisionsTests", dependencies: ["Decisions", "Expressions", "XMLReading"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "FormsTests", dependencies: ["Forms", "Expressions"], swiftSettings: strict),
        .testTarget(name: "XMLReadingTests", dependencies: ["XMLReading"], swiftSettings: strict),
        .testTarget(
            name: "SearchTests", dependencies: ["Search"], resources: [.copy("Fixtures")], swiftSettings: strict
        ),
    ]
)
