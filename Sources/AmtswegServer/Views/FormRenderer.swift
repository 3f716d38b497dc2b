import Applications
import Forms
import Foundation
import Texts

/// Renders one step of an application as accessible HTML (GOV.UK patterns): labels, hints and
/// errors tied to their input with `aria-describedby`, dates as day/month/year, yes/no and short
/// code lists as radios, repeatable groups with add/remove buttons. Everything is escaped here;
/// the result goes into the page template unescaped.
struct FormRenderer {
    let language: Language
    /// Error messages by input name (the same path the input posts under).
    let errors: [String: String]
    /// Where a prefilled value comes from, by input name ("aus dem Melderegister", "von Ihnen geändert").
    var notes: [String: String] = [:]
    /// Staff type the applicant's answers for them: the browser must not offer the clerk's own name or address.
    var forStaff = false

    func t(_ key: String) -> String { Catalog.text(key, language) }

    /// The input name of a JSON pointer: "/G1/0/F2" → "G1.0.F2".
    static func name(ofPointer pointer: String) -> String {
        pointer.split(separator: "/").joined(separator: ".")
    }

    /// Where an error summary link should land for an element (the first input of a date or a radio group).
    static func anchor(name: String, element: Element?) -> String {
        if case .field(let f) = element, f.dataType == .date { return name + "~day" }
        return name
    }

    /// Validation issues as a form page shows them: the first message per input name (next to the
    /// input) and every message with its link target (the error summary).
    static func errors(_ issues: [ValidationIssue], form: ApplicationForm, language: Language) -> (
        byName: [String: String], summary: [(field: String, message: String)]
    ) {
        var byName: [String: String] = [:]
        var summary: [(field: String, message: String)] = []
        for issue in issues {
            let name = name(ofPointer: issue.pointer)
            let message = language == .en ? issue.messageEN : issue.messageDE
            if byName[name] == nil { byName[name] = message }
            summary.append((anchor(name: name, element: form.element(id: issue.elementID)), message))
        }
        return (byName, summary)
    }

    func step(_ ref: ElementRef, value: FormValue?, single: Bool) -> String {
        var html = ""
        renderRef(ref, name: ref.element.id, value: value, into: &html, headingLevel: single ? 1 : 2, topLevel: true)
        return html
    }

    private func renderRef(
        _ ref: ElementRef, name: String, value: FormValue?, into html: inout String, headingLevel: Int, topLevel: Bool
    ) {
        guard ref.cardinality.isRepeatable else {
            renderElement(
                ref.element, name: name, value: value, optional: !ref.cardinality.isRequired, into: &html,
                headingLevel: headingLevel, topLevel: topLevel)
            return
        }
        var items: [FormValue] = []
        if case .array(let a) = value { items = a }
        let count = max(items.count, ref.cardinality.min)
        let label = ref.element.texts.label.isEmpty ? ref.element.texts.name : ref.element.texts.label
        html += "<div class=\"repeat\" id=\"\(esc(name))\">"
        if let error = errors[name] {
            html +=
                "<p class=\"field-error\" id=\"\(esc(name))-error\"><span class=\"visually-hidden\">\(esc(t("error_prefix"))):</span> \(esc(error))</p>"
        }
        html += "<input type=\"hidden\" name=\"\(esc(name))~count\" value=\"\(count)\">"
        if count == 0 { html += "<p>\(esc(t("form_none_yet").replacingOccurrences(of: "{}", with: label)))</p>" }
        for i in 0..<count {
            let itemName = "\(name).\(i)"
            // A repeated field's input carries the item's name as its id; the fieldset must not.
            let itemID = ref.element.isGroup ? itemName : itemName + "~item"
            html += "<fieldset class=\"repeat-item\" id=\"\(esc(itemID))\"><legend>\(esc(label)) \(i + 1)</legend>"
            renderElement(
                ref.element, name: itemName, value: i < items.count ? items[i] : nil, optional: false, into: &html,
                headingLevel: headingLevel + 1, topLevel: false, inItem: true)
            if i >= ref.cardinality.min {
                html +=
                    "<button type=\"submit\" class=\"secondary\" name=\"action\" value=\"remove:\(esc(itemName))\" formnovalidate>\(esc(t("form_remove"))) <span class=\"visually-hidden\">\(esc(label)) \(i + 1)</span></button>"
            }
            html += "</fieldset>"
        }
        if ref.cardinality.max.map({ count < $0 }) ?? true {
            html +=
                "<button type=\"submit\" class=\"secondary\" name=\"action\" value=\"add:\(esc(name))\" formnovalidate>\(esc(t("form_add_another").replacingOccurrences(of: "{}", with: label)))</button>"
        }
        html += "</div>"
    }

