using QRCoder;

namespace ProctorWeb.Exams;

public static class InvitationQr
{
    /// <summary>A PNG data URI, so the page needs no extra request (and no script) per student.</summary>
    public static string DataUri(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(4);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
