namespace ProctorWeb.E2E.Support;

/// <summary>Sound for Chromium's fake microphone: someone talking without end.</summary>
public static class FakeMicrophone
{
    /// <summary>
    /// Writes a 16-bit mono PCM WAV of speech-like sound that Chromium loops: syllables of 180 ms, each a voiced
    /// sound whose pitch moves (a fundamental of 80 to 240 Hz and its harmonics), with 70 ms of silence between
    /// them. A steady tone would not do: the browser's noise suppression takes it for a fan and fades it out.
    /// </summary>
    public static string WriteSpeech(string directory, double amplitude = 0.6, int seconds = 2, int sampleRate = 48_000)
    {
        var path = Path.Combine(directory, $"speech-{amplitude}.wav");
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
            writer.Write((short)(amplitude * short.MaxValue * Speech((double)i / sampleRate)));
        }
        return path;
    }

    private const double Syllable = 0.25;
    private const double Voiced = 0.18;

    /// <summary>The sound at <paramref name="t"/> seconds, between −1 and 1.</summary>
    private static double Speech(double t)
    {
        var syllable = (int)(t / Syllable);
        var within = t - syllable * Syllable;
        if (within > Voiced)
        {
            return 0;
        }
        var envelope = Math.Sin(Math.PI * within / Voiced);
        var pitch = 140 + 60 * Math.Sin(syllable * 1.7) + 40 * within / Voiced;
        var phase = 2 * Math.PI * pitch * t;
        return envelope * (0.6 * Math.Sin(phase) + 0.3 * Math.Sin(2 * phase) + 0.2 * Math.Sin(3 * phase) + 0.1 * Math.Sin(5 * phase)) / 1.2;
    }
}
