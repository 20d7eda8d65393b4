/// The kind of an annotation, written `[!KIND]` at the start of a footnote definition.
public enum AnnotationKind: String, CaseIterable, Sendable {
    case note, context, source, verified, disputed, correction

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// A footnote turned sidenote: its label, kind, number and the text block of its content.
public struct Annotation: Sendable {
    public var label: String
    public var kind: AnnotationKind
    /// 1-based, in order of first reference.
    public var number: Int
    public var location: SourceLocation
    /// Index of the annotation's text in `ParsedDocument.blocks`.
    public var blockIndex: Int?
}

/// The kind of a GitHub alert blockquote (`> [!NOTE]`), rendered as a callout.
public enum CalloutKind: String, CaseIterable, Sendable {
    case note, tip, important, warning, caution, key

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
