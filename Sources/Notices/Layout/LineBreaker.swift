/// Greedy line breaking on spaces with the real advance widths of the font.
///
/// A line break in the text (`\n`) forces a new line; a word wider than the line is broken between
/// characters. No hyphenation, no kerning.
public enum LineBreaker {
    /// The lines of `text` set in `font` at `size` points, each at most `width` points wide.
    public static func wrap(_ text: String, font: Font, size: Double, width: Double) -> [Substring] {
        let maximum = Int((width * Double(font.unitsPerEm) / size).rounded(.down))
        let space = font.advance(of: font.glyph(for: " "))
        var lines: [Substring] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            wrap(paragraph, font: font, maximum: maximum, space: space, into: &lines)
        }
        return lines
    }

    private static func wrap(
        _ paragraph: Substring, font: Font, maximum: Int, space: Int, into lines: inout [Substring]
    ) {
        var lineStart: Substring.Index?
        var lineEnd = paragraph.startIndex
        var lineWidth = 0
        for word in paragraph.split(separator: " ") {
            var wordWidth = 0
            for scalar in word.unicodeScalars { wordWidth += font.advance(of: font.glyph(for: scalar)) }
            if lineStart != nil, lineWidth + space + wordWidth <= maximum {
                lineWidth += space + wordWidth
                lineEnd = word.endIndex
                continue
            }
            if let start = lineStart { lines.append(paragraph[start..<lineEnd]) }
            if wordWidth <= maximum {
                lineStart = word.startIndex
                lineEnd = word.endIndex
                lineWidth = wordWidth
            } else {
                // Break an overlong word between characters; its last piece starts the next line.
                var pieceStart = word.startIndex
                var pieceWidth = 0
                var index = word.startIndex
                while index < word.endIndex {
                    let scalar = word.unicodeScalars[index]
                    let advance = font.advance(of: font.glyph(for: scalar))
                    if pieceWidth + advance > maximum, index > pieceStart {
                        lines.append(Substring(word.unicodeScalars[pieceStart..<index]))
                        pieceStart = index
                        pieceWidth = 0
                    }
                    pieceWidth += advance
                    index = word.unicodeScalars.index(after: index)
                }
                lineStart = pieceStart
                lineEnd = word.endIndex
                lineWidth = pieceWidth
            }
        }
        if let start = lineStart {
            lines.append(paragraph[start..<lineEnd])
        } else {
            lines.append(paragraph[paragraph.startIndex..<paragraph.startIndex])
        }
    }
}
