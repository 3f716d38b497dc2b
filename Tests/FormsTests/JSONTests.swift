import Forms
import Foundation
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    @Test(
        "valid documents",
        arguments: [
            ("null", FormValue.null),
            ("true", .bool(true)),
            (" false ", .bool(false)),
            ("0", .num("0")),
            ("-0", .num("0")),
            ("12", .num("12")),
            ("-12.50", .num("-12.5")),
            ("1e3", .num("1000")),
            ("1E+3", .num("1000")),
            ("2.5e-3", .num("0.0025")),
            ("\"\"", .string("")),
            ("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", .string("a\"b\\c/d\u{8}\u{C}\n\r\t")),
            ("\"\\u00e4\\u20AC\"", .string("ä€")),
            ("\"\\ud83d\\ude00\"", .string("😀")),
            ("\"Grüße 😀\"", .string("Grüße 😀")),
            ("\"\\u0000\"", .string("\u{0}")),
            ("[]", .array([])),
            ("{}", .object([:])),
            ("[1,\"a\",null,[{}]]", .array([1, "a", .null, .array([.object([:])])])),
            ("{\"a\":{\"b\":[true]},\"c\":null}", .object(["a": ["b": [true]], "c": .null])),
            (" \t\r\n{ \"a\" : 1 } \n", .object(["a": 1])),
        ] as [(String, FormValue)])
    func valid(text: String, expected: FormValue) throws {
        #expect(try FormValue.parse(text.utf8) == expected)
    }

    @Test(
        "invalid documents",
        arguments: [
            "", " ", "{", "[", "]", "[1,]", "[,1]", "{\"a\":1,}", "{,}", "{\"a\":1,\"a\":2}", "01", "-01", "1.", ".5",
            "+1", "-", "1e", "1e+", "NaN", "Infinity", "-Infinity", "\"\\x\"", "\"a\tb\"", "\"a\nb\"", "\"\\uD800\"",
            "\"\\uDC00\"", "\"\\uD800\\u0041\"", "\"\\uD800x\"", "\"\\u12\"", "\"\\u12G4\"", "[1 2]", "{'a':1}",
            "{a:1}", "// c\n1", "/* c */ 1", "tru", "nul", "True", "1 2", "{\"a\" 1}", "{\"a\":}", "\"abc", "[1]]",
            "\u{FEFF}1", "\u{00A0}1",
        ])
    func invalid(text: String) {
        #expect(throws: JSONSyntaxError.self) { try FormValue.parse(text.utf8) }
    }

    @Test(
        "invalid UTF-8 is rejected",
        arguments: [
            [0x22, 0xC3, 0x28, 0x22],  // bad continuation
            [0x22, 0xC0, 0xAF, 0x22],  // overlong "/"
            [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // encoded surrogate
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
            [0x22, 0xFF, 0x22],
            [0x22, 0xE2, 0x82, 0x22],  // truncated
            [0x5B, 0xC3, 0xA4, 0x5D],  // non-ASCII outside a string
        ] as [[UInt8]])
    func invalidUTF8(bytes: [UInt8]) {
        #expect(throws: JSONSyntaxError.self) { try FormValue.parse(bytes) }
    }

    @Test func errorsCarryMessageAndByteOffset() {
        #expect(throws: JSONSyntaxError(message: "trailing comma in array", offset: 3)) {
            try FormValue.parse("[1,]".utf8)
        }
        #expect(throws: JSONSyntaxError(message: "duplicate key \"a\"", offset: 8)) {
            try FormValue.parse("{\"a\":1, \"a\":2}".utf8)
        }
        #expect(throws: JSONSyntaxError(message: "control character in string", offset: 4)) {
            try FormValue.parse("[\"ab\u{1}\"]".utf8)
        }
        #expect(throws: JSONSyntaxError(message: "lone high surrogate", offset: 1)) {
            try FormValue.parse(#""\uD83D""#.utf8)
        }
    }

    @Test func decimalsStayExact() throws {
        let value = try FormValue.parse("[0.1, 0.2, 0.3, 1234.50, 0.07]".utf8)
        let numbers = try #require(value.arrayValue).compactMap { $0.decimalValue }
        #expect(numbers[0] == Decimal.d("0.1"))
        #expect(numbers[0] + numbers[1] == numbers[2])  // false with binary floating point
        #expect(numbers[3] == Decimal(123_450) / 100)
        #expect(FormValue.number(numbers[4]).jsonString() == "0.07")
        #expect(numbers[0] + numbers[1] != Decimal.d("0.30000000000000004"))  // what Double arithmetic gives
    }

    @Test func thirtyEightDigitsAreExact() throws {
        let text = "12345678901234567890123456789012345678"
        #expect(try FormValue.parse(text.utf8).jsonString() == text)
        #expect(
            try FormValue.parse("-0.00000000000000000000000000000000000001".utf8).jsonString()
                == "-0.00000000000000000000000000000000000001")
        #expect(try FormValue.parse("1.5000000000000000000000000000000000000000000".utf8) == .num("1.5"))
    }

    /// Decision: numbers `Decimal` cannot hold exactly are rejected, never rounded.
    @Test(
        "numbers out of exact range are rejected",
        arguments: [
            "1e400", "-1e400", "1e-400", "1e128", "123456789012345678901234567890123456789",
            "0.1234567890123456789012345678901234567891",
        ])
    func outOfRange(text: String) {
        #expect(throws: JSONSyntaxError.self) { try FormValue.parse(text.utf8) }
    }

    @Test("zero with any exponent is zero", arguments: ["0e400", "0.000e-999999999999", "-0.0"])
    func zeroExponent(text: String) throws {
        #expect(try FormValue.parse(text.utf8) == .num("0"))
    }

    @Test func nestingDepthIsLimited() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try FormValue.parse(ok.utf8) }
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONSyntaxError.self) { try FormValue.parse(tooDeep.utf8) }
        let objects = String(repeating: "{\"a\":", count: 65) + "1" + String(repeating: "}", count: 65)
        #expect(throws: JSONSyntaxError.self) { try FormValue.parse(objects.utf8) }
        let hostile = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try FormValue.parse(hostile.utf8) }
    }

    @Test func acceptsDataArraysAndNonContiguousCollections() throws {
        let text = "{\"a\":[1,2]}"
        let expected: FormValue = ["a": [1, 2]]
        #expect(try FormValue.parse(Data(text.utf8)) == expected)
        #expect(try FormValue.parse(Array(text.utf8)) == expected)
        #expect(try FormValue.parse(text.utf8.lazy.map { $0 }) == expected)
        #expect(try FormValue.parse(Data(text.utf8)[1...3]) == "a")  // a slice with a non-zero start index
    }

    @Test func accessors() {
        let value: FormValue = ["s": "x", "n": 5, "b": true, "a": [1, nil], "o": [:], "z": nil]
        #expect(value["s"]?.stringValue == "x")
        #expect(value["n"]?.decimalValue == 5)
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?[1]?.isNull == true)
        #expect(value["a"]?[2] == nil)
        #expect(value["o"]?.objectValue?.isEmpty == true)
        #expect(value["missing"] == nil)
        #expect(value["s"]?.decimalValue == nil)
        #expect(value.removingNulls().objectValue?.keys.sorted() == ["a", "b", "n", "o", "s"])
        #expect(value.removingNulls()["a"] == [1, nil])
    }
}

