/// The Snowball German stemmer ("german", Snowball 3.x), implemented from the published algorithm
/// description at <https://snowballstem.org/algorithms/german/stemmer.html>.
///
/// The input is expected in lower case (the stemmer does not fold case). The word is processed as
/// Unicode scalars in a temporary stack buffer, so stemming allocates nothing beyond the result string
/// (and not even that when the stem fits into a small string).
///
/// The algorithm, in order:
///
/// 1. **Prelude.** Mark `u` and `y` between vowels (they then count as consonants), then, left to right,
///    replace `ß` with `ss`, `ae` with `ä`, `oe` with `ö` and `ue` with `ü` (but not the `ue` of `que`).
///    Vowels are `a e i o u y ä ö ü`.
/// 2. **Regions.** R1 starts after the first non-vowel that follows a vowel, R2 the same again inside R1;
///    then R1 is moved so that at least three letters precede it.
/// 3. **Step 1** (longest suffix, only the suffix must lie in R1): delete `em` (not after `syst`), `ern`,
///    `er`, `erin`, `erinnen`; delete `e`, `en`, `es` and then turn a remaining `-niss` into `-nis`;
///    delete `s` after a valid s-ending (`b d f g h k l m n r t`); replace `ln`, `lns` with `l`.
/// 4. **Step 2** (longest suffix in R1): delete `en`, `er`, `est`; delete `st` after a valid st-ending
///    (s-endings without `r`) that has at least three letters before it; delete `et` after a valid
///    et-ending (`d f g k l m n r s t U z ä`) unless the rest ends in `geordn`, `intern`, `plan`, `tick`
///    or `tr`.
/// 5. **Step 3** (derivational suffixes, longest match): `end`, `ung` in R2, then a preceding `ig` in R2
///    not after `e`; `ig`, `ik`, `isch` in R2 not after `e`; `lich`, `heit` in R2, then a preceding `er`
///    or `en` in R1; `keit` in R2, then a preceding `lich` or `ig` in R2.
/// 6. **Step 4** (apostrophe): remove `'s`, `'sch` or `'` if at least two letters remain.
/// 7. **Postlude.** Turn marked `U`/`Y` back into `u`/`y` and drop the umlauts (`ä ö ü` → `a o u`).
public enum GermanStemmer {
    /// The stem of one lower-case word. Words of any script pass through; letters outside the German
    /// alphabet simply count as consonants.
    public static func stem(_ word: String) -> String {
        let byteCount = word.utf8.count
        guard byteCount > 0 else { return word }
        // The scalar count after the prelude never exceeds the UTF-8 byte count (`ß` is two bytes and
        // becomes `ss`), and neither does the UTF-8 length of the stem. The upper half of the buffer holds
        // the raw scalars, the lower half the working word.
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * byteCount) { storage in
            guard let base = storage.baseAddress else { return word }
            var letters = Letters(base: base)
            letters.prelude(word, raw: base + byteCount)
            letters.markRegions()
            letters.step1()
            letters.step2()
            letters.step3()
            letters.step4()
            return letters.postlude(capacity: byteCount)
        }
    }
}

// MARK: - Letters

/// Letter codes: Unicode scalar values, plus two values outside the Unicode range for the marked
/// `u` and `y` so that they cannot collide with any input character.
private let markedU: UInt32 = 0x11_0075
private let markedY: UInt32 = 0x11_0079
private let aUmlaut: UInt32 = 0xE4
private let oUmlaut: UInt32 = 0xF6
private let uUmlaut: UInt32 = 0xFC
private let sharpS: UInt32 = 0xDF

private func ascii(_ character: Unicode.Scalar) -> UInt32 { character.value }

private func isVowel(_ letter: UInt32) -> Bool {
    switch letter {
    case ascii("a"), ascii("e"), ascii("i"), ascii("o"), ascii("u"), ascii("y"), aUmlaut, oUmlaut, uUmlaut:
        return true
    default:
        return false
    }
}

/// `b d f g h k l m n r t`: letters after which a final `s` is removed.
private func isSEnding(_ letter: UInt32) -> Bool {
    letter == ascii("r") || isSTEnding(letter)
}

/// The s-endings without `r`: letters after which a final `st` is removed.
private func isSTEnding(_ letter: UInt32) -> Bool {
    switch letter {
    case ascii("b"), ascii("d"), ascii("f"), ascii("g"), ascii("h"), ascii("k"), ascii("l"), ascii("m"),
        ascii("n"), ascii("t"):
        return true
    default:
        return false
    }
}

