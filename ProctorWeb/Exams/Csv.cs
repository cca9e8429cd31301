using System.Globalization;
using System.Text;

namespace ProctorWeb.Exams;

/// <summary>Writes RFC 4180 CSV that spreadsheets open safely.</summary>
public sealed class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private readonly StringBuilder _text = new();

    /// <summary>Text cells: always quoted, and defused wherever a spreadsheet could start reading a formula.</summary>
    public Csv Row(params IEnumerable<object?> cells)
    {
        _text.AppendJoin(',', cells.Select(Cell));
        // RFC 4180 ends records with CRLF, also the last one.
        _text.Append("\r\n");
        return this;
    }

    /// <summary>UTF-8 with a byte order mark: without it, Excel reads names with accents as mojibake.</summary>
    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    public override string ToString() => _text.ToString();

    public static string Cell(object? value) => value switch
    {
        null => "",
        string text => Quoted(Defused(text)),
        DateTime utc => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        // Numbers are written as numbers: a negative one is not a formula, and must stay a number.
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => Quoted(Defused(value.ToString() ?? "")),
    };

    // A name like "=HYPERLINK(...)" typed into a roster would otherwise run when the file is opened.
    // Tab and carriage return are on OWASP's list too: some spreadsheets skip them and then see the formula.
    private static bool StartsFormula(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// An apostrophe before every place a cell could begin: the start, and after each ',' or ';' (with any spaces),
    /// since a spreadsheet that guesses ';' as the separator (Excel in much of Europe) splits "a;=1+1" into two
    /// cells, the second a formula, whatever quotes we put around the whole.
    /// </summary>
    private static string Defused(string text)
    {
        var defused = new StringBuilder(text.Length + 2);
        var cellStart = true;
        foreach (var c in text)
        {
            if (cellStart && StartsFormula(c))
            {
                defused.Append('\'');
                cellStart = false;
            }
            else if (c is not ' ')
            {
                cellStart = false;
            }
            defused.Append(c);
            if (c is ',' or ';')
            {
                cellStart = true;
            }
        }
        return defused.ToString();
    }

    // Always quoted, so no reader has to guess where a text cell ends, whatever separator it assumes.
    private static string Quoted(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";
}
