import Foundation

/// URL-safe identifiers made from names and file names: lowercase ASCII letters, digits, hyphens.
public enum Slug {
    /// "Ilham Aliyev" → "ilham-aliyev", "Türkiye" → "turkiye".
    public static func make(from text: String) -> String {
        // Foundation's folding is slow, and ASCII folds to its lowercase: file names mostly are ASCII.
        text.isAllASCII ? asciiSlug(text) : foldedSlug(text)
    }

    /// `make` through Foundation's accent and case folding.
    static func foldedSlug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else if scalar != "'" && scalar != "’" {
                pendingHyphen = true
            }
        }
        return slug.lowercased()
    }

    /// `make` for ASCII text, on bytes.
    static func asciiSlug(_ text: String) -> String {
        var slug: [UInt8] = []
        var pendingHyphen = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingHyphen, !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                slug.append(byte | (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? 0x20 : 0))
                pendingHyphen = false
            case UInt8(ascii: "'"):
                continue
            default:
                pendingHyphen = true
            }
        }
        return String(decoding: slug, as: UTF8.self)
    }
}
