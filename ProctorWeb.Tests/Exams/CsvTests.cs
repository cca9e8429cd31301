using System.Text;
using ProctorWeb.Exams;

namespace ProctorWeb.Tests.Exams;

public class CsvTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("Lovelace, Ada", "\"Lovelace, Ada\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\r\nlf", "\"cr\r\nlf\"")]
    [InlineData("", "\"\"")]
    public void EveryTextCellIsQuotedSoNoReaderGuessesWhereItEnds(string text, string expected)
    {
        Assert.Equal(expected, Csv.Cell(text));
    }

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+44 20", "\"'+44 20\"")]
    [InlineData("-2", "\"'-2\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1+1", "\"'\t=1+1\"")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("  =1+1", "\"  '=1+1\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("a=b", "\"a=b\"")]
    public void TextThatASpreadsheetWouldRunAsAFormulaIsDefused(string text, string expected)
    {
        Assert.Equal(expected, Csv.Cell(text));
    }

    [Theory]
    // Excel in much of Europe splits on ';': the quotes around the whole cell do not stop it.
    [InlineData("a;=HYPERLINK(\"http://evil\")", "\"a;'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("Ada; +44 20", "\"Ada; '+44 20\"")]
    [InlineData("x,@SUM(A1)", "\"x,'@SUM(A1)\"")]
    [InlineData("a;;-1", "\"a;;'-1\"")]
    [InlineData("a;b=c", "\"a;b=c\"")]
    public void AFormulaAfterASemicolonOrCommaInsideACellIsDefusedToo(string text, string expected)
    {
        Assert.Equal(expected, Csv.Cell(text));
    }

    [Fact]
    public void NumbersDatesAndEmptyCellsAreWrittenAsValues()
    {
        var line = new Csv().Row([-3, 12L, 1.5, null, new DateTime(2026, 11, 22, 10, 4, 5, DateTimeKind.Utc)]).ToString();

        Assert.Equal("-3,12,1.5,,2026-11-22T10:04:05Z\r\n", line);
    }

    [Fact]
    public void TheFileIsUtf8WithAByteOrderMarkAndCrlfLines()
    {
        var bytes = new Csv().Row(["Zoë", "x"]).Row(["y", "z"]).ToBytes();

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("\"Zoë\",\"x\"\r\n\"y\",\"z\"\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }
}
