using SkiaSharp;

namespace ProctorWeb.Admission;

/// <summary>
/// Turns the bytes a student's page uploads into a photo we are willing to keep: JPEG or WebP by their content
/// (not their name or declared type), decodable, of a camera's size, then encoded again as a fresh JPEG, so
/// nothing of the upload but its pixels (no metadata, no trailing bytes) is stored or ever served to a proctor.
/// </summary>
public static class IdPhotoImage
{
    public const int MaxBytes = 512 * 1024;
    public const int MinSide = 120;
    public const int MaxSide = 1920;

    /// <param name="Refusal">Why the upload was refused, as English text with {0}-style holes: the key of its words in
    /// RoomText, to be said as <c>T[Refusal, RefusalArguments]</c> in the student's language.</param>
    public sealed record Result(byte[]? Jpeg, int Width, int Height, string? Refusal, object[]? RefusalArguments = null);

    public static Result Reencode(ReadOnlySpan<byte> upload)
    {
        if (upload.Length == 0)
        {
            return Refuse("The photo is empty. Take it again.");
        }
        if (upload.Length > MaxBytes)
        {
            return Refuse("The photo is larger than {0} KB. Take it again.", MaxBytes / 1024);
        }
        if (!IsJpeg(upload) && !IsWebP(upload))
        {
            return Refuse("Only a photo taken with your camera on this page (JPEG or WebP) is accepted.");
        }
        // The header first: a picture's size is checked before any pixel is decoded, so no small upload can ask for a huge bitmap.
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Webp))
        {
            return Refuse("The photo could not be read. Take it again.");
        }
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width < MinSide || height < MinSide || width > MaxSide || height > MaxSide)
        {
            return Refuse("The photo must be between {0} and {1} pixels on each side.", MinSide, MaxSide);
        }
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (codec.GetPixels(bitmap.Info, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            return Refuse("The photo could not be read. Take it again.");
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return new Result(encoded.ToArray(), width, height, null);
    }

    // JPEG starts with a start-of-image marker followed by another marker.
    private static bool IsJpeg(ReadOnlySpan<byte> b) => b.Length > 4 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;

    private static bool IsWebP(ReadOnlySpan<byte> b) => b.Length > 16 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8);

    private static Result Refuse(string why, params object[] arguments) => new(null, 0, 0, why, arguments);
}
