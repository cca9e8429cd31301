using ProctorWeb.Evidence;

namespace ProctorWeb.Tests.Evidence;

public class ClipMimeTests
{
    [Theory]
    [InlineData("video/webm", "video/webm")]
    [InlineData("VIDEO/WebM", "video/webm")]
    [InlineData("video/webm;codecs=vp8,opus", "video/webm;codecs=\"vp8,opus\"")]
    [InlineData("video/webm; codecs=\"vp9, opus\"", "video/webm;codecs=\"vp9,opus\"")]
    [InlineData("video/webm;codecs=avc1.42E01E", "video/webm;codecs=\"avc1.42e01e\"")]
    public void WebMAsMediaRecorderNamesItIsAcceptedAndWrittenOneWay(string declared, string stored) =>
        Assert.Equal(stored, ClipMime.Normalize(declared));

    [Theory]
    [InlineData("video/mp4")]
    [InlineData("text/html")]
    [InlineData("video/webm;charset=utf-8")]
    [InlineData("video/webm;codecs=\"vp8\"\r\nX-Injected: 1")]
    [InlineData("video/webm;codecs=vp8;codecs=opus")]
    [InlineData("video/webmx")]
    [InlineData("")]
    public void AnyOtherTypeIsRefused(string declared) => Assert.Null(ClipMime.Normalize(declared));
}
