import Glibc

extension StringProtocol {
    /// The first occurrence of `needle` at or after `start`, found in the UTF-8 bytes.
    /// Foundation's `range(of:)` converts to UTF-16 on every call, which dominated parsing.
    func firstRange(ofBytes needle: String, from start: Index? = nil) -> Range<Index>? {
        let view = utf8
        let offset = view.distance(from: view.startIndex, to: start ?? startIndex)
        let pattern = Array(needle.utf8)
        let found: Int?? = view.withContiguousStorageIfAvailable { haystack -> Int? in
            guard let base = haystack.baseAddress, !pattern.isEmpty else { return pattern.isEmpty ? offset : nil }
            var from = offset
            // memchr to the next candidate first byte, then compare the rest.
            while from + pattern.count <= haystack.count,
                  let hit = memchr(base + from, Int32(pattern[0]), haystack.count - from - pattern.count + 1) {
                let position = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if memcmp(hit, pattern, pattern.count) == 0 { return position }
                from = position + 1
            }
            return nil
        }
        // Strings read here are native, hence contiguous; anything else is searched byte by byte.
        let position = found ?? Array(view).indices.dropFirst(offset).first { index in
            index + pattern.count <= view.count && view.dropFirst(index).starts(with: pattern)
        }
        guard let position else { return nil }
        let lower = view.index(view.startIndex, offsetBy: position)
        return lower..<view.index(lower, offsetBy: pattern.count)
    }

    /// Whether the UTF-8 bytes hold `needle`.
    func containsBytes(_ needle: String) -> Bool { firstRange(ofBytes: needle) != nil }

    /// Whether a UTF-8 byte satisfies `predicate`: a loop over the string's own bytes when they
    /// are in one piece (native strings), several times faster than the UTF-8 view's iterator.
    func containsByte(where predicate: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(where: predicate) } ?? utf8.contains(where: predicate)
    }

    /// Whether every byte is ASCII (then a byte is a Unicode scalar).
    var isAllASCII: Bool { !containsByte { $0 >= 0x80 } }
}

extension String {
    /// `split(separator: "\n", omittingEmptySubsequences: false)`, found in the bytes. A line feed
    /// always ends a Character except in "\r\n", so text without a carriage return splits the same.
    func lineSlices() -> [Substring] {
        guard !containsByte(where: { $0 == 13 }) else { return split(separator: "\n", omittingEmptySubsequences: false) }
        var lines: [Substring] = []
        var start = startIndex
        while let newline = utf8[start...].firstIndex(of: 10) {
            lines.append(self[start..<newline])
            start = utf8.index(after: newline)
        }
        lines.append(self[start...])
        return lines
    }

    /// `split(separator: " ").count` (runs of non-spaces), on bytes for ASCII text.
    var spaceSeparatedCount: Int {
        guard isAllASCII else { return split(separator: " ").count }
        var count = 0
        var inWord = false
        for byte in utf8 {
            if byte == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }
}
