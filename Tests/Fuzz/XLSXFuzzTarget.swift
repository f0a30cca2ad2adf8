// The libFuzzer harness over the workbook reader, compiled by Scripts/fuzz with HorizonOffice's
// XLSX sources against HorizonKit, HorizonModel and ZIPFoundation built as modules of their own
// (the workbook reader needs zlib, which the core's fuzz build leaves out).

import Foundation
import HorizonKit
import HorizonModel

/// The shipped library and the housing contract, loaded once, to judge what is read.
let fuzzContext: (Checker, Contract, FieldTable)? = {
    let root = ProcessInfo.processInfo.environment["HORIZON_ROOT"] ?? FileManager.default.currentDirectoryPath
    let load = LibraryLoader.load(from: root + "/ClauseLibrary")
    guard let library = load.library, load.inputErrors.isEmpty,
        let contract = (try? ContractLoader.load(root + "/Contracts/housing-related-support.yaml", library: library))?.0
    else { return nil }
    return (Checker(contract: contract, library: library, evidence: nil), contract, library.fieldTable)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let (checker, contract, table) = fuzzContext else { fatalError("run from the package root, or set HORIZON_ROOT") }
    // Any bytes: a document or a located error, never a crash, a hang or a runaway inflation.
    let document: SupplierDocument
    do throws(InputError) {
        document = try XLSXReader.document(bytes, file: "fuzz.xlsx", table: table)
    } catch {
        precondition(error.finding.location.line >= 1 && error.finding.location.column >= 1)
        return 0
    }
    let report = checker.check(document)
    _ = ReportRenderer.text(report, numbers: contract.numbers)
    for finding in report.findings {
        precondition(finding.location.line >= 1 && finding.location.column >= 1)
    }
    return 0
}
