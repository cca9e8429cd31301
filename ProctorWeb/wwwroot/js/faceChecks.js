// Looking at faces in the student's own browser: how many are in view, which way the head is turned,
// and a description of the face to tell one person from another. Human (vladmandic/human) runs the
// models on the tfjs WASM backend; library, models and WASM are this app's own static files.

/** Where the vendored files are served (see libman.json). */
export const facePaths = {
    human: '/lib/vladmandic-human/dist/human.esm.js',
    models: '/lib/vladmandic-human/models/',
    wasm: '/lib/tensorflow-tfjs-backend-wasm/dist/',
};

// Larger pictures are halved (or more) for the checks that do not describe the face: BlazeFace looks
// at 256x256 whatever it is given, faces of 60 px still get their landmarks, and a 640x360 camera frame
// at 320x180 costs about a quarter less. A description is made from the picture as it is: from the
// first face at 640x360 the same face at 320x240 was 0.17 away and the second person 0.59, but 0.28
// and 0.55 when it was halved, and the man in profile went from 0.50 to 0.46, under the default limit.
const largestWidth = 320;

// Judged on the median of the latest checks, so one slow check (a busy moment) decides nothing.
const timingWindow = 9;
const timingsBeforeJudging = 5;

/**
 * Human's settings: only the face detector (BlazeFace), the mesh (FaceMesh, for the head's angles) and,
 * when asked for, the face description (faceres) are loaded and run; everything else is off.
 */
function humanConfig({ describe, paths = facePaths }) {
    return {
        // WebGL would run on a software rasterizer where there is no GPU (1.7 s a check); the CPU backend is slower still.
        backend: 'wasm',
        wasmPath: paths.wasm,
        modelBasePath: paths.models,
        // The browser's HTTP cache keeps the models; Human's own IndexedDB copy would be a second one.
        cacheModels: false,
        debug: false,
        async: true,
        warmup: 'none',
        // Every check looks at the frame afresh: no result reused from a similar earlier frame.
        cacheSensitivity: 0,
        skipAllowed: false,
        filter: { enabled: false },
        gesture: { enabled: false },
        body: { enabled: false },
        hand: { enabled: false },
        object: { enabled: false },
        segmentation: { enabled: false },
        face: {
            enabled: true,
            detector: {
                modelPath: 'blazeface.json',
                rotation: false,
                // More than one, or a second face could not be seen.
                maxDetected: 5,
                skipFrames: 0,
                skipTime: 0,
                // Every real face in the trials scored 0.64 or more; a cartoon face passed at 0.5.
                minConfidence: 0.6,
                return: false,
            },
            // A box whose landmarks do not make a face (a cup, a coin) is dropped.
            mesh: { enabled: true, modelPath: 'facemesh.json', keepInvalid: false },
            iris: { enabled: false },
            attention: { enabled: false },
            emotion: { enabled: false },
            antispoof: { enabled: false },
            liveness: { enabled: false },
            description: { enabled: describe, modelPath: 'faceres.json', skipFrames: 0, skipTime: 0 },
        },
    };
}

/**
 * Loads the library and models. Resolves to `{ checker }`, or to `{ problem, reason }` (a code for the exam hub, words for a person) when
 * the library, a model or the WASM backend cannot be had; it never rejects. `describe` also loads the
 * face description model (7 MB), which only the different-person check needs.
 */
export async function loadFaceChecks({ describe = false, slowMilliseconds = 500, paths = facePaths, timeoutMilliseconds = 120_000 } = {}) {
    let timer;
    const timeout = new Promise(resolve => {
        timer = setTimeout(() => resolve({ problem: 'load-failed', reason: `the face models did not load within ${Math.round(timeoutMilliseconds / 1000)} s` }), timeoutMilliseconds);
    });
    try {
        return await Promise.race([load(describe, slowMilliseconds, paths), timeout]);
    } catch (error) {
        return { problem: 'load-failed', reason: `the face checks could not start: ${error?.message ?? error}` };
    } finally {
        clearTimeout(timer);
    }
}

