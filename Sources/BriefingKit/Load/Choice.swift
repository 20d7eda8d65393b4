/// A front matter value that is one of a few words (`kind: person`, `mentions: every`). Decoding
/// another word is an error that names the value, lists every allowed one and suggests the nearest,
/// instead of Swift's "Cannot initialize … from invalid String value".
public protocol Choice: RawRepresentable, CaseIterable, Decodable, Sendable where RawValue == String {
    /// The key the value is written under, for messages (`kind`).
    static var key: String { get }
}

extension Choice {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        if let value = Self(rawValue: text) ?? Self(rawValue: text.lowercased()) {
            self = value
            return
        }
        let allowed = Self.allCases.map(\.rawValue)
        let hint = Suggestion.closest(to: text, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
        throw DecodingError.dataCorrupted(.init(
            codingPath: decoder.codingPath,
            debugDescription: "\(Self.key) '\(text)' is not one of: \(allowed.joined(separator: ", "))\(hint)",
            underlyingError: FieldMessage()))
    }
}

/// Marks a decoding error whose description is a whole message for the reader.
struct FieldMessage: Error {}
