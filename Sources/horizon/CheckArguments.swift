/// Takes the documents out of a `check` command line before swift-argument-parser sees it.
///
/// swift-argument-parser takes time that grows with the square of the number of arguments
/// (10,000 returns took it about 7 seconds; measured with `horizon-bench`'s portfolio). A
/// quarter's portfolio is given as thousands of paths, so `check` hands the parser only its
/// options and the first contract, and the rest of the paths are added to the parsed command
/// in the order given. The options that take a value are listed here; `CLITests` checks the
/// list against `check --help`, so an option added to `Check` and not here fails the tests.
enum CheckArguments {
    /// The options of `check` that take a value (the next argument, unless written `--name=value`).
    static let valued: Set<String> = ["--evidence", "--format", "--jobs", "--library", "--max-input-size", "--period-ending"]

    /// Splits the arguments after the program name.
    ///
    /// - Parameter arguments: The command line without the program name.
    /// - Returns: The arguments for the parser, and the documents taken out (`nil` when the
    ///   command is not `check`).
    static func split(_ arguments: [String]) -> (parser: [String], documents: [String]?) {
        guard arguments.first == "check" else { return (arguments, nil) }
        var parser = ["check"]
        var documents: [String] = []
        var sawContract = false
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                // Everything after the terminator is a path.
                for path in arguments[index...] {
                    if sawContract { documents.append(path) } else { parser += ["--", path]; sawContract = true }
                }
                break
            }
            if argument.hasPrefix("-") && argument != "-" {
                parser.append(argument)
                if valued.contains(argument), index < arguments.count {
                    parser.append(arguments[index])
                    index += 1
                }
                continue
            }
            if sawContract {
                documents.append(argument)
            } else {
                parser.append(argument)
                sawContract = true
            }
        }
        return (parser, documents)
    }
}