    private func renderElement(
        _ element: Element, name: String, value: FormValue?, optional: Bool, into html: inout String, headingLevel: Int,
        topLevel: Bool, inItem: Bool = false
    ) {
        switch element {
        case .group(let g):
            var object: [String: FormValue] = [:]
            if case .object(let o) = value { object = o }
            if !topLevel && !inItem {
                html +=
                    "<fieldset class=\"group\" id=\"\(esc(name))\"><legend>\(esc(label(g.texts)))\(optional ? optionalMark : "")</legend>"
                if let hint = g.texts.hint, !hint.isEmpty { html += "<p class=\"hint\">\(esc(hint))</p>" }
                if let error = errors[name] {
                    html +=
                        "<p class=\"field-error\"><span class=\"visually-hidden\">\(esc(t("error_prefix"))):</span> \(esc(error))</p>"
                }
            } else if topLevel, let error = errors[name] {
                html +=
                    "<p class=\"field-error\" id=\"\(esc(name))\"><span class=\"visually-hidden\">\(esc(t("error_prefix"))):</span> \(esc(error))</p>"
            }
            for child in g.children {
                renderRef(
                    child, name: "\(name).\(child.element.id)", value: object[child.element.id], into: &html,
                    headingLevel: headingLevel, topLevel: false)
            }
            if !topLevel && !inItem { html += "</fieldset>" }
        case .field(let f):
            field(
                f, name: name, value: value, optional: optional, into: &html, asHeading: topLevel && headingLevel == 1)
        }
    }

    private var optionalMark: String { " <span class=\"optional\">(\(esc(t("optional"))))</span>" }

    func label(_ texts: ElementTexts) -> String { texts.label.isEmpty ? texts.name : texts.label }

