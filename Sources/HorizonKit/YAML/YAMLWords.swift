/// libyaml's problems and contexts, in words a supplier or commissioner can act on. The parser's
/// own text is kept at the end, in brackets, so that an engineer can still search for it.
enum YAMLWords {
    /// Why a `*` cannot start a value: YAML reads it as a reference to another value (an alias).
    static let alias =
        "a value cannot start with '*' (YAML reads that as a reference to another value): put the whole value in double quotes, such as \"*see appendix A\""

    /// A syntax problem, in plain words where it is a common one.
    static func problem(_ problem: String) -> String {
        let plain: String? =
            switch problem {
            case "mapping values are not allowed in this context":
                "this line has a second ':' or is indented further than the line above: put a value that holds ':' in double quotes (\"Manager: contracts\"), or line it up with the lines above"
            case "did not find expected key":
                "this line does not line up with the lines above it: check its indentation, and look above for a double quote (\") that is opened but not closed"
            case "found unexpected end of stream":
                "the file ends inside a quoted value: the double quote (\") opened where the note points is never closed; add the closing quote"
            case "did not find expected ',' or '}'":
                "the '{' opened where the note points is not closed: check for a missing ',' between items or a missing '}' at the end"
            case "did not find expected ',' or ']'":
                "the '[' opened where the note points is not closed: check for a missing ',' between items or a missing ']' at the end"
            case "found character that cannot start any token", "did not find expected alphabetic or numeric character":
                "a value cannot start with this character (such as @, ` or &): put the whole value in double quotes"
            case "did not find expected <document start>":
                "the file must start with 'return:', 'bid:' or 'contract:', as the template does"
            default: nil
            }
        return plain.map { "\($0) [\(problem)]" }
            ?? "the layout of the file is broken here: compare this line with the template [\(problem)]"
    }

    /// What a note points at.
    static func note(_ context: String) -> String {
        switch context {
        case "while parsing a block mapping": "the section this line belongs to starts here"
        case "while parsing a flow mapping": "the '{' opened here"
        case "while parsing a flow sequence": "the '[' opened here"
        case "while scanning a quoted scalar": "the quoted value starts here"
        case "while scanning a plain scalar": "the value starts here"
        case "while parsing a block collection", "while parsing a block node": "the section starts here"
        default: context
        }
    }
}
