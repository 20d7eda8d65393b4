import Foundation

/// A named-entity tagger: an averaged perceptron over BIO tags, decoded with Viterbi.
///
/// The weights come from `briefing train-tagger` (see `TaggerTraining`) and ship in the binary
/// as `TaggerWeights.encoded`, decoded once on first use.
struct SequenceTagger: Sendable {
    /// The GMB entity types, in tag order: tag 1 + 2i is B-type i, 2 + 2i is I-type i, 0 is O.
    static let types = ["geo", "org", "per", "gpe", "tim", "art", "eve", "nat"]
    static let tagCount = 1 + 2 * types.count

    // The kept buckets as a bit set with a rank per 64 buckets: a bucket's row is the number of
    // kept buckets before it. 192 KB, where a row number per bucket took 4 MB: the table stays
    // in cache, and the lookups were most of the tagger's time.
    /// Bit b of word b / 64: bucket b has a row.
    var kept: [UInt64]
    /// Per word of `kept`, the kept buckets before it.
    var rank: [UInt32]
    /// Rows of `tagCount` weights in units of `scale`, summed as integers.
    var weights: [Int16]
    var scale: Double
    /// `tagCount + 1` rows (the last is the sentence start) of `tagCount` weights.
    var transitions: [Double]

    /// The shipped model; nil when the weights file holds none (before the first `make train`).
    static let builtIn: SequenceTagger? = {
        let text = TaggerWeights.encoded
        guard !text.isEmpty, let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else { return nil }
        return SequenceTagger(encoded: [UInt8](data))
    }()

    /// The type index of a tag (nil for O).
    @inline(__always) static func type(of tag: UInt8) -> Int? { tag == 0 ? nil : (Int(tag) - 1) / 2 }
    @inline(__always) static func isInside(_ tag: UInt8) -> Bool { tag != 0 && tag % 2 == 0 }

    /// An I tag only continues a name of its own type.
    @inline(__always) static func allowed(_ previous: Int, _ tag: Int) -> Bool {
        guard tag != 0, tag % 2 == 0 else { return true }
        return previous == tag || previous == tag - 1
    }

    /// The best tag sequence for `count` tokens given their emission scores (count × tagCount)
    /// and `transition(previous, tag)` (previous == tagCount: the sentence start).
    static func viterbi(count: Int, emissions: [Double], transitions: [Double]) -> [UInt8] {
        let t = tagCount
        guard count > 0 else { return [] }
        // Disallowed moves cost -infinity, so the inner loop needs no test (a tie keeps the
        // first previous tag, as skipping them did).
        var masked = transitions
        for previous in 0...t {
            for tag in 0..<t where !allowed(previous, tag) { masked[previous * t + tag] = -.infinity }
        }
        var score = [Double](repeating: -.infinity, count: t)
        var next = score
        var back = [UInt8](repeating: 0, count: count * t)
        emissions.withUnsafeBufferPointer { emissions in
            masked.withUnsafeBufferPointer { masked in
                for tag in 0..<t where allowed(t, tag) {
                    score[tag] = emissions[tag] + masked[t * t + tag]
                }
                for i in 1..<max(count, 1) {
                    for tag in 0..<t {
                        var best = -Double.infinity
                        var from = 0
                        for previous in 0..<t {
                            let value = score[previous] + masked[previous * t + tag]
                            if value > best { best = value; from = previous }
                        }
                        next[tag] = best + emissions[i * t + tag]
                        back[i * t + tag] = UInt8(from)
                    }
                    swap(&score, &next)
                }
            }
        }
        var tag = 0
        for candidate in 1..<t where score[candidate] > score[tag] { tag = candidate }
        var path = [UInt8](repeating: 0, count: count)
        for i in stride(from: count - 1, through: 0, by: -1) {
            path[i] = UInt8(tag)
            tag = Int(back[i * t + tag])
        }
        return path
    }

    /// Tags one sentence.
    func tag(_ tokens: [Token], _ range: Range<Int>, lexicon: Lexicon) -> [UInt8] {
        tagWithMargins(tokens, range, lexicon: lexicon).tags
    }

    /// Tags one sentence, with each token's margin: how much its own evidence (its emission
    /// score) prefers the chosen tag over O; callers ask more of the tagger where rules are silent.
    func tagWithMargins(_ tokens: [Token], _ range: Range<Int>, lexicon: Lexicon) -> (tags: [UInt8], margins: [Double]) {
        let t = Self.tagCount
        let sentence = tokens[range]
        let context = TaggerFeatures.context(tokens, range, lexicon: lexicon)
        var units = [Int32](repeating: 0, count: sentence.count * t)
        var buffer: [UInt32] = []
        buffer.reserveCapacity(40)
        weights.withUnsafeBufferPointer { weights in
            kept.withUnsafeBufferPointer { kept in
                rank.withUnsafeBufferPointer { rank in
                    units.withUnsafeMutableBufferPointer { units in
                        for (position, index) in sentence.indices.enumerated() {
                            buffer.removeAll(keepingCapacity: true)
                            TaggerFeatures.features(sentence, index, context, into: &buffer)
                            let at = position * t
                            for feature in buffer {
                                let word = Int(feature >> 6)
                                let bit = UInt64(1) << UInt64(feature & 63)
                                guard kept[word] & bit != 0 else { continue }
                                let offset = (Int(rank[word]) + (kept[word] & (bit &- 1)).nonzeroBitCount) * t
                                for tag in 0..<t { units[at + tag] &+= Int32(weights[offset + tag]) }
                            }
                        }
                    }
                }
            }
        }
        let emissions = units.map { Double($0) * scale }
        let tags = Self.viterbi(count: sentence.count, emissions: emissions, transitions: transitions)
        var margins = [Double](repeating: 0, count: tags.count)
        for index in tags.indices { margins[index] = emissions[index * t + Int(tags[index])] - emissions[index * t] }
        return (tags, margins)
    }

