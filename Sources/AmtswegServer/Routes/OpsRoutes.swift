import HTTPTypes
import Hummingbird
import NIOCore
import Storage

/// Liveness, readiness and Prometheus metrics for operators and load balancers.
struct OpsRoutes: Sendable {
    let database: Database
    let jobs: JobQueue

    func register(on router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        router.get("/readyz") { _, _ in
            let up = await database.ping()
            return Response(
                status: up ? .ok : .serviceUnavailable,
                headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(
                    byteBuffer: ByteBuffer(string: up ? #"{"status":"ready"}"# : #"{"status":"database unavailable"}"#))
            )
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: await Observability.render(database: database, jobs: jobs))))
        }
    }
}

/// `/static/…`: the stylesheet and icon, from memory.
struct StaticRoutes: Sendable {
    static let files: [(path: String, contentType: String, maxAge: Int, body: String)] = [
        ("/static/amtsweg.css", "text/css; charset=utf-8", 3600, Assets.css),
        ("/static/icon.svg", "image/svg+xml", 86400, Assets.icon),
        ("/favicon.ico", "image/svg+xml", 86400, Assets.icon),
        (
            "/robots.txt", "text/plain; charset=utf-8", 3600,
            "User-agent: *\nDisallow: /api/\nDisallow: /barrierefreiheit/\n"
        ),
    ]

    func register(on router: Router<AppRequestContext>) {
        for file in Self.files {
            let headers: HTTPFields = [.contentType: file.contentType, .cacheControl: "public, max-age=\(file.maxAge)"]
            router.get(RouterPath(file.path)) { _, _ in
                Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: file.body)))
            }
        }
    }
}

/// The raw baseline for benchmarks: bare Hummingbird, no middleware, no database.
public func buildRawServer(host: String, port: Int) -> some ApplicationProtocol {
    let router = Router()
    router.get("/") { _, _ in "ok" }
    return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "raw"))
}
