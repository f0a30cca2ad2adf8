/// A ZIP archive's directory, read only where every offset and size it gives lies within the
/// archive's bytes: the end record, the central directory, each entry's local header and data.
/// ZIP64 archives are refused: a return is a few kilobytes.
enum ZIPBounds {
    static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }

    /// One entry: its name, compression method, sizes and where its data starts.
    struct Entry {
        var name: String
        var method: Int
        var compressed: Int
        var uncompressed: Int
        var data: Int
    }

    /// Whether the archive's structure lies within `bytes`.
    static func inBounds(_ b: [UInt8]) -> Bool { entries(b) != nil }

    /// The archive's entries, or `nil` when any part of its structure lies outside `bytes`.
    static func entries(_ b: [UInt8]) -> [Entry]? {
        let n = b.count
        guard n >= 22 else { return nil }
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
        guard end >= 0 else { return nil }
        // A ZIP64 locator before it, or a field at its ZIP64 marker: refused.
        if end >= 20 && b[end - 20] == 0x50 && b[end - 19] == 0x4B && b[end - 18] == 0x06 && b[end - 17] == 0x07 { return nil }
        let disk = u16(b, end + 4)
        let startDisk = u16(b, end + 6)
        let onDisk = u16(b, end + 8)
        let total = u16(b, end + 10)
        let size = u32(b, end + 12)
        let offset = u32(b, end + 16)
        let comment = u16(b, end + 20)
        guard disk == 0, startDisk == 0, onDisk == total, total < 0xFFFF, size < 0xFFFF_FFFF, offset < 0xFFFF_FFFF,
            end + 22 + comment <= n, offset + size <= end
        else { return nil }
        var p = offset
        var result: [Entry] = []
        for _ in 0..<total {
            guard p + 46 <= offset + size, u32(b, p) == 0x0201_4B50 else { return nil }
            let flags = u16(b, p + 8)
            let method = u16(b, p + 10)
            let compressed = u32(b, p + 20)
            let uncompressed = u32(b, p + 24)
            let name = u16(b, p + 28)
            let extra = u16(b, p + 30)
            let note = u16(b, p + 32)
            let local = u32(b, p + 42)
            guard compressed < 0xFFFF_FFFF, uncompressed < 0xFFFF_FFFF, local < 0xFFFF_FFFF else { return nil }
            let entryName = String(decoding: b[(p + 46)..<min(p + 46 + name, n)], as: UTF8.self)
            p += 46 + name + extra + note
            guard p <= offset + size else { return nil }
            // The entry's local header, and its data after it.
            guard local + 30 <= n, u32(b, local) == 0x0403_4B50 else { return nil }
            let data = local + 30 + u16(b, local + 26) + u16(b, local + 28)
            let descriptor = flags & 0x08 != 0 ? 16 : 0
            guard data + compressed + descriptor <= n else { return nil }
            result.append(Entry(name: entryName, method: method, compressed: compressed, uncompressed: uncompressed, data: data))
        }
        return result
    }
}