    private func field(
        _ f: Field, name: String, value: FormValue?, optional: Bool, into html: inout String, asHeading: Bool
    ) {
        let id = esc(name)
        let labelText = esc(label(f.texts)) + (optional && f.kind != .label ? optionalMark : "")
        let hint = f.texts.hint.flatMap { $0.isEmpty ? nil : $0 }
        let error = errors[name]
        var describedBy: [String] = []
        if hint != nil { describedBy.append("\(name)-hint") }
        let note = notes[name]
        if note != nil { describedBy.append("\(name)-source") }
        if error != nil { describedBy.append("\(name)-error") }
        let aria =
            (describedBy.isEmpty ? "" : " aria-describedby=\"\(esc(describedBy.joined(separator: " ")))\"")
            + (error != nil ? " aria-invalid=\"true\"" : "")
        let hintHTML =
            (hint.map { "<p class=\"hint\" id=\"\(id)-hint\">\(esc($0))</p>" } ?? "")
            + (note.map { "<p class=\"hint source\" id=\"\(id)-source\" data-source>\(esc($0))</p>" } ?? "")
        let errorHTML =
            error.map {
                "<p class=\"field-error\" id=\"\(id)-error\"><span class=\"visually-hidden\">\(esc(t("error_prefix"))):</span> \(esc($0))</p>"
            } ?? ""
        let cssClass = error == nil ? "field" : "field field-has-error"
        switch f.kind {
        case .hidden: return
        case .label:
            html += "<div class=\"label-text\" id=\"\(id)\">"
            if !f.texts.label.isEmpty { html += "<p><strong>\(esc(f.texts.label))</strong></p>" }
            for paragraph in (f.content ?? f.texts.hint ?? "").components(separatedBy: "\n\n") where !paragraph.isEmpty
            {
                html += "<p>\(esc(paragraph))</p>"
            }
            html += "</div>"
            return
        case .locked:
            html +=
                "<div class=\"field\"><p><strong>\(esc(label(f.texts)))</strong></p><p id=\"\(id)\">\(esc(value.map { FormEncoding.display($0, for: f, language: language.rawValue) } ?? "–"))</p></div>"
            return
        case .input, .select: break
        }
        let legendOpen =
            asHeading
            ? "<legend class=\"page-heading\"><h1>\(labelText)</h1></legend>" : "<legend>\(labelText)</legend>"
        let labelOpen =
            asHeading
            ? "<h1 class=\"page-heading\"><label for=\"\(id)\">\(labelText)</label></h1>"
            : "<label for=\"\(id)\">\(labelText)</label>"
        let current = value?.scalarText ?? ""
        if let codeList = f.codeList, !codeList.entries.isEmpty, f.kind == .select || f.dataType != .bool {
            if codeList.entries.count <= 8 {
                html += "<div class=\"\(cssClass)\"><fieldset\(aria)>\(legendOpen)\(hintHTML)\(errorHTML)"
                for (i, entry) in codeList.entries.enumerated() {
                    let inputID = i == 0 ? id : "\(id)~\(i)"
                    html +=
                        "<div class=\"choice\"><input type=\"radio\" id=\"\(inputID)\" name=\"\(id)\" value=\"\(esc(entry.code))\"\(entry.code == current ? " checked" : "")><label for=\"\(inputID)\">\(esc(entry.label))</label></div>"
                }
                html += "</fieldset></div>"
            } else {
                html +=
                    "<div class=\"\(cssClass)\">\(labelOpen)\(hintHTML)\(errorHTML)<select id=\"\(id)\" name=\"\(id)\"\(aria)><option value=\"\">\(esc(t("form_choose")))</option>"
                for entry in codeList.entries {
                    html +=
                        "<option value=\"\(esc(entry.code))\"\(entry.code == current ? " selected" : "")>\(esc(entry.label))</option>"
                }
                html += "</select></div>"
            }
            return
        }
        switch f.dataType {
        case .bool:
            html +=
                "<div class=\"\(cssClass)\"><fieldset\(aria)>\(legendOpen)\(hintHTML)\(errorHTML)<div class=\"choices-inline\">"
            html +=
                "<div class=\"choice\"><input type=\"radio\" id=\"\(id)\" name=\"\(id)\" value=\"true\"\(current == "true" ? " checked" : "")><label for=\"\(id)\">\(esc(t("yes")))</label></div>"
            html +=
                "<div class=\"choice\"><input type=\"radio\" id=\"\(id)~no\" name=\"\(id)\" value=\"false\"\(current == "false" ? " checked" : "")><label for=\"\(id)~no\">\(esc(t("no")))</label></div>"
            html += "</div></fieldset></div>"
        case .date:
            let parts = current.split(separator: "-").map(String.init)
            let (y, m, d) = parts.count == 3 ? (parts[0], parts[1], parts[2]) : ("", "", "")
            html +=
                "<div class=\"\(cssClass)\"><fieldset role=\"group\"\(aria)>\(legendOpen)\(hintHTML)\(errorHTML)<div class=\"date-input\">"
            for (suffix, key, v, width) in [("day", "day", d, 2), ("month", "month", m, 2), ("year", "year", y, 4)] {
                html +=
                    "<div class=\"date-part\"><label for=\"\(id)~\(suffix)\">\(esc(t(key)))</label><input class=\"width-\(width)\" id=\"\(id)~\(suffix)\" name=\"\(id)~\(suffix)\" type=\"text\" inputmode=\"numeric\" value=\"\(esc(v))\"\(error != nil ? " aria-invalid=\"true\"" : "")></div>"
            }
            html += "</div></fieldset></div>"
        case .file:
            html += "<div class=\"\(cssClass)\">\(labelOpen)\(hintHTML)\(errorHTML)"
            if !current.isEmpty { html += "<p class=\"notice\">\(esc(t("form_file_uploaded")))</p>" }
            let accept =
                f.constraints.mediaTypes.isEmpty
                ? "application/pdf,image/jpeg,image/png" : f.constraints.mediaTypes.joined(separator: ",")
            html += "<input id=\"\(id)\" name=\"\(id)\" type=\"file\" accept=\"\(esc(accept))\"\(aria)></div>"
        default:
            let numeric = [.num, .numInt, .numCurrency].contains(f.dataType)
            let long = (f.constraints.maxLength ?? 0) > 200
            html += "<div class=\"\(cssClass)\">\(labelOpen)\(hintHTML)\(errorHTML)"
            // A number is shown back as typed in the page's language (German decimal comma).
            let shown = numeric && language == .de ? current.replacingOccurrences(of: ".", with: ",") : current
            if long {
                html += "<textarea id=\"\(id)\" name=\"\(id)\" rows=\"5\"\(aria)>\(esc(shown))</textarea>"
            } else {
                let maxLength = f.constraints.maxLength.map { " maxlength=\"\($0)\"" } ?? ""
                let mode = numeric ? " inputmode=\"decimal\"" : ""
                let autocomplete =
                    forStaff ? " autocomplete=\"off\"" : Self.autocomplete(f).map { " autocomplete=\"\($0)\"" } ?? ""
                html +=
                    "<input id=\"\(id)\" name=\"\(id)\" type=\"text\" value=\"\(esc(shown))\"\(maxLength)\(mode)\(autocomplete)\(aria)>"
            }
            html += "</div>"
        }
    }

    /// WCAG 1.3.5: the purpose of inputs about the applicant, recognised from common FIM names.
    static func autocomplete(_ f: Field) -> String? {
        let n = f.texts.name.lowercased()
        if n.contains("familienname") || n == "nachname" { return "family-name" }
        if n.contains("vorname") { return "given-name" }
        if n.contains("postleitzahl") || n == "plz" { return "postal-code" }
        if n == "ort" || n.contains("wohnort") { return "address-level2" }
        if n.contains("e-mail") || n.contains("email") { return "email" }
        if n.contains("telefon") { return "tel" }
        if n.contains("iban") { return "off" }
        return nil
    }
}

func esc(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(c)
        }
    }
    return out
}

extension FormValue {
    /// A scalar as it goes into an input's value.
    var scalarText: String? {
        switch self {
        case .string(let s): s
        case .number(let n): "\(n)"
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }
}
