internal import HorizonModel

/// The output formats of a schedule.
package enum ScheduleFormat: String, Sendable, CaseIterable {
    case markdown, html, text

    /// The file extension.
    package var fileExtension: String {
        switch self {
        case .markdown: "md"
        case .html: "html"
        case .text: "txt"
        }
    }

    /// Renders a schedule in this format.
    ///
    /// - Parameter document: The schedule.
    /// - Returns: The whole file's text, ending in a newline.
    package func render(_ document: ScheduleDocument) -> String {
        switch self {
        case .markdown: MarkdownRenderer.render(document)
        case .html: HTMLRenderer.render(document)
        case .text: TextRenderer.render(document)
        }
    }
}

/// Escaping for every value that reaches an output format.
package enum Escape {
    /// HTML text and attribute values: `& < > " '`.
    package static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Markdown: HTML-significant characters as entities (so that raw HTML never passes
    /// through a Markdown renderer), and Markdown punctuation that could start markup
    /// backslash-escaped. Line breaks become spaces.
    package static func markdown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "#": out += "\\" + String(scalar)
            case "\n", "\r": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Plain text: control characters other than newline removed.
    package static func text(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 == "\n" || $0.value >= 0x20 && $0.value != 0x7F }))
    }
}

enum MarkdownRenderer {
    static func inline(_ parts: [Inline]) -> String {
        parts.map { part in
            switch part {
            case .text(let text): Escape.markdown(collapse(text))
            case .term(let term): Escape.markdown(term)
            case .value(let value): "**" + Escape.markdown(value) + "**"
            case .reference(let number, let id): "[clause \(number)](#\(anchor(id)))"
            }
        }.joined()
    }

