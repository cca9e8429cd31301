using System.Globalization;
using System.Text;
using QRCoder;

namespace ProctorWeb.Accounts;

/// <summary>
/// A QR code as an inline SVG: one path of dark squares on a white square, drawn with presentation attributes only,
/// since the CSP allows no style attribute and no inline script. Server-side, so the secret never goes to a script.
/// </summary>
public static class QrSvg
{
    public static string Render(string text, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var size = data.ModuleMatrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (data.ModuleMatrix[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x},{y}h1v1h-1z");
                }
            }
        }
        var encodedLabel = System.Net.WebUtility.HtmlEncode(label);
        // The matrix includes the quiet zone scanners need around the code.
        return $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size * 5}" height="{size * 5}" role="img" aria-label="{encodedLabel}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>""";
    }
}
