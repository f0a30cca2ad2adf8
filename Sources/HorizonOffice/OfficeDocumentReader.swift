package import HorizonKit
package import HorizonModel

/// Reads supplier documents in every format: Excel workbooks here, the text formats with
/// `DocumentReader`.
package enum OfficeDocumentReader {
    /// Parses a return or bid: a workbook by its bytes (a ZIP that is not an OpenDocument file),
    /// anything else as `DocumentReader.parse` does. A workbook's digest is always taken: its
    /// unpacking costs far more.
    package static func parse(
        _ bytes: [UInt8], file: String, limits: ReadLimits = .standard, table: FieldTable = .headerOnly, digest: Bool = true
    ) throws(InputError) -> SupplierDocument {
        if XLSXReader.isWorkbook(bytes) { return try XLSXReader.document(bytes, file: file, limits: limits, table: table) }
        return try DocumentReader.parse(bytes, file: file, limits: limits, table: table, digest: digest)
    }
}
