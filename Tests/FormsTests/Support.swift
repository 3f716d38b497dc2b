import Forms
import Foundation
import Testing

/// Locates the shared FIM reference data (`shared/data/fim`) by walking up from this file, so the tests work in
/// /work/dev/FormsParser, in /work/main/Tests/FormsTests and in a CI clone at $d/p with shared/ at $d/shared.
enum FIMData {
    static let root: URL? = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !dir.path.isEmpty {
            let candidate = dir.appendingPathComponent("shared/data/fim")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue
            {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    static func url(_ relative: String) throws -> URL {
        let root = try #require(root, "shared/data/fim not found above \(#filePath)")
        return root.appendingPathComponent(relative)
    }

    static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: url(relative))
    }

    static func fixture(_ name: String) throws -> ImportResult {
        try XDatenfelder.parse(data("parser-fixtures/\(name)"))
    }

    static var exampleDirectory: URL {
        get throws { try url("examples/bewohnerparkausweis") }
    }
}

/// Runs `body` and returns the ImportError it throws (the test fails if it does not throw one).
func importError<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> ImportError? {
    do {
        let result = try body()
        Issue.record("expected an ImportError, got \(result)", sourceLocation: sourceLocation)
        return nil
    } catch let error as ImportError {
        return error
    } catch {
        Issue.record("expected an ImportError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

extension FormSchema {
    /// All element occurrences, depth first.
    var allElements: [ElementRef] {
        var out: [ElementRef] = []
        func walk(_ refs: [ElementRef]) {
            for r in refs {
                out.append(r)
                if case .group(let g) = r.element { walk(g.children) }
            }
        }
        walk(children)
        return out
    }

    var allFields: [Field] {
        allElements.compactMap { if case .field(let f) = $0.element { f } else { nil } }
    }

    var allGroups: [Group] {
        allElements.compactMap { if case .group(let g) = $0.element { g } else { nil } }
    }

    func field(_ id: String) -> Field? { allFields.first { $0.id == id } }
    func group(_ id: String) -> Group? { allGroups.first { $0.id == id } }
    func ref(_ id: String) -> ElementRef? { allElements.first { $0.element.id == id } }
}

extension ImportResult {
    /// The facts of the first occurrence of an element (not the synthetic schema wrapping it).
    func info(_ id: String) -> ElementInfo? {
        elements.first { $0.id == id && $0.kind != .schema } ?? elements.first { $0.id == id }
    }
}

/// A minimal XDatenfelder 2.0 document around `body` (the inside of <xdf:stammdatenschema>).
func xdf2(_ body: String, id: String = "S05000001") -> Data {
    Data(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_2">
          <xdf:header><xdf:nachrichtID>1</xdf:nachrichtID></xdf:header>
          <xdf:stammdatenschema>
            <xdf:identifikation><xdf:id>\(id)</xdf:id><xdf:version>1.0</xdf:version></xdf:identifikation>
            <xdf:name>Test</xdf:name>
            <xdf:bezeichnungEingabe>Test</xdf:bezeichnungEingabe>
            \(body)
          </xdf:stammdatenschema>
        </xdf:xdatenfelder.stammdatenschema.0102>
        """.utf8)
}

/// A 2.0 struktur holding one datenfeld; `extra` goes inside the datenfeld.
func field2(
    id: String = "F05000001", kind: String = "input", type: String = "text", anzahl: String = "1:1",
    extra: String = ""
) -> String {
    """
    <xdf:struktur>
      <xdf:anzahl>\(anzahl)</xdf:anzahl>
      <xdf:enthaelt>
        <xdf:datenfeld>
          <xdf:identifikation><xdf:id>\(id)</xdf:id><xdf:version>1.0</xdf:version></xdf:identifikation>
          <xdf:name>Feld \(id)</xdf:name>
          <xdf:bezeichnungEingabe>Feld \(id)</xdf:bezeichnungEingabe>
          <xdf:feldart><code>\(kind)</code></xdf:feldart>
          <xdf:datentyp><code>\(type)</code></xdf:datentyp>
          \(extra)
        </xdf:datenfeld>
      </xdf:enthaelt>
    </xdf:struktur>
    """
}

/// An XDatenfelder 3.0.0 datenfeldgruppe message around `body` (the inside of the group).
func xdf3Group(_ body: String, id: String = "G60000000001") -> Data {
    Data(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <xdf:xdatenfelder.datenfeldgruppe.0103 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0">
          <xdf:header><xdf:nachrichtID>1</xdf:nachrichtID></xdf:header>
          <xdf:datenfeldgruppe>
            <xdf:identifikation><xdf:id>\(id)</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
            <xdf:name>Gruppe</xdf:name>
            <xdf:freigabestatus listVersionID="1"><code>6</code></xdf:freigabestatus>
            <xdf:letzteAenderung>2024-01-01T00:00:00Z</xdf:letzteAenderung>
            <xdf:bezeichnungEingabe>Gruppe</xdf:bezeichnungEingabe>
            <xdf:schemaelementart><code>HAR</code></xdf:schemaelementart>
            \(body)
          </xdf:datenfeldgruppe>
        </xdf:xdatenfelder.datenfeldgruppe.0103>
        """.utf8)
}