@Suite("Canonical JSON")
struct CanonicalJSONTests {
    @Test func sortedKeysNoWhitespacePlainNumbers() {
        let value = FormValue.json(#"{ "b" : 1.50, "a" : [ true , null , "x" ], "c": 1e3, "d": -2.5E-5 }"#)
        #expect(value.jsonString() == #"{"a":[true,null,"x"],"b":1.5,"c":1000,"d":-0.000025}"#)
    }

    @Test func equalValuesGiveIdenticalBytes() {
        let a = FormValue.json(#"{"x": {"q": 10, "p": "ü"}, "y": [1.0, 2]}"#)
        let b = FormValue.json("{\"y\":[1,2.000],\"x\":{\"p\":\"\\u00fc\",\"q\":1e1}}")
        #expect(a.jsonData() == b.jsonData())
    }

    @Test func keysSortByCodePoint() {
        let value: FormValue = ["é": 1, "z": 2, "Z": 3, "a": 4, "aa": 5, "😀": 6, "ﬀ": 7]
        #expect(value.jsonString() == #"{"Z":3,"a":4,"aa":5,"z":2,"é":1,"ﬀ":7,"😀":6}"#)
    }

    @Test func stringEscaping() {
        let value = FormValue.string("\"\\/\u{8}\u{C}\n\r\t\u{1}\u{1F}\u{7F}ä€😀\u{2028}")
        #expect(value.jsonString() == "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\u{7F}ä€😀\u{2028}\"")
    }

    @Test func roundTripCorpus() throws {
        let corpus = [
            #"{"a":[1,2,{"b":null}],"c":"d\n","e":-0.001,"f":123456789012345678901234567890,"g":false}"#,
            "[]", "{}", "\"\\u0000\"", "-12.5", "[[[[[]]]]]", #"{"":""}"#,
        ]
        for text in corpus {
            let value = try FormValue.parse(text.utf8)
            let data = value.jsonData()
            #expect(try FormValue.parse(data) == value)
            #expect(try FormValue.parse(data).jsonData() == data)
            #expect(try FormValue.parse(value.jsonData(sortedKeys: false)) == value)
        }
    }

    @Test func randomRoundTrip() throws {
        var rng = SeededRNG(seed: 7)
        for _ in 0..<300 {
            let value = RandomJSON.value(&rng, depth: 0)
            let data = value.jsonData()
            let parsed = try FormValue.parse(data)
            #expect(parsed == value)
            #expect(parsed.jsonData() == data)
        }
    }

    @Test func nanIsWrittenAsNull() {
        #expect(FormValue.array([.number(.nan)]).jsonString() == "[null]")
    }
}

/// Random JSON values for round-trip tests.
enum RandomJSON {
    static func value(_ rng: inout SeededRNG, depth: Int) -> FormValue {
        switch rng.next(depth > 3 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(rng.next(2) == 0)
        case 2: return .number(number(&rng))
        case 3: return .string(string(&rng))
        case 4: return .array((0..<rng.next(4)).map { _ in value(&rng, depth: depth + 1) })
        default:
            var members: [String: FormValue] = [:]
            for _ in 0..<rng.next(4) { members[string(&rng)] = value(&rng, depth: depth + 1) }
            return .object(members)
        }
    }

    static func number(_ rng: inout SeededRNG) -> Decimal {
        let mantissa = Int64(rng.next(2_000_000_000)) - 1_000_000_000
        let exponent = rng.next(21) - 10
        return Decimal(
            sign: mantissa < 0 ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa.magnitude))
    }

    static func string(_ rng: inout SeededRNG) -> String {
        let alphabet: [Unicode.Scalar] = [
            "a", "Z", "0", " ", "\"", "\\", "\n", "\u{1}", "ä", "€", "😀", "\u{2028}", "/",
        ]
        return String(String.UnicodeScalarView((0..<rng.next(6)).map { _ in alphabet[rng.next(alphabet.count)] }))
    }
}

/// SplitMix64: small, deterministic, good enough for test data.
struct SeededRNG: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A number in 0..<bound.
    mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
