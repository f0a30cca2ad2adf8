internal import HorizonModel

/// A document value read by its field's declared type.
enum TypedValue: Sendable, Hashable {
    case bool(Bool)
    case int(Int)
    case date(CivilDate)
    case text(String)

    var int: Int? { if case .int(let v) = self { v } else { nil } }
    var bool: Bool? { if case .bool(let v) = self { v } else { nil } }
    var date: CivilDate? { if case .date(let v) = self { v } else { nil } }
    var text: String? { if case .text(let v) = self { v } else { nil } }
}

/// Reading a value by type: the message says what was wrong without guessing.
enum FieldTyping {
    /// The typed value, or the reason it is not one.
    static func read(_ value: DocumentValue, as type: FieldType) -> Result<TypedValue, TypingError> {
        if let structure = value.structure {
            return .failure(TypingError("must be a single value, not \(structure)"))
        }
        let text = value.text.trimmed
        switch type {
        case .bool:
            // Any case: a spreadsheet saves TRUE and FALSE. Never yes/no/on/off (YAML 1.1's guesses).
            if text == "true" { return .success(.bool(true)) }
            if text == "false" { return .success(.bool(false)) }
            switch text.lowercased() {
            case "true": return .success(.bool(true))
            case "false": return .success(.bool(false))
            default: return .failure(TypingError("must be 'true' or 'false', not \(PersonalData.quoted(text, datesToo: false))"))
            }
        case .count, .percent:
            guard let number = Lexical.integer(text) else { return .failure(TypingError(numberProblem(text))) }
            if number < 0 { return .failure(TypingError("must be 0 or more, not \(number)")) }
            if type == .percent && number > 100 { return .failure(TypingError("is a percentage, from 0 to 100, not \(number)")) }
            return .success(.int(number))
        case .date:
            if let date = CivilDate(iso: text) { return .success(.date(date)) }
            if text.count == 10, text.contains("-") {
                return .failure(TypingError("is not a real date: \(PersonalData.quoted(text, datesToo: false))"))
            }
            return .failure(
                TypingError("must be a date written YYYY-MM-DD, such as 2026-12-31, not \(PersonalData.quoted(text, datesToo: false))"))
        case .text:
            if text.isEmpty { return .failure(TypingError("is empty")) }
            return .success(.text(text))
        case .path:
            if text.isEmpty { return .failure(TypingError("is empty")) }
            return .success(.text(text))
        case .hex:
            var lower = true
            let ok =
                text.utf8.count == 64
                && text.utf8.allSatisfy { byte in
                    switch byte {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): return true
                    case UInt8(ascii: "A")...UInt8(ascii: "F"): lower = false; return true
                    default: return false
                    }
                }
            return ok
                ? .success(.text(lower ? text : text.lowercased()))
                : .failure(TypingError("must be a SHA-256 digest: 64 hexadecimal characters"))
        }
    }

    /// What a value of a type must be, for messages that may not quote the value.
    static func expectation(_ type: FieldType) -> String {
        switch type {
        case .bool: "'true' or 'false'"
        case .count: "a whole number, 0 or more"
        case .percent: "a whole number from 0 to 100"
        case .date: "a date written YYYY-MM-DD"
        case .hex: "a SHA-256 digest of 64 hexadecimal characters"
        case .text, .path: "text"
        }
    }

    static func numberProblem(_ text: String) -> String {
        if text.isEmpty { return "is empty" }
        if text.contains(",") {
            return "must be a whole number written without separators, not \(PersonalData.quoted(text, datesToo: false))"
        }
        if text.count > 1 && text.hasPrefix("0") && text.allSatisfy(\.isNumber) {
            return "must be a whole number without leading zeros, not \(PersonalData.quoted(text, datesToo: false))"
        }
        if text.contains(".") || text.lowercased().contains("e") {
            return "must be a whole number, not \(PersonalData.quoted(text, datesToo: false))"
        }
        return "must be a whole number, not \(PersonalData.quoted(text, datesToo: false))"
    }
}

struct TypingError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