async function load(describe, slowMilliseconds, paths) {
    const { Human } = await import(paths.human);
    const human = new Human(humanConfig({ describe, paths }));
    await human.load();
    // Human logs failures instead of throwing them, and keeps an empty model for one that failed to load
    // (which hangs the first check): ask what it has, and how many bytes of weights each model got.
    const backend = human.tf.getBackend();
    if (backend !== 'wasm') return { problem: 'unsupported', reason: `the WASM backend could not start (backend: ${backend ?? 'none'})` };
    const needed = describe ? ['blazeface', 'facemesh', 'faceres'] : ['blazeface', 'facemesh'];
    const loaded = human.models.list().filter(model => model.loaded && model.size > 0).map(model => model.name);
    const missing = needed.filter(name => !loaded.includes(name));
    if (missing.length > 0) return { problem: 'load-failed', reason: `the face models could not be loaded (${missing.join(', ')})` };
    const checker = createChecker(human, describe, slowMilliseconds);
    // The first inference sets up the backend's buffers; it would skew the timings. (Human's own warm-up
    // fetches a data: URL, which the page's connect-src refuses.)
    await checker.inspect(blankFrame(), { timed: false });
    return { checker };
}

function createChecker(human, describe, slowMilliseconds) {
    const timings = [];
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const scaled = source => {
        const width = source.videoWidth ?? source.naturalWidth ?? source.width;
        const height = source.videoHeight ?? source.naturalHeight ?? source.height;
        if (!(width > largestWidth)) return source;
        canvas.width = largestWidth;
        canvas.height = Math.round(height * largestWidth / width);
        context.drawImage(source, 0, 0, canvas.width, canvas.height);
        return canvas;
    };
    const median = () => {
        const sorted = [...timings].sort((a, b) => a - b);
        return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)];
    };
    return {
        /** Whether this checker can describe faces (it loaded the description model). */
        describes: describe,
        /**
         * Looks at one picture (a playing video, an image, a canvas or an ImageBitmap). `yaw` is the head's
         * turn in degrees (positive and negative are the two sides) when there is exactly one face; `description`
         * is that face's description when asked for (`describe`, which costs about twice the rest of a check);
         * `milliseconds` is how long it took.
         */
        async inspect(source, { describe: describeNow = describe, timed = true } = {}) {
            const started = performance.now();
            // Per call, as Human keeps whatever a call's settings say for the calls after it.
            const describing = describe && describeNow;
            const result = await human.detect(describing ? source : scaled(source), { face: { description: { enabled: describing } } });
            const milliseconds = performance.now() - started;
            if (result.error) throw new Error(result.error);
            if (timed) {
                timings.push(milliseconds);
                if (timings.length > timingWindow) timings.shift();
            }
            const faces = result.face;
            const single = faces.length === 1 ? faces[0] : null;
            return {
                faces: faces.length,
                yaw: single?.rotation ? single.rotation.angle.yaw * 180 / Math.PI : null,
                description: describing && single?.embedding?.length ? Array.from(single.embedding) : null,
                milliseconds,
            };
        },
        /** How unlike two face descriptions are: 0 the same, 1 nothing alike (1 − Human's similarity). */
        distance(a, b) {
            return 1 - human.match.similarity(a, b);
        },
        /** The median time of the latest checks. */
        get medianMilliseconds() { return median(); },
        /** Why this device is too slow for the checks, or null while it keeps up. */
        get tooSlow() {
            if (timings.length < timingsBeforeJudging) return null;
            const ms = median();
            return ms > slowMilliseconds ? `each face check took ${Math.round(ms)} ms (more than ${slowMilliseconds} ms)` : null;
        },
    };
}

function blankFrame() {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 64;
    canvas.getContext('2d').fillRect(0, 0, 64, 64);
    return canvas;
}
