// libFuzzer harnesses over HorizonKit, compiled into one module with HorizonKit's sources by
// Scripts/fuzz (SwiftPM cannot build an executable without a main, and libFuzzer brings its own).
// One of FUZZ_YAML, FUZZ_CSV or FUZZ_CHECK is defined per binary.

import Foundation
import HorizonModel

/// The shipped library and the housing contract, loaded once, for the whole check path.
let fuzzContext: (Checker, Contract)? = {
    let root = ProcessInfo.processInfo.environment["HORIZON_ROOT"] ?? FileManager.default.currentDirectoryPath
    let load = LibraryLoader.load(from: root + "/ClauseLibrary")
    guard let library = load.library, load.inputErrors.isEmpty,
        let contract = (try? ContractLoader.load(root + "/Contracts/housing-related-support.yaml", library: library))?.0
    else { return nil }
    return (Checker(contract: contract, library: library, evidence: nil), contract)
}()

/// The shipped library's field table (the header-only table when it cannot be loaded).
let fieldTable: FieldTable = fuzzContext?.0.table ?? .headerOnly

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    #if FUZZ_YAML
        // The reader over arbitrary bytes: a node tree or a located error, never a crash.
        if let root = try? YAMLReader.parse(bytes, file: "fuzz.yaml") {
            _ = root.kindName
        }
        // The two readers over one event walker, the document straight from events and the tree
        // flattened, give the same document, or both refuse the file.
        let direct = try? YAMLReader.parseSupplierDocument(bytes, file: "fuzz.yaml", limits: .standard, sha256: "")
        let viaTree = try? DocumentFlattener.flatten(try YAMLReader.parse(bytes, file: "fuzz.yaml"), file: "fuzz.yaml", sha256: "")
        precondition(direct?.kind == viaTree?.kind && direct?.contents == viaTree?.contents, "the two YAML readers disagree")
        _ = try? YAMLReader.parseSupplierDocument(bytes, file: "fuzz.yaml", limits: .standard, sha256: "", table: fieldTable)
        _ = try? JSONReader.parse(bytes, file: "fuzz.json")
    #elseif FUZZ_CSV
        _ = try? CSVReader.document(bytes, file: "fuzz.csv", limits: .standard, sha256: "")
    #elseif FUZZ_CHECK
        // The whole check path: parse as YAML, JSON or CSV (by the first byte), judge, render.
        guard let (checker, contract) = fuzzContext else { fatalError("run from the package root, or set HORIZON_ROOT") }
        let names = ["fuzz.yaml", "fuzz.json", "fuzz.csv"]
        let name = names[Int(bytes.first ?? 0) % 3]
        let document: SupplierDocument
        let input = Array(bytes.dropFirst())
        do {
            document = try DocumentReader.parse(input, file: name, table: checker.table)
        } catch {
            precondition(error.finding.location.line >= 1 && error.finding.location.column >= 1)
            // Read by plain ids, the document fails the same way.
            precondition((try? DocumentReader.parse(input, file: name)) == nil)
            return 0
        }
        var tracker = PortfolioTracker()
        let report = tracker.record(checker.check(document))
        let text = ReportRenderer.text(report, numbers: contract.numbers)
        // Read by plain ids (the header-only table) and refiled by the checker, the report is the same.
        let byID = try! DocumentReader.parse(input, file: name)
        precondition(ReportRenderer.text(checker.check(byID), numbers: contract.numbers) == text)
        _ = JSONWriter.encode(ReportJSON.document(report, numbers: contract.numbers))
        for finding in report.findings {
            precondition(finding.location.line >= 1 && finding.location.column >= 1)
        }
    #endif
    return 0
}
