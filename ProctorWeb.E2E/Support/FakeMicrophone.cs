namespace ProctorWeb.E2E.Support;

/// <summary>Sound for Chromium's fake microphone: a steady tone is a voice that never stops.</summary>
public static class FakeMicrophone
{
    /// <summary>Writes a 16-bit mono PCM WAV of a sine tone; Chromium loops it.</summary>
    public static string WriteTone(string directory, double frequency = 440, double amplitude = 0.5, int seconds = 2, int sampleRate = 48_000)
    {
        var path = Path.Combine(directory, $"tone-{frequency}-{amplitude}.wav");
        var samples = seconds * sampleRate;
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + samples * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(sampleRate);
        writer.Write(sampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            writer.Write((short)(amplitude * short.MaxValue * Math.Sin(2 * Math.PI * frequency * i / sampleRate)));
        }
        return path;
    }
}