    static func render(_ d: ScheduleDocument) -> String {
        var out: [String] = []
        out.append("# \(Escape.markdown(d.title))")
        out.append("")
        out.append("| | |")
        out.append("|---|---|")
        for fact in d.facts { out.append("| \(Escape.markdown(fact.label)) | \(Escape.markdown(fact.value)) |") }
        out.append("")
        out.append(Escape.markdown(d.introduction))
        if !d.definitions.isEmpty {
            out.append("")
            out.append("## Definitions")
            out.append("")
            out.append("In this schedule:")
            out.append("")
            for definition in d.definitions {
                out.append(
                    "- **\(Escape.markdown(definition.term))** \(meaningPrefix(definition.text))\(Escape.markdown(collapse(definition.text)))"
                )
            }
        }
        for section in d.sections {
            out.append("")
            out.append("## \(section.number). \(Escape.markdown(section.title))")
            for clause in section.clauses {
                out.append("")
                out.append(
                    "### <a id=\"\(anchor(clause.id))\"></a>\(clause.number) \(Escape.markdown(clause.title)) <small>(\(clause.id) v\(clause.version))</small>"
                )
                for (index, paragraph) in clause.paragraphs.enumerated() {
                    out.append("")
                    out.append("\(clause.number).\(index + 1) \(inline(paragraph))")
                }
            }
        }
        out.append("")
        out.append("## Annex A: reporting")
        out.append("")
        out.append(
            "The Supplier shall make a return for each reporting period. Each return starts with "
                + d.headerFields.map { "`\($0.field)` (\(Escape.markdown($0.meaning)))" }.joined(separator: ", ")
                + ", and then gives each of the measures below. Every figure is a count for the whole Contract.")
        out.append("")
        out.append("| Measure | Type | Required by | What is judged |")
        out.append("|---|---|---|---|")
        for measure in d.measures {
            let rules = measure.rules.isEmpty ? "present" : measure.rules.map(Escape.markdown).joined(separator: "; ")
            out.append("| `\(measure.field)` | \(measure.type) | \(Escape.markdown(measure.clauses.joined(separator: ", "))) | \(rules) |")
        }
        out.append("")
        out.append("### Reporting periods")
        out.append("")
        out.append("| Period | From | To | Return due by |")
        out.append("|---|---|---|---|")
        for period in d.periods { out.append("| \(period.number) | \(period.start) | \(period.end) | \(period.due) |") }
        out.append("")
        out.append("## Annex B: clauses left out")
        out.append("")
        if d.omitted.isEmpty {
            out.append("No clause of the tier is left out.")
        } else {
            out.append("| Clause | Title | Reason |")
            out.append("|---|---|---|")
            for item in d.omitted { out.append("| \(item.id) | \(Escape.markdown(item.title)) | \(Escape.markdown(item.reason)) |") }
        }
        for (letter, annex) in zip(annexLetters, d.annexes) {
            out.append("")
            out.append("## Annex \(letter): \(Escape.markdown(annex.title))")
            out.append("")
            out.append(Escape.markdown(annex.introduction))
            out.append("")
            out.append("| " + annex.headers.map(Escape.markdown).joined(separator: " | ") + " |")
            out.append("|" + annex.headers.map { _ in "---|" }.joined())
            for row in annex.rows { out.append("| " + row.map { Escape.markdown(collapse($0)) }.joined(separator: " | ") + " |") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

enum HTMLRenderer {
    static let style = """
        body{font-family:Georgia,"Times New Roman",serif;line-height:1.5;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111}
        h1,h2,h3{font-family:Arial,Helvetica,sans-serif;line-height:1.25}
        table{border-collapse:collapse;width:100%;margin:1rem 0}
        th,td{border:1px solid #666;padding:.3rem .5rem;text-align:left;vertical-align:top}
        caption{text-align:left;font-weight:bold;padding:.3rem 0}
        .clause-id{font-size:.8em;color:#555;font-weight:normal}
        p.clause{margin-left:3.5rem;text-indent:-3.5rem}
        code{font-size:.9em}
        @media print{body{max-width:none;margin:0;font-size:11pt}a{color:inherit;text-decoration:none}h2,h3{break-after:avoid}tr,p{break-inside:avoid}}
        """

    static func inline(_ parts: [Inline]) -> String {
        parts.map { part in
            switch part {
            case .text(let text): Escape.html(collapse(text))
            case .term(let term): "<span class=\"term\">\(Escape.html(term))</span>"
            case .value(let value): "<strong>\(Escape.html(value))</strong>"
            case .reference(let number, let id): "<a href=\"#\(anchor(id))\">clause \(Escape.html(number))</a>"
            }
        }.joined()
    }

    static func render(_ d: ScheduleDocument) -> String {
        var out: [String] = []
        let reference = d.facts.first?.value ?? ""
        out.append("<!DOCTYPE html>")
        out.append("<html lang=\"en-GB\">")
        out.append("<head>")
        out.append("<meta charset=\"utf-8\">")
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        out.append("<title>\(Escape.html(d.title)): \(Escape.html(reference))</title>")
        out.append("<style>\n\(style)\n</style>")
        out.append("</head>")
        out.append("<body>")
        out.append("<main>")
        out.append("<h1>\(Escape.html(d.title))</h1>")
        out.append("<table>")
        out.append("<caption>Contract details</caption>")
        for fact in d.facts {
            out.append("<tr><th scope=\"row\">\(Escape.html(fact.label))</th><td>\(Escape.html(fact.value))</td></tr>")
        }
        out.append("</table>")
        out.append("<p>\(Escape.html(d.introduction))</p>")
        if !d.definitions.isEmpty {
            out.append("<section aria-labelledby=\"definitions\">")
            out.append("<h2 id=\"definitions\">Definitions</h2>")
            out.append("<p>In this schedule:</p>")
            out.append("<dl>")
            for definition in d.definitions {
                out.append(
                    "<dt>\(Escape.html(definition.term))</dt><dd>\(Escape.html(meaningPrefix(definition.text) + collapse(definition.text)))</dd>"
                )
            }
            out.append("</dl>")
            out.append("</section>")
        }
        for section in d.sections {
            out.append("<section aria-labelledby=\"section-\(section.number)\">")
            out.append("<h2 id=\"section-\(section.number)\">\(section.number). \(Escape.html(section.title))</h2>")
            for clause in section.clauses {
                out.append(
                    "<h3 id=\"\(anchor(clause.id))\">\(Escape.html(clause.number)) \(Escape.html(clause.title)) <span class=\"clause-id\">(\(Escape.html(clause.id)) v\(Escape.html(clause.version)))</span></h3>"
                )
                for (index, paragraph) in clause.paragraphs.enumerated() {
                    out.append("<p class=\"clause\">\(Escape.html(clause.number)).\(index + 1)&emsp;\(inline(paragraph))</p>")
                }
            }
            out.append("</section>")
        }
        out.append("<section aria-labelledby=\"annex-a\">")
        out.append("<h2 id=\"annex-a\">Annex A: reporting</h2>")
        out.append(
            "<p>The Supplier shall make a return for each reporting period. Each return starts with "
                + d.headerFields.map { "<code>\(Escape.html($0.field))</code> (\(Escape.html($0.meaning)))" }.joined(separator: ", ")
                + ", and then gives each of the measures below. Every figure is a count for the whole Contract.</p>")
        out.append("<table>")
        out.append("<caption>Measures to return</caption>")
        out.append(
            "<thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Type</th><th scope=\"col\">Required by</th><th scope=\"col\">What is judged</th></tr></thead>"
        )
        out.append("<tbody>")
        for measure in d.measures {
            let rules = measure.rules.isEmpty ? "present" : measure.rules.map(Escape.html).joined(separator: "; ")
            out.append(
                "<tr><td><code>\(Escape.html(measure.field))</code></td><td>\(Escape.html(measure.type))</td><td>\(Escape.html(measure.clauses.joined(separator: ", ")))</td><td>\(rules)</td></tr>"
            )
        }
        out.append("</tbody>")
        out.append("</table>")
        out.append("<table>")
        out.append("<caption>Reporting periods</caption>")
        out.append(
            "<thead><tr><th scope=\"col\">Period</th><th scope=\"col\">From</th><th scope=\"col\">To</th><th scope=\"col\">Return due by</th></tr></thead>"
        )
        out.append("<tbody>")
        for period in d.periods {
            out.append("<tr><td>\(period.number)</td><td>\(period.start)</td><td>\(period.end)</td><td>\(period.due)</td></tr>")
        }
        out.append("</tbody>")
        out.append("</table>")
        out.append("</section>")
        out.append("<section aria-labelledby=\"annex-b\">")
        out.append("<h2 id=\"annex-b\">Annex B: clauses left out</h2>")
        if d.omitted.isEmpty {
            out.append("<p>No clause of the tier is left out.</p>")
        } else {
            out.append("<table>")
            out.append("<caption>Clauses left out, with reasons</caption>")
            out.append("<thead><tr><th scope=\"col\">Clause</th><th scope=\"col\">Title</th><th scope=\"col\">Reason</th></tr></thead>")
            out.append("<tbody>")
            for item in d.omitted {
                out.append(
                    "<tr><td>\(Escape.html(item.id))</td><td>\(Escape.html(item.title))</td><td>\(Escape.html(item.reason))</td></tr>")
            }
            out.append("</tbody>")
            out.append("</table>")
        }
        out.append("</section>")
        for (letter, annex) in zip(annexLetters, d.annexes) {
            let id = "annex-\(letter.lowercased())"
            out.append("<section aria-labelledby=\"\(id)\">")
            out.append("<h2 id=\"\(id)\">Annex \(letter): \(Escape.html(annex.title))</h2>")
            out.append("<p>\(Escape.html(annex.introduction))</p>")
            out.append("<table>")
            out.append("<caption>\(Escape.html(annex.caption))</caption>")
            out.append("<thead><tr>" + annex.headers.map { "<th scope=\"col\">\(Escape.html($0))</th>" }.joined() + "</tr></thead>")
            out.append("<tbody>")
            for row in annex.rows { out.append("<tr>" + row.map { "<td>\(Escape.html(collapse($0)))</td>" }.joined() + "</tr>") }
            out.append("</tbody>")
            out.append("</table>")
            out.append("</section>")
        }
        out.append("</main>")
        out.append("</body>")
        out.append("</html>")
        return out.joined(separator: "\n") + "\n"
    }
}

enum TextRenderer {
    static func inline(_ parts: [Inline]) -> String {
        parts.map { part in
            switch part {
            case .text(let text): Escape.text(collapse(text))
            case .term(let term): Escape.text(term)
            case .value(let value): Escape.text(value)
            case .reference(let number, _): "clause \(number)"
            }
        }.joined()
    }

    static func render(_ d: ScheduleDocument) -> String {
        var out: [String] = []
        out.append(d.title.uppercased())
        out.append("")
        let width = d.facts.map(\.label.count).max() ?? 0
        for fact in d.facts {
            out.append(fact.label + ":" + String(repeating: " ", count: width - fact.label.count + 2) + Escape.text(fact.value))
        }
        out.append("")
        out.append(Wrap.lines(Escape.text(d.introduction), width: 80))
        if !d.definitions.isEmpty {
            out.append("")
            out.append("DEFINITIONS")
            out.append("")
            out.append("In this schedule:")
            for definition in d.definitions {
                out.append("")
                out.append(
                    Wrap.lines(
                        "\"\(definition.term)\" \(meaningPrefix(definition.text))\(Escape.text(collapse(definition.text)))", width: 80,
                        indent: "  "))
            }
        }
        for section in d.sections {
            out.append("")
            out.append("\(section.number). \(section.title.uppercased())")
            for clause in section.clauses {
                out.append("")
                out.append("\(clause.number) \(clause.title) [\(clause.id) v\(clause.version)]")
                for (index, paragraph) in clause.paragraphs.enumerated() {
                    out.append("")
                    let label = "\(clause.number).\(index + 1)"
                    let indent = String(repeating: " ", count: 8)
                    out.append(
                        Wrap.lines(
                            inline(paragraph), width: 80, indent: indent,
                            firstIndent: label + String(repeating: " ", count: max(1, 8 - label.count))))
                }
            }
        }
        out.append("")
        out.append("ANNEX A: REPORTING")
        out.append("")
        out.append(
            Wrap.lines(
                "The Supplier shall make a return for each reporting period. Each return starts with "
                    + d.headerFields.map { "\($0.field) (\($0.meaning))" }.joined(separator: ", ")
                    + ", and then gives each of the measures below. Every figure is a count for the whole Contract.", width: 80))
        for measure in d.measures {
            out.append("")
            out.append("  \(measure.field) (\(measure.type)), required by \(measure.clauses.joined(separator: ", "))")
            for rule in measure.rules { out.append(Wrap.lines(Escape.text(rule), width: 80, indent: "      ", firstIndent: "    - ")) }
        }
        out.append("")
        out.append("  Period  From        To          Return due by")
        for period in d.periods {
            let number = String(period.number)
            out.append("  " + number + String(repeating: " ", count: 8 - number.count) + "\(period.start)  \(period.end)  \(period.due)")
        }
        out.append("")
        out.append("ANNEX B: CLAUSES LEFT OUT")
        out.append("")
        if d.omitted.isEmpty {
            out.append("No clause of the tier is left out.")
        } else {
            for item in d.omitted {
                out.append(
                    Wrap.lines("\(item.id) \(item.title): \(Escape.text(item.reason))", width: 80, indent: "    ", firstIndent: "  "))
            }
        }
        for (letter, annex) in zip(annexLetters, d.annexes) {
            out.append("")
            out.append("ANNEX \(letter): \(annex.title.uppercased())")
            out.append("")
            out.append(Wrap.lines(Escape.text(annex.introduction), width: 80))
            for row in annex.rows {
                out.append("")
                out.append("  " + Escape.text(row.first ?? ""))
                for (header, cell) in zip(annex.headers, row).dropFirst() {
                    out.append(Wrap.lines("\(header): \(Escape.text(collapse(cell)))", width: 80, indent: "      ", firstIndent: "    "))
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// Runs of white space (line breaks of folded YAML included) as single spaces. Leading and
/// trailing space is kept, as one space, because a piece of text may sit between two pieces of
/// markup ("the {{term:X}} adopted under {{ref:Y}}").
package func collapse(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var inSpace = false
    for scalar in text.unicodeScalars {
        if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" {
            if !inSpace { out.append(" ") }
            inSpace = true
        } else {
            out.unicodeScalars.append(scalar)
            inSpace = false
        }
    }
    return out
}

/// "means " unless the definition already starts with a verb phrase such as "has the meaning".
package func meaningPrefix(_ text: String) -> String {
    text.hasPrefix("has ") || text.hasPrefix("means ") || text.hasPrefix("includes ") ? "" : "means "
}

/// The letters of the annexes after A and B.
package let annexLetters = ["C", "D", "E", "F", "G", "H"]

/// The HTML anchor of a clause.
func anchor(_ id: String) -> String { id.lowercased() }
