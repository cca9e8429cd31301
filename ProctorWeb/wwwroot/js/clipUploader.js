// Sends clips to the server in chunks, one clip at a time, resuming where the server says it got to.

/**
 * A lost connection, a server restarting or a 5xx only delays a clip: the same chunk is sent again
 * after a pause (the server writes a chunk only where its received bytes end, so a chunk that did
 * land is not written twice). A refusal (4xx) ends that clip: `onRefused(words, code, clip)` hears
 * the server's words and its code, if any; the server keeps nothing of a clip that never became
 * whole where a proctor could see it.
 */
export function createClipUploader({ url, token, chunkBytes, onRefused = () => {}, fetchImpl = (...args) => fetch(...args), pause = defaultPause }) {
    let queue = Promise.resolve();
    let closed = false;

    async function request(target, body, contentType) {
        for (let attempt = 0; ; attempt++) {
            if (closed) throw new Refused('The page stopped sending clips.');
            let response;
            try {
                response = await fetchImpl(target, {
                    method: 'POST', body, credentials: 'same-origin',
                    headers: { 'Content-Type': contentType, RequestVerificationToken: token },
                });
            } catch {
                await pause(attempt);
                continue;
            }
            if (response.status >= 500 || response.status === 429) {
                await pause(attempt);
                continue;
            }
            const answer = await response.json().catch(() => null);
            if (response.ok) return answer;
            // A gap or a repeat: the server says how much it has, and the upload goes on from there.
            if (response.status === 409 && typeof answer?.receivedBytes === 'number') return { conflict: answer.error, receivedBytes: answer.receivedBytes };
            throw new Refused(answer?.error ?? `The server refused the clip (${response.status}).`, answer?.code);
        }
    }

    async function send({ blob, mimeType, startedAtMs, endedAtMs, reason }) {
        const start = JSON.stringify({
            ...reason, mimeType, totalBytes: blob.size,
            startedAtUtc: new Date(startedAtMs).toISOString(), endedAtUtc: new Date(endedAtMs).toISOString(),
        });
        const started = await request(url, start, 'application/json');
        if (started.conflict !== undefined) {
            // Sent whole before (an answer lost on the way), or the server has it as another clip: nothing more to send.
            return;
        }
        const clipId = started.clipId;
        let received = started.receivedBytes;
        let complete = started.complete;
        while (!complete) {
            const chunk = blob.slice(received, received + chunkBytes);
            const answer = await request(`${url}?handler=Chunk&clipId=${clipId}&offset=${received}`, chunk, 'application/octet-stream');
            received = answer.receivedBytes;
            complete = answer.complete === true || (answer.conflict !== undefined && received >= blob.size);
        }
    }

    return {
        /** Queues a clip; resolves when it is whole on the server, or with the refusal's words. */
        upload(clip) {
            const done = queue.then(() => send(clip)).then(() => null, error => {
                const words = error instanceof Refused ? error.message : String(error);
                onRefused(words, error.code ?? null, clip);
                return words;
            });
            queue = done;
            return done;
        },
        /** Stops retrying; a clip on its way is abandoned (the server drops what never became whole). */
        close() { closed = true; },
    };
}

class Refused extends Error {
    constructor(message, code = null) {
        super(message);
        this.code = code;
    }
}

// 1, 2, 4 … up to 15 s between tries: a server back after a restart hears from every student soon, not all at once.
function defaultPause(attempt) {
    const ms = Math.min(15_000, 1000 * 2 ** Math.min(attempt, 4)) * (0.75 + Math.random() * 0.5);
    return new Promise(resolve => setTimeout(resolve, ms));
}