/// `d f g k l m n r s t U z ä`: letters after which a final `et` may be removed.
private func isETEnding(_ letter: UInt32) -> Bool {
    switch letter {
    case ascii("d"), ascii("f"), ascii("g"), ascii("k"), ascii("l"), ascii("m"), ascii("n"), ascii("r"),
        ascii("s"), ascii("t"), ascii("z"), markedU, aUmlaut:
        return true
    default:
        return false
    }
}

/// The word being stemmed: `count` letter codes at `base`, with the region starts `r1` and `r2`.
private struct Letters {
    let base: UnsafeMutablePointer<UInt32>
    var count = 0
    var r1 = 0
    var r2 = 0

    init(base: UnsafeMutablePointer<UInt32>) {
        self.base = base
    }

    // MARK: Prelude and regions

    /// Copies the scalars of `word` to `raw`, marks `u`/`y` between vowels there, then writes the word
    /// with `ß`, `ae`, `oe`, `ue` replaced to `base`.
    mutating func prelude(_ word: String, raw: UnsafeMutablePointer<UInt32>) {
        var rawCount = 0
        for scalar in word.unicodeScalars {
            raw[rawCount] = scalar.value
            rawCount += 1
        }
        if rawCount > 2 {
            for index in 1..<(rawCount - 1) where isVowel(raw[index - 1]) && isVowel(raw[index + 1]) {
                if raw[index] == ascii("u") {
                    raw[index] = markedU
                } else if raw[index] == ascii("y") {
                    raw[index] = markedY
                }
            }
        }
        var read = 0
        while read < rawCount {
            let letter = raw[read]
            let next = read + 1 < rawCount ? raw[read + 1] : 0
            read += 1
            switch letter {
            case sharpS:
                append(ascii("s"))
                append(ascii("s"))
            case ascii("a") where next == ascii("e"):
                append(aUmlaut)
                read += 1
            case ascii("o") where next == ascii("e"):
                append(oUmlaut)
                read += 1
            case ascii("u") where next == ascii("e"):
                append(uUmlaut)
                read += 1
            case ascii("q") where next == ascii("u"):
                // `qu` is kept as it is, so the `ue` of `quelle` stays.
                append(letter)
                append(next)
                read += 1
            default:
                append(letter)
            }
        }
    }

    private mutating func append(_ letter: UInt32) {
        base[count] = letter
        count += 1
    }

    /// Sets R1 and R2 in the standard way, then moves R1 to leave at least three letters before it.
    mutating func markRegions() {
        r1 = regionStart(after: 0)
        r2 = regionStart(after: r1)
        r1 = max(r1, 3)
    }

    /// The position after the first non-vowel that follows a vowel, at or after `start`; `count` if none.
    private func regionStart(after start: Int) -> Int {
        var index = start
        while index < count && !isVowel(base[index]) { index += 1 }
        while index < count && isVowel(base[index]) { index += 1 }
        return index < count ? index + 1 : count
    }

    // MARK: Suffix tests

    /// Whether the first `end` letters end with the ASCII string `suffix`.
    private func ends(at end: Int, with suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard length <= end else { return false }
        let bytes = suffix.utf8Start
        for offset in 0..<length where base[end - length + offset] != UInt32(bytes[offset]) {
            return false
        }
        return true
    }

    private func hasSuffix(_ suffix: StaticString) -> Bool {
        ends(at: count, with: suffix)
    }

    /// The letter before the last `length` letters, if any.
    private func letter(before length: Int) -> UInt32? {
        count > length ? base[count - length - 1] : nil
    }

    private func inR1(_ length: Int) -> Bool { count - length >= r1 }
    private func inR2(_ length: Int) -> Bool { count - length >= r2 }

    private mutating func delete(_ length: Int) { count -= length }

    // MARK: Steps

    /// Step 1: inflectional endings. The longest matching suffix is chosen first; if its condition fails,
    /// no shorter suffix is tried.
    mutating func step1() {
        if hasSuffix("erinnen") {
            deleteInR1(7)
        } else if hasSuffix("erin") {
            deleteInR1(4)
        } else if hasSuffix("ern") {
            deleteInR1(3)
        } else if hasSuffix("lns") {
            if inR1(3) { delete(2) }  // -lns → -l
        } else if hasSuffix("em") {
            if !ends(at: count - 2, with: "syst") { deleteInR1(2) }
        } else if hasSuffix("er") {
            deleteInR1(2)
        } else if hasSuffix("en") || hasSuffix("es") {
            deleteInR1ThenNiss(2)
        } else if hasSuffix("ln") {
            if inR1(2) { delete(1) }  // -ln → -l
        } else if hasSuffix("e") {
            deleteInR1ThenNiss(1)
        } else if hasSuffix("s") {
            if let before = letter(before: 1), isSEnding(before) { deleteInR1(1) }
        }
    }

