import Foundation

/// URL-safe identifiers made from names and file names: lowercase ASCII letters, digits, hyphens.
public enum Slug {
    /// "Ilham Aliyev" → "ilham-aliyev", "Türkiye" → "turkiye", "Москва" → "moskva", "李明" → "li-ming".
    public static func make(from text: String) -> String {
        // Foundation's folding is slow, and ASCII folds to its lowercase: file names mostly are ASCII.
        text.isAllASCII ? asciiSlug(text) : foldedSlug(text)
    }

    /// Any script to Latin, then to ASCII (ICU's transliterators, which Foundation has on Linux too).
    private static let toASCII = StringTransform("Any-Latin; Latin-ASCII")

    /// `make` through Foundation's accent and case folding; letters that folding leaves outside
    /// ASCII (other scripts, "ß", "ł") are transliterated rather than dropped.
    static func foldedSlug(_ text: String) -> String {
        var folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        if folded.unicodeScalars.contains(where: { !$0.isASCII && $0.properties.isAlphabetic }),
           let latin = folded.applyingTransform(toASCII, reverse: false) {
            folded = latin
        }
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
