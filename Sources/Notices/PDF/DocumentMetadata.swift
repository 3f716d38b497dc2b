import Foundation

/// Document-level metadata written twice, consistently: into the Info dictionary and as XMP with
/// the PDF/A identification (ISO 19005-2, 6.6).
struct DocumentMetadata {
    var title: String
    var author: String
    var subject: String
    var language: String
    var creatorTool: String
    var producer: String
    var created: Date

    /// `D:YYYYMMDDHHmmSSZ` in UTC.
    var pdfDate: String { Self.pdfDate(created) }

    static func pdfDate(_ date: Date) -> String {
        let c = utcComponents(date)
        return "D:" + digits(c.year, 4) + digits(c.month, 2) + digits(c.day, 2) + digits(c.hour, 2)
            + digits(c.minute, 2) + digits(c.second, 2) + "Z"
    }

    /// ISO 8601 in UTC, as XMP dates are written.
    var xmpDate: String {
        let c = Self.utcComponents(created)
        return Self.digits(c.year, 4) + "-" + Self.digits(c.month, 2) + "-" + Self.digits(c.day, 2) + "T"
            + Self.digits(c.hour, 2) + ":" + Self.digits(c.minute, 2) + ":" + Self.digits(c.second, 2) + "Z"
    }

    private static func utcComponents(_ date: Date) -> (
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    ) {
        // Civil-from-days (Howard Hinnant), avoiding Calendar, which is slow on Linux.
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPart = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPart + 2) / 5 + 1
        let month = monthPart < 10 ? monthPart + 3 : monthPart - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, rest / 3600, rest % 3600 / 60, rest % 60)
    }

    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// The XMP packet: Dublin Core, XMP basic, PDF and PDF/A identification schemas.
    var xmp: String {
        let date = xmpDate
        return """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(Self.escape(title))</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>\(Self.escape(author))</rdf:li></rdf:Seq></dc:creator>
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">\(Self.escape(subject))</rdf:li></rdf:Alt></dc:description>
            <dc:language><rdf:Bag><rdf:li>\(Self.escape(language))</rdf:li></rdf:Bag></dc:language>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>\(date)</xmp:CreateDate>
            <xmp:ModifyDate>\(date)</xmp:ModifyDate>
            <xmp:MetadataDate>\(date)</xmp:MetadataDate>
            <xmp:CreatorTool>\(Self.escape(creatorTool))</xmp:CreatorTool>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>\(Self.escape(producer))</pdf:Producer>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
            <pdfaid:part>2</pdfaid:part>
            <pdfaid:conformance>B</pdfaid:conformance>
            </rdf:Description>
            </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """
    }

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default:
                // XML 1.0 forbids most control characters.
                if character.value < 0x20 && character != "\n" && character != "\t" { continue }
                result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// Writes the Info dictionary entries matching ``xmp``.
    func writeInfo(into buffer: inout PDFBuffer) {
        buffer.append("<< /Title ")
        buffer.append(textString: title)
        buffer.append(" /Author ")
        buffer.append(textString: author)
        buffer.append(" /Subject ")
        buffer.append(textString: subject)
        buffer.append(" /Creator ")
        buffer.append(textString: creatorTool)
        buffer.append(" /Producer ")
        buffer.append(textString: producer)
        buffer.append(" /CreationDate ")
        buffer.append(literal: pdfDate)
        buffer.append(" /ModDate ")
        buffer.append(literal: pdfDate)
        buffer.append(" >>")
    }
}
