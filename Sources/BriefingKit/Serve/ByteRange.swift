/// What a `Range: bytes=…` request header asks of a body of a given size (RFC 9110 §14). One
/// range is served as asked; several ranges, other units or a malformed header get the whole
/// body, as the RFC allows a server that ignores the header.
enum ByteRange: Equatable {
    case whole
    case part(Range<Int>)
    /// Starts past the end: 416 with `Content-Range: bytes */size`.
    case unsatisfiable

    init(header: String?, size: Int) {
        guard let header, header.hasPrefix("bytes="), !header.contains(",") else { self = .whole; return }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        let bounds = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard bounds.count == 2, bounds.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            self = .whole
            return
        }
        // Digits only, so Int() fails only on overflow: a position past any file.
        switch (bounds[0].isEmpty ? nil : Int(bounds[0]) ?? Int.max, bounds[1].isEmpty ? nil : Int(bounds[1]) ?? Int.max) {
        case (let first?, let last?) where first <= last:
            self = first < size ? .part(first..<(min(last, size - 1) + 1)) : .unsatisfiable
        case (let first?, nil):
            self = first < size ? .part(first..<size) : .unsatisfiable
        case (nil, let suffix?):
            self = suffix > 0 && size > 0 ? .part(max(0, size - suffix)..<size) : .unsatisfiable
        default:
            self = .whole
        }
    }
}
