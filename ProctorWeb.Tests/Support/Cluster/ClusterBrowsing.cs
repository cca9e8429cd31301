using System.Net;

namespace ProctorWeb.Tests.Support.Cluster;

/// <summary>What a browser does against the cluster, over plain HTTP: sign in, redeem a personal link.</summary>
public static class ClusterBrowsing
{
    public static TestUser AsUser(this SeededTeacher teacher) => new(teacher.Id, teacher.Email, teacher.Password, teacher.Name);

    public static TestUser AsUser(this SeededStudent student) => new(student.RosterId.ToString(), "", "", student.Name);

    /// <summary>Signs in by the real form at <paramref name="baseUri"/> (nginx or one node); the cookies work on every node.</summary>
    public static async Task<CookieContainer> SignInAsync(Uri baseUri, SeededTeacher user)
    {
        var cookies = new CookieContainer();
        using var browser = TestCluster.Browser(baseUri, cookies);
        var signedIn = await Forms.PostAsync(browser, "/Account/Login", new() { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.DoesNotContain("/Account/Login", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        return cookies;
    }

    /// <summary>Opens the personal link and consents, as the student's browser does: its invitation cookie is then set.</summary>
    public static async Task<CookieContainer> RedeemAsync(Uri baseUri, SeededStudent student)
    {
        var cookies = new CookieContainer();
        using var browser = TestCluster.Browser(baseUri, cookies);
        var consented = await Forms.PostAsync(browser, student.JoinPath, new() { ["Agree"] = "true" });
        Assert.Equal(HttpStatusCode.OK, consented.StatusCode);
        Assert.EndsWith("/Join/Room", consented.RequestMessage!.RequestUri!.AbsolutePath);
        return cookies;
    }
}
