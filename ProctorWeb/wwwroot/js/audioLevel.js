// The microphone's level: the one measurement behind the device check's meter and the voice flag.

/** Root mean square of audio samples (−1…1). */
export function rms(samples) {
    let sum = 0;
    for (const x of samples) sum += x * x;
    return Math.sqrt(sum / samples.length);
}

/**
 * Listens to an audio track without playing it; `read()` gives the level (RMS) of its latest
 * 1024 samples. `latencyHint` 'playback' picks the largest buffers, which wake the audio thread
 * least often, for a measurement that runs as long as an exam.
 */
export function measureAudioLevel(track, { latencyHint = 'interactive' } = {}) {
    const context = new AudioContext({ latencyHint });
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    // A context created before any click starts suspended in some browsers.
    context.resume().catch(() => {});
    const samples = new Float32Array(analyser.fftSize);
    return {
        read() {
            analyser.getFloatTimeDomainData(samples);
            return rms(samples);
        },
        stop() {
            context.close().catch(() => {});
        },
    };
}
