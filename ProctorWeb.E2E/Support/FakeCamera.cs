namespace ProctorWeb.E2E.Support;

/// <summary>Solid-colour camera pictures for Chromium's fake capture device, so a pixel proves whose camera arrived.</summary>
public static class FakeCamera
{
    public static readonly Rgb Red = new(230, 30, 30);
    public static readonly Rgb Blue = new(30, 60, 230);
    public static readonly Rgb Green = new(30, 200, 60);
    public static readonly Rgb Yellow = new(230, 200, 30);

    public static readonly Rgb Black = new(0, 0, 0);

    /// <summary>
    /// Writes a one-second 4:2:0 YUV4MPEG2 clip of one colour that Chromium loops at
    /// <paramref name="fps"/>. A small white block moves along the top edge, as a real picture never
    /// stands still (else it would count as frozen); the middle, where tests read the colour, stays solid.
    /// A clip that exists is reused: browsers already running read it, and rewriting it under them ends their camera.
    /// </summary>
    public static string Write(string directory, Rgb colour, int width = 320, int height = 240, int fps = 15)
    {
        var path = Path.Combine(directory, $"camera-{colour.R}-{colour.G}-{colour.B}-{width}x{height}-{fps}fps.y4m");
        if (File.Exists(path))
        {
            return path;
        }
        // Written aside and then renamed, so no browser ever opens half a clip.
        var partial = path + ".partial";
        using (var file = File.Create(partial))
        {
            WriteClip(file, colour, width, height, fps);
        }
        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static void WriteClip(Stream file, Rgb colour, int width, int height, int fps)
    {
        var frames = fps;
        var block = height / 8;
        var (y, u, v) = colour.ToYuv();
        using var writer = new BinaryWriter(file, System.Text.Encoding.ASCII, leaveOpen: true);
        writer.Write(System.Text.Encoding.ASCII.GetBytes($"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n"));
        var uPlane = Enumerable.Repeat(u, width * height / 4).ToArray();
        var vPlane = Enumerable.Repeat(v, width * height / 4).ToArray();
        for (var i = 0; i < frames; i++)
        {
            var lumaPlane = Enumerable.Repeat(y, width * height).ToArray();
            var left = i * (width - block) / Math.Max(1, frames - 1);
            for (var row = 0; row < block; row++)
            {
                Array.Fill(lumaPlane, (byte)255, row * width + left, block);
            }
            writer.Write(System.Text.Encoding.ASCII.GetBytes("FRAME\n"));
            writer.Write(lumaPlane);
            writer.Write(uPlane);
            writer.Write(vPlane);
        }
    }
}

public readonly record struct Rgb(int R, int G, int B)
{
    /// <summary>BT.601 full-range conversion, as C420jpeg means.</summary>
    public (byte Y, byte U, byte V) ToYuv()
    {
        static byte Clamp(double x) => (byte)Math.Clamp(Math.Round(x), 0, 255);
        return (Clamp(0.299 * R + 0.587 * G + 0.114 * B),
                Clamp(128 - 0.168736 * R - 0.331264 * G + 0.5 * B),
                Clamp(128 + 0.5 * R - 0.418688 * G - 0.081312 * B));
    }

    /// <summary>Close enough after encoding, decoding and colour conversion.</summary>
    public bool Resembles(Rgb seen, int tolerance = 60) =>
        Math.Abs(R - seen.R) <= tolerance && Math.Abs(G - seen.G) <= tolerance && Math.Abs(B - seen.B) <= tolerance;

    public override string ToString() => $"rgb({R}, {G}, {B})";
}
