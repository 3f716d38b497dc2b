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
    func register(on router: Router<AppRequestContext>) {
        router.get("/static/amtsweg.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: Assets.css)))
        }
        router.get("/static/icon.svg") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
                body: .init(byteBuffer: ByteBuffer(string: Assets.icon)))
        }
        router.get("/favicon.ico") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
                body: .init(byteBuffer: ByteBuffer(string: Assets.icon)))
        }
        router.get("/robots.txt") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(
                    byteBuffer: ByteBuffer(string: "User-agent: *\nDisallow: /api/\nDisallow: /barrierefreiheit/\n")))
        }
    }
}

/// The raw baseline for benchmarks: bare Hummingbird, no middleware, no database.
public func buildRawServer(host: String, port: Int) -> some ApplicationProtocol {
    let router = Router()
    router.get("/") { _, _ in "ok" }
    return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "raw"))
}
