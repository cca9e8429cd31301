using System.Net;
using System.Net.Http.Headers;
using SkiaSharp;

namespace ProctorWeb.Tests.Support;

/// <summary>Pictures as a student's page makes them, and the upload the page sends.</summary>
public static class TestPhotos
{
    /// <summary>A picture of one colour with a lighter square in it, encoded as the camera canvas would be.</summary>
    public static byte[] Encode(int width = 640, int height = 360, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg, SKColor? colour = null)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(colour ?? new SKColor(40, 90, 160));
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(width / 4f, height / 4f, width / 4f, height / 4f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>Posts one photo to the exam room's photo handler, as idCheckStep.js does, with the page's antiforgery token.</summary>
    /// <param name="token">The page's antiforgery token, when the test fetched it earlier (before the exam closed).</param>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient student, string kind, byte[] bytes, string fileName = "photo.jpg", string? token = null)
    {
        token ??= await Forms.GetAntiforgeryTokenAsync(student, "/Join/Room");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(kind), "kind" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "photo", fileName);
        return await student.PostAsync("/Join/Room?handler=Photo", form);
    }

    public static void AssertStored(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The photo was refused: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
}
