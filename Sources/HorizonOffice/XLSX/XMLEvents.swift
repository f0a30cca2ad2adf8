internal import Foundation
internal import FoundationXML

/// A workbook part's XML as a list of events, parsed with Foundation's `XMLParser` (libxml2):
/// elements by local name, their attributes, and text. External entities are never resolved;
/// nesting deeper than 64 elements stops the parse.
struct XMLEvents {
    enum Event {
        case start(String, [String: String])
        case end(String)
        case text(String)
    }

    var events: [Event] = []

    /// Parses a part; `nil` when it is not well-formed XML or nests too deep.
    static func parse(_ bytes: [UInt8]) -> XMLEvents? {
        // Foundation's parser traps on a name that is not valid UTF-8 (found by the xlsx
        // fuzzer): a part that is not valid UTF-8 is refused before it is parsed.
        guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
        let collector = Collector()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = collector
        guard parser.parse(), !collector.tooDeep else { return nil }
        return XMLEvents(events: collector.events)
    }

    final class Collector: NSObject, XMLParserDelegate {
        var events: [Event] = []
        var depth = 0
        var tooDeep = false

        static func local(_ name: String) -> String {
            name.lastIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            depth += 1
            if depth > 64 {
                tooDeep = true
                parser.abortParsing()
                return
            }
            var local: [String: String] = [:]
            for (key, value) in attributes { local[Self.local(key)] = value }
            events.append(.start(Self.local(elementName), local))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            events.append(.end(Self.local(elementName)))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            events.append(.text(string))
        }
    }
}
