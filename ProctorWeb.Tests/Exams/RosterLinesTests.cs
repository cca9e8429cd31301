using ProctorWeb.Exams;

namespace ProctorWeb.Tests.Exams;

public class RosterLinesTests
{
    [Theory]
    [InlineData("Ada Lovelace, ada@example.org", "Ada Lovelace", "ada@example.org")]
    [InlineData("Ada Lovelace;ada@example.org", "Ada Lovelace", "ada@example.org")]
    [InlineData("Ada Lovelace\tada@example.org", "Ada Lovelace", "ada@example.org")]
    [InlineData("  Ada Lovelace ,   ada@example.org  ", "Ada Lovelace", "ada@example.org")]
    [InlineData("\"Ada Lovelace\",\"ada@example.org\"", "Ada Lovelace", "ada@example.org")]
    [InlineData("Ada Lovelace, <ada@example.org>", "Ada Lovelace", "ada@example.org")]
    // Only the last separator splits, so a "Last, First" name survives a comma or a tab export.
    [InlineData("\"Lovelace, Ada\", ada@example.org", "Lovelace, Ada", "ada@example.org")]
    [InlineData("Lovelace, Ada\tada@example.org", "Lovelace, Ada", "ada@example.org")]
    // Chinese keyboards type full-width separators (U+FF0C, U+FF1B) and an ideographic space (U+3000); names keep their characters.
    [InlineData("张伟，zhang.wei@example.org", "张伟", "zhang.wei@example.org")]
    [InlineData("Ｌｉ Ｗｅｉ；li.wei@example.org", "Ｌｉ Ｗｅｉ", "li.wei@example.org")]
    [InlineData("王小明\u3000，\u3000wang@example.org", "王小明", "wang@example.org")]
    [InlineData("王，小明；wang@example.org", "王，小明", "wang@example.org")]
    public void ALineGivesANameAndAnEmail(string line, string name, string email)
    {
        var (students, rejected) = RosterLines.Parse(line);

        Assert.Empty(rejected);
        Assert.Equal(new RosterLines.Student(name, email), Assert.Single(students));
    }

    [Fact]
    public void BlankLinesAreSkippedButStillCountForLineNumbers()
    {
        var (students, rejected) = RosterLines.Parse("\r\n   \r\nAda, ada@example.org\n\t\nnonsense\n");

        Assert.Equal(["ada@example.org"], students.Select(s => s.Email));
        Assert.Equal((5, "nonsense"), (Assert.Single(rejected).LineNumber, rejected[0].Line));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public void NothingToReadIsNeitherAStudentNorAnError(string? text)
    {
        var (students, rejected) = RosterLines.Parse(text);

        Assert.Empty(students);
        Assert.Empty(rejected);
    }

    [Theory]
    [InlineData("Ada Lovelace ada@example.org", "needs a name and an email separated by a comma")]
    [InlineData(", ada@example.org", "has no name")]
    [InlineData("\"\", ada@example.org", "has no name")]
    [InlineData("Ada, ", "has an email address that is not valid ('')")]
    [InlineData("Ada, ada@", "has an email address that is not valid ('ada@')")]
    [InlineData("Ada, ada.example.org", "has an email address that is not valid ('ada.example.org')")]
    [InlineData("Ada, ada@localhost", "has an email address that is not valid ('ada@localhost')")]
    [InlineData("Ada, ada@example.org, extra", "has an email address that is not valid ('extra')")]
    public void ABadLineIsRejectedWithItsReason(string line, string reason)
    {
        var (students, rejected) = RosterLines.Parse($"Grace, grace@example.org\n{line}");

        Assert.Equal(["grace@example.org"], students.Select(s => s.Email));
        Assert.Equal(new RosterLines.Rejected(2, line.Trim(), reason), Assert.Single(rejected));
    }

    [Fact]
    public void NamesMayHaveAHundredCharactersButNotMore()
    {
        var longest = new string('a', 100);
        var (students, rejected) = RosterLines.Parse($"{longest}, a@example.org\n{longest}b, b@example.org");

        Assert.Equal(longest, Assert.Single(students).Name);
        Assert.Equal((2, "has a name longer than 100 characters"), (Assert.Single(rejected).LineNumber, rejected[0].Reason));
    }

    [Fact]
    public void AnEmailTooLongForTheDatabaseIsRejected()
    {
        var email = new string('a', 64) + "@" + string.Join(".", Enumerable.Repeat(new string('b', 60), 4)) + ".org";
        Assert.True(email.Length > 256);

        var (students, rejected) = RosterLines.Parse($"Ada, {email}");

        Assert.Empty(students);
        Assert.StartsWith("has an email address that is not valid", Assert.Single(rejected).Reason);
    }

    [Fact]
    public void AnEmailRepeatedInAnyCaseKeepsOnlyTheFirstLine()
    {
        var (students, rejected) = RosterLines.Parse("Ada, ada@example.org\nBob, bob@example.org\nAda again, ADA@Example.org");

        Assert.Equal(["Ada", "Bob"], students.Select(s => s.Name));
        Assert.Equal(new RosterLines.Rejected(3, "Ada again, ADA@Example.org", "repeats an email given on an earlier line"), Assert.Single(rejected));
    }
}
