import Testing

@testable import Payments

@Suite struct MoneyTests {
    @Test func formatsGermanAndPlain() {
        #expect(Money.german(1250) == "12,50 €")
        #expect(Money.german(5) == "0,05 €")
        #expect(Money.german(0) == "0,00 €")
        #expect(Money.german(123_456_789) == "1.234.567,89 €")
        #expect(Money.german(100_000) == "1.000,00 €")
        #expect(Money.german(-300) == "-3,00 €")
        #expect(Money.plain(1250) == "12.50")
        #expect(Money.plain(7) == "0.07")
        #expect(Money.plain(-1_234_567) == "-12345.67")
        #expect(Money.plain(Int.min) == "-92233720368547758.08")
    }

    @Test(arguments: [
        ("12.5", 1250), ("12,50", 1250), ("12", 1200), ("0,05", 5), (" 7,1 € ", 710), ("3 EUR", 300),
        ("1.234,50", 123_450), ("1,234.50", 123_450), ("1.234.567", 123_456_700), ("+4", 400),
    ])
    func parses(text: String, cents: Int) throws {
        #expect(try Money.parse(text) == cents)
    }

    @Test func parseErrorsAreSpecific() throws {
        #expect(throws: Money.ParseError.empty) { try Money.parse("  ") }
        #expect(throws: Money.ParseError.empty) { try Money.parse("€") }
        #expect(throws: Money.ParseError.invalidCharacter("a")) { try Money.parse("12a") }
        #expect(throws: Money.ParseError.tooManyFractionDigits("12.505")) { try Money.parse("12.505") }
        #expect(throws: Money.ParseError.tooManyFractionDigits("1.234")) { try Money.parse("1.234") }
        #expect(throws: Money.ParseError.misplacedSeparator("12.")) { try Money.parse("12.") }
        #expect(throws: Money.ParseError.misplacedSeparator(",50")) { try Money.parse(",50") }
        #expect(throws: Money.ParseError.misplacedSeparator("1.23,4.5")) { try Money.parse("1.23,4.5") }
        #expect(throws: Money.ParseError.misplacedSeparator("12,34.56")) { try Money.parse("12,34.56") }
        #expect(throws: Money.ParseError.negative("-5")) { try Money.parse("-5") }
        #expect(throws: Money.ParseError.tooLarge("99999999999999999999")) { try Money.parse("99999999999999999999") }
        #expect(try Money.parse("-5,25", allowNegative: true) == -525)
        #expect(Money.ParseError.invalidCharacter("a").description.contains("„a“"))
    }

    @Test func parseRoundTripsFormatting() throws {
        for cents in [0, 1, 99, 100, 1250, 99_999, 123_456_789] {
            #expect(try Money.parse(Money.plain(cents)) == cents)
            #expect(try Money.parse(Money.german(cents)) == cents)
        }
    }
}
