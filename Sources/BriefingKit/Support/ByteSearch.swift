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
}
