using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Exams;

public sealed class InvitationCodesTests : IDisposable
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"proctorweb-key-{Guid.NewGuid():N}", "invitation.key");

    private InvitationCodes Codes(string? keyFile = null, string? key = null, bool cluster = false) =>
        new(Options.Create(new ExamOptions { InvitationKeyFile = keyFile ?? _keyFile, InvitationKey = key }),
            Options.Create(new ProctorWeb.Cluster.ClusterOptions { Redis = cluster ? "127.0.0.1:1" : null, Node = "a", Address = "127.0.0.1:5001" }),
            new HostingEnvironment { ContentRootPath = Path.GetTempPath() });

    [Fact]
    public void InClusterModeAMissingKeyIsNeverMadeAndTheAppIsToldHowToProvisionOne()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Codes(cluster: true));

        Assert.Contains("Exams:InvitationKey", refused.Message);
        Assert.False(File.Exists(_keyFile));
    }

    [Fact]
    public void AKeyFromConfigurationGivesEveryNodeTheSameLinksAsItsFileWould()
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(Path.GetDirectoryName(_keyFile)!);
        File.WriteAllBytes(_keyFile, key);
        var nonce = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

        var fromFile = Codes(cluster: true).SecretFor(nonce);
        var nodeA = Codes(keyFile: _keyFile + ".absent", key: Convert.ToBase64String(key), cluster: true).SecretFor(nonce);
        var nodeB = Codes(keyFile: _keyFile + ".absent", key: Convert.ToBase64String(key), cluster: true).SecretFor(nonce);

        Assert.Equal(fromFile, nodeA);
        Assert.Equal(nodeA, nodeB);
        Assert.Throws<InvalidOperationException>(() => Codes(key: Convert.ToBase64String(new byte[16])));
    }

    public void Dispose()
    {
        if (Directory.Exists(Path.GetDirectoryName(_keyFile)))
        {
            Directory.Delete(Path.GetDirectoryName(_keyFile)!, recursive: true);
        }
    }

    [Fact]
    public void ANewInvitationsHashIsTheSha256OfItsUrlSafeSecret()
    {
        var codes = Codes();

        var (nonce, hash) = codes.NewInvitation();
        var secret = codes.SecretFor(nonce);

        Assert.Equal(32, nonce.Length);
        Assert.True(InvitationCodes.LooksLikeSecret(secret), secret);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), hash);
        Assert.Equal(hash, InvitationCodes.HashOf(secret));
    }

    [Fact]
    public void EachInvitationGetsItsOwnSecret()
    {
        var codes = Codes();

        var secrets = Enumerable.Range(0, 20).Select(_ => codes.SecretFor(codes.NewInvitation().Nonce)).ToHashSet();

        Assert.Equal(20, secrets.Count);
    }

    [Fact]
    public void TheKeyIsCreatedOnceSoLinksStayTheSameAfterARestart()
    {
        var nonce = RandomNumberGenerator.GetBytes(32);

        var first = Codes().SecretFor(nonce);
        var afterRestart = Codes().SecretFor(nonce);

        Assert.Equal(first, afterRestart);
        Assert.Equal(32, File.ReadAllBytes(_keyFile).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_keyFile));
        }
    }

    [Fact]
    public void AnotherKeyGivesOtherLinksForTheSameNonce()
    {
        var nonce = RandomNumberGenerator.GetBytes(32);
        var otherKey = Path.Combine(Path.GetDirectoryName(_keyFile)!, "other.key");

        Assert.NotEqual(Codes().SecretFor(nonce), Codes(otherKey).SecretFor(nonce));
    }

    [Fact]
    public void ADamagedKeyFileStopsWithAClearMessageInsteadOfBeingReplaced()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_keyFile)!);
        File.WriteAllBytes(_keyFile, new byte[10]);

        var thrown = Assert.Throws<InvalidOperationException>(() => Codes());

        Assert.Contains("is damaged", thrown.Message);
        Assert.Equal(10, File.ReadAllBytes(_keyFile).Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAé")]
    public void OnlyFortyThreeUrlSafeCharactersLookLikeASecret(string? candidate)
    {
        Assert.False(InvitationCodes.LooksLikeSecret(candidate));
        Assert.True(InvitationCodes.LooksLikeSecret(new string('A', 42) + "_"));
    }

    [Fact]
    public async Task TheTestAppKeepsItsKeyInItsOwnTemporaryFile()
    {
        await using var app = new ProctorWebApplication();
        var owner = await app.CreateUserAsync("Tess", ProctorWeb.Data.Roles.Teacher);
        var examId = await app.CreateExamAsync(owner, TimeSpan.FromDays(1));

        var invitation = await app.InviteAsync(examId, "Ada");

        // The app made the key where the test app's configuration said, and links derive from it.
        var key = await File.ReadAllBytesAsync(app.InvitationKeyPath);
        var nonce = await app.WithServiceAsync<byte[], ProctorWeb.Data.AppDbContext>(db => Task.FromResult(db.Roster.Single().InvitationNonce));
        Assert.Equal(invitation.Secret, Convert.ToBase64String(HMACSHA256.HashData(key, nonce)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
    }
}
