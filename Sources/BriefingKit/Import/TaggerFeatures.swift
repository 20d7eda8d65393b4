/// The features the sequence tagger sees for each token, as hashed bucket numbers.
///
/// Each feature is a template number mixed with the code points of a token's text (FNV-1a), so
/// extracting them allocates nothing: the strings are the tokens' own. Training and decoding use
/// this one function, so a feature means the same in both.
enum TaggerFeatures {
    /// Buckets in the hashed feature space (2^20); collisions at this size cost little accuracy.
    static let bucketBits = 20
    static let bucketCount = 1 << bucketBits

    /// What the tagger knows about a token besides its text, precomputed once per sentence.
    struct Context {
        /// Per token: 0, or 1 + 2 × kind index (+1 inside a name) of the known name covering it.
        var lexicon: [UInt8]
        /// Per token: the word is in the title list ("Secretary", "Gen").
        var title: [Bool]
    }

    @inline(__always) static func mix(_ hash: UInt64, _ value: UInt32) -> UInt64 {
        (hash ^ UInt64(value)) &* 0x100_0000_01b3
    }

    @inline(__always) static func seed(_ template: UInt32) -> UInt64 {
        mix(0xcbf2_9ce4_8422_2325, template &+ 0x9e37)
    }

    @inline(__always) static func bucket(_ hash: UInt64) -> UInt32 {
        var h = hash
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 29
        return UInt32(truncatingIfNeeded: h) & UInt32(bucketCount - 1)
    }

    @inline(__always) static func hash(_ template: UInt32, _ text: String) -> UInt64 {
        var h = seed(template)
        for scalar in text.unicodeScalars { h = mix(h, scalar.value) }
        return h
    }

    /// The word's shape with repeats collapsed: "Airbus" → Xx, "NATO" → X, "13" → d, "U.S." → X.X.
    @inline(__always) static func shape(_ text: String) -> UInt64 {
        var h = seed(3)
        var last: UInt32 = 0
        var length: UInt32 = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let kind: UInt32
            if value >= 48 && value <= 57 {
                kind = 1
            } else if Tokenizer.isUppercase(scalar) {
                kind = 2
            } else if Tokenizer.isLetter(scalar) {
                kind = 3
            } else {
                kind = 4 + (value & 0xff)
            }
            length += 1
            if kind != last { h = mix(h, kind); last = kind }
        }
        return mix(h, min(length, 4))
    }

    /// The known name covering each token of `tokens[range]` (the gazetteer and the site's
    /// entities), and title words.
    static func context(_ tokens: [Token], _ range: Range<Int>, lexicon: Lexicon) -> Context {
        var codes = [UInt8](repeating: 0, count: range.count)
        var titles = [Bool](repeating: false, count: range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let token = tokens[index]
            titles[index - range.lowerBound] = token.kind == .word && LanguageRules.titles.contains(token.folded)
            if token.kind != .punctuation, let (length, target) = lexicon.match(tokens, at: index, isTaken: { _ in false }) {
                let kind = UInt8(EntityKind.allCases.firstIndex(of: target.kind) ?? 0) + (target.isDemonym ? 8 : 0)
                let end = min(index + length, range.upperBound)
                for at in index..<end {
                    codes[at - range.lowerBound] = 1 + 2 * kind + (at > index ? 1 : 0)
                    titles[at - range.lowerBound] = LanguageRules.titles.contains(tokens[at].folded)
                }
                index = end
                continue
            }
            index += 1
        }
        return Context(lexicon: codes, title: titles)
    }

    /// Appends the bucket numbers of token `index`'s features (of a sentence) to `out`.
    static func features(_ tokens: ArraySlice<Token>, _ index: Int, _ context: Context, into out: inout [UInt32]) {
        let base = tokens.startIndex
        let position = index - base
        let token = tokens[index]
        let atStart = position == 0
        @inline(__always) func add(_ h: UInt64) { out.append(bucket(h)) }
        add(seed(0))
        add(hash(1, token.text))
        add(hash(2, token.folded))
        let tokenShape = shape(token.text)
        add(tokenShape)
        // Prefixes and suffixes of one to three letters.
        var prefix = seed(4)
        var count: UInt32 = 0
        for scalar in token.folded.unicodeScalars {
            prefix = mix(prefix, scalar.value)
            count += 1
            add(mix(prefix, count))
            if count == 3 { break }
        }
        var suffix = seed(5)
        count = 0
        for scalar in token.folded.unicodeScalars.reversed() {
            suffix = mix(suffix, scalar.value)
            count += 1
            add(mix(suffix, count))
            if count == 3 { break }
        }
        // Neighbouring words, two each side; sentence edges are words of their own.
        @inline(__always) func neighbour(_ template: UInt32, _ offset: Int) {
            let at = index + offset
            if at < base || at >= tokens.endIndex {
                add(mix(seed(template), offset < 0 ? 1 : 2))
            } else {
                add(hash(template, tokens[at].folded))
            }
        }
        neighbour(10, -1)
        neighbour(11, -2)
        neighbour(12, 1)
        neighbour(13, 2)
        if index > base {
            add(mix(shape(tokens[index - 1].text), 14))
            add(mix(hash(15, tokens[index - 1].folded), UInt32(truncatingIfNeeded: tokenShape)))
        }
        if index + 1 < tokens.endIndex { add(mix(shape(tokens[index + 1].text), 16)) }
        add(mix(mix(seed(17), atStart ? 1 : 0), UInt32(truncatingIfNeeded: tokenShape)))
        if atStart { add(hash(18, token.folded)) }
        if token.isCapitalized && !atStart { add(seed(19)) }
        let code = context.lexicon[position]
        add(mix(seed(20), UInt32(code)))
        add(mix(seed(21), UInt32(position > 0 ? context.lexicon[position - 1] : 255)))
        add(mix(seed(22), UInt32(position + 1 < context.lexicon.count ? context.lexicon[position + 1] : 255)))
        if context.title[position] { add(seed(23)) }
        if position > 0, context.title[position - 1] { add(seed(24)) }
    }
}