    private mutating func deleteInR1(_ length: Int) {
        if inR1(length) { delete(length) }
    }

    /// Deletes `-e`, `-en`, `-es` in R1; a stem left ending in `-niss` loses its last `s`.
    private mutating func deleteInR1ThenNiss(_ length: Int) {
        guard inR1(length) else { return }
        delete(length)
        if hasSuffix("niss") { delete(1) }
    }

    /// Step 2: further inflectional endings, all in R1.
    mutating func step2() {
        if hasSuffix("est") {
            deleteInR1(3)
        } else if hasSuffix("en") || hasSuffix("er") {
            deleteInR1(2)
        } else if hasSuffix("st") {
            // The st-ending must itself have at least three letters before it.
            if count >= 6, let before = letter(before: 2), isSTEnding(before) { deleteInR1(2) }
        } else if hasSuffix("et") {
            let rest = count - 2
            if let before = letter(before: 2), isETEnding(before), !ends(at: rest, with: "geordn"),
                !ends(at: rest, with: "intern"), !ends(at: rest, with: "plan"), !ends(at: rest, with: "tick"),
                !ends(at: rest, with: "tr")
            {
                deleteInR1(2)
            }
        }
    }

    /// Step 3: derivational suffixes, mostly in R2.
    mutating func step3() {
        if hasSuffix("isch") {
            deleteInR2NotAfterE(4)
        } else if hasSuffix("lich") || hasSuffix("heit") {
            guard inR2(4) else { return }
            delete(4)
            if hasSuffix("er") || hasSuffix("en") { deleteInR1(2) }
        } else if hasSuffix("keit") {
            guard inR2(4) else { return }
            delete(4)
            if hasSuffix("lich") {
                deleteInR2(4)
            } else if hasSuffix("ig") {
                deleteInR2(2)
            }
        } else if hasSuffix("end") || hasSuffix("ung") {
            guard inR2(3) else { return }
            delete(3)
            if hasSuffix("ig") { deleteInR2NotAfterE(2) }
        } else if hasSuffix("ig") || hasSuffix("ik") {
            deleteInR2NotAfterE(2)
        }
    }

    private mutating func deleteInR2(_ length: Int) {
        if inR2(length) { delete(length) }
    }

    private mutating func deleteInR2NotAfterE(_ length: Int) {
        if inR2(length) && letter(before: length) != ascii("e") { delete(length) }
    }

    /// Step 4: the apostrophe of proper nouns (`Andrea's`, `Einstein'sche`, `Bordeaux'`).
    mutating func step4() {
        if hasSuffix("'sch") {
            if count >= 6 { delete(4) }
        } else if hasSuffix("'s") {
            if count >= 4 { delete(2) }
        } else if hasSuffix("'") {
            if count >= 3 { delete(1) }
        }
    }

    // MARK: Postlude

    /// Unmarks `U`/`Y`, removes the umlauts and encodes the stem as a string.
    func postlude(capacity: Int) -> String {
        String(unsafeUninitializedCapacity: capacity) { utf8 in
            var written = 0
            for index in 0..<count {
                let scalar: UInt32
                switch base[index] {
                case markedU, uUmlaut: scalar = ascii("u")
                case markedY: scalar = ascii("y")
                case aUmlaut: scalar = ascii("a")
                case oUmlaut: scalar = ascii("o")
                case let other: scalar = other
                }
                // UTF-8 encoding of a valid scalar value.
                if scalar < 0x80 {
                    utf8[written] = UInt8(scalar)
                    written += 1
                } else if scalar < 0x800 {
                    utf8[written] = UInt8(0xC0 | (scalar >> 6))
                    utf8[written + 1] = UInt8(0x80 | (scalar & 0x3F))
                    written += 2
                } else if scalar < 0x1_0000 {
                    utf8[written] = UInt8(0xE0 | (scalar >> 12))
                    utf8[written + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    utf8[written + 2] = UInt8(0x80 | (scalar & 0x3F))
                    written += 3
                } else {
                    utf8[written] = UInt8(0xF0 | (scalar >> 18))
                    utf8[written + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
                    utf8[written + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    utf8[written + 3] = UInt8(0x80 | (scalar & 0x3F))
                    written += 4
                }
            }
            return written
        }
    }
}
