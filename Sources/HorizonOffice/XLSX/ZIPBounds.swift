/// Checks, before ZIPFoundation reads an archive in memory, that every offset and size the
/// archive's directory gives lies within its bytes. ZIPFoundation's in-memory reader traps (a
/// Swift runtime failure, not an error) when a damaged archive makes it seek past the end —
/// found by the xlsx fuzzer — so a workbook is read only once its structure is known to be in
/// bounds. ZIP64 archives are refused: a return is a few kilobytes.
enum ZIPBounds {
    static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }

    /// Whether the archive's end record, central directory and every entry's local header and
    /// data lie within `bytes`.
    static func inBounds(_ b: [UInt8]) -> Bool {
        let n = b.count
        guard n >= 22 else { return false }
        // The end of central directory record, searched from the end as ZIPFoundation does.
        var end = -1
        var i = n - 22
        while i >= max(0, n - 22 - 0xFFFF) {
            if b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 0x05 && b[i + 3] == 0x06 {
                end = i
                break
            }
            i -= 1
        }
        guard end >= 0 else { return false }
        // A ZIP64 locator before it, or a field at its ZIP64 marker: refused.
        if end >= 20 && b[end - 20] == 0x50 && b[end - 19] == 0x4B && b[end - 18] == 0x06 && b[end - 17] == 0x07 { return false }
        let disk = u16(b, end + 4)
        let startDisk = u16(b, end + 6)
        let onDisk = u16(b, end + 8)
        let total = u16(b, end + 10)
        let size = u32(b, end + 12)
        let offset = u32(b, end + 16)
        let comment = u16(b, end + 20)
        guard disk == 0, startDisk == 0, onDisk == total, total < 0xFFFF, size < 0xFFFF_FFFF, offset < 0xFFFF_FFFF,
            end + 22 + comment <= n, offset + size <= end
        else { return false }
        var p = offset
        for _ in 0..<total {
            guard p + 46 <= offset + size, u32(b, p) == 0x0201_4B50 else { return false }
            let flags = u16(b, p + 8)
            let compressed = u32(b, p + 20)
            let uncompressed = u32(b, p + 24)
            let name = u16(b, p + 28)
            let extra = u16(b, p + 30)
            let note = u16(b, p + 32)
            let local = u32(b, p + 42)
            guard compressed < 0xFFFF_FFFF, uncompressed < 0xFFFF_FFFF, local < 0xFFFF_FFFF else { return false }
            p += 46 + name + extra + note
            guard p <= offset + size else { return false }
            // The entry's local header, and its data after it.
            guard local + 30 <= n, u32(b, local) == 0x0403_4B50 else { return false }
            let data = local + 30 + u16(b, local + 26) + u16(b, local + 28)
            let descriptor = flags & 0x08 != 0 ? 16 : 0
            guard data + compressed + descriptor <= n else { return false }
        }
        return true
    }
}