    // MARK: The weights' binary form

    /// Reads the form `encode` writes: a header, the transitions, then one row per kept bucket
    /// (bucket delta, a mask of its nonzero tags, their values), all varints of Int16 units.
    init?(encoded bytes: [UInt8]) {
        var cursor = 0
        func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while cursor < bytes.count {
                let byte = bytes[cursor]
                cursor += 1
                value |= UInt64(byte & 0x7f) << shift
                if byte < 0x80 { return value }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }
        func signed() -> Int64? { varint().map { Int64(bitPattern: ($0 >> 1) ^ (0 &- ($0 & 1))) } }
        let t = Self.tagCount
        guard bytes.count > 8, bytes[0] == 0x42, bytes[1] == 0x54, bytes[2] == 1, Int(bytes[3]) == t else { return nil }
        let scale = Float(bitPattern: UInt32(bytes[4]) | UInt32(bytes[5]) << 8 | UInt32(bytes[6]) << 16 | UInt32(bytes[7]) << 24)
        cursor = 8
        guard let rows = varint() else { return nil }
        var transitions = [Double](repeating: 0, count: (t + 1) * t)
        for index in transitions.indices {
            guard let value = signed() else { return nil }
            transitions[index] = Double(Float(value) * scale)
        }
        var kept = [UInt64](repeating: 0, count: TaggerFeatures.bucketCount / 64)
        var weights = [Int16](repeating: 0, count: Int(rows) * t)
        var bucket: UInt64 = 0
        for row in 0..<Int(rows) {
            guard let delta = varint(), let mask = varint() else { return nil }
            bucket += delta
            // Rows come in bucket order, each bucket once: the rank then gives back `row`.
            guard bucket < UInt64(TaggerFeatures.bucketCount), row == 0 || delta > 0 else { return nil }
            kept[Int(bucket >> 6)] |= 1 << (bucket & 63)
            for tag in 0..<t where mask & (1 << UInt64(tag)) != 0 {
                guard let value = signed(), let unit = Int16(exactly: value) else { return nil }
                weights[row * t + tag] = unit
            }
        }
        var rank = [UInt32](repeating: 0, count: kept.count)
        var before: UInt32 = 0
        for word in kept.indices {
            rank[word] = before
            before += UInt32(kept[word].nonzeroBitCount)
        }
        self.kept = kept
        self.rank = rank
        self.weights = weights
        self.scale = Double(scale)
        self.transitions = transitions
    }

    /// Quantizes weights (bucketCount × tagCount) and transitions to Int16 units of one scale,
    /// dropping those under `minimum` units, and writes them in the form `init(encoded:)` reads.
    static func encode(weights: [Double], transitions: [Double], minimum: Int) -> [UInt8] {
        let t = tagCount
        let largest = max(weights.map(abs).max() ?? 0, transitions.map(abs).max() ?? 0, 1e-9)
        let scale = Float(largest / 32767)
        var out: [UInt8] = [0x42, 0x54, 1, UInt8(t)]
        let bits = scale.bitPattern
        out += [UInt8(bits & 0xff), UInt8(bits >> 8 & 0xff), UInt8(bits >> 16 & 0xff), UInt8(bits >> 24)]
        func varint(_ value: UInt64) {
            var value = value
            while value >= 0x80 { out.append(UInt8(value & 0x7f) | 0x80); value >>= 7 }
            out.append(UInt8(value))
        }
        func signed(_ value: Int64) { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }
        func quantize(_ value: Double) -> Int64 { Int64((value / Double(scale)).rounded()) }
        var rows: [(bucket: Int, values: [Int64])] = []
        for bucket in 0..<(weights.count / t) {
            var values = [Int64](repeating: 0, count: t)
            var any = false
            for tag in 0..<t {
                let q = quantize(weights[bucket * t + tag])
                if abs(q) >= minimum { values[tag] = q; any = true }
            }
            if any { rows.append((bucket, values)) }
        }
        varint(UInt64(rows.count))
        for value in transitions { signed(quantize(value)) }
        var previous = 0
        for row in rows {
            varint(UInt64(row.bucket - previous))
            previous = row.bucket
            var mask: UInt64 = 0
            for tag in 0..<t where row.values[tag] != 0 { mask |= 1 << UInt64(tag) }
            varint(mask)
            for tag in 0..<t where row.values[tag] != 0 { signed(row.values[tag]) }
        }
        return out
    }
}
