// Students and proctors of both relays behind one shape, so every measurement drives them the same way.
// The hub's are the product's own signaling.js (ProctorWeb/wwwroot/js) on the npm @microsoft/signalr that the
// pages load from wwwroot/lib: the same builder, retry policy, keep-alive, timeouts and `send` the browser uses.
import * as signalR from '@microsoft/signalr';
import { io as connectIo } from 'socket.io-client';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const productSignaling = path.join(here, '..', '..', 'ProctorWeb', 'wwwroot', 'js', 'signaling.js');

// A browser sends the page's cookies with the hub's requests by itself; here each student's cookie is added by the
// builder signaling.js makes, and retries of the product's reconnect policy are counted on the way through.
let cookieForNextBuild = null;
export const reconnectAttempts = { count: 0 };
class CookieHubConnectionBuilder extends signalR.HubConnectionBuilder {
    withUrl(url, options = {}) {
        return super.withUrl(url, { ...options, headers: { ...options.headers, Cookie: cookieForNextBuild } });
    }
    withAutomaticReconnect(policy) {
        return super.withAutomaticReconnect({
            nextRetryDelayInMilliseconds: context => {
                reconnectAttempts.count++;
                return policy.nextRetryDelayInMilliseconds(context);
            },
        });
    }
}
globalThis.signalR = { ...signalR, HubConnectionBuilder: CookieHubConnectionBuilder };
const { createSignaling } = await import(productSignaling);

// The exam page logs a dropped connection it handles as a warning (signaling.js); thousands of them say nothing here.
export const warnings = { count: 0 };
console.warn = () => warnings.count++;

/** A student of the hub, as examRoom.js: start, JoinAsStudent, Ready; after a reconnect, both again. */
export function hubStudent(url, cookie, { reconnect = false, onRejoined } = {}) {
    cookieForNextBuild = cookie;
    const signaling = createSignaling(url, { reconnect });
    const student = {
        proctorId: null,
        refused: 0,
        async join(steps) {
            let at = performance.now();
            await signaling.start();
            steps?.connect.push(performance.now() - at);
            at = performance.now();
            await signaling.invoke('JoinAsStudent');
            steps?.join.push(performance.now() - at);
            at = performance.now();
            const state = await signaling.invoke('Ready');
            steps?.ready.push(performance.now() - at);
            student.proctorId = state.proctors?.[0] ?? null;
            return state;
        },
        // Exactly the page's call; a refusal comes back however the product reports it (a rejected call or a pushed event).
        send(to, message) {
            const sent = signaling.send(to, message);
            if (sent?.catch) sent.catch(() => student.refused++);
        },
        stop: () => signaling.stop(),
    };
    signaling.on('SignalRefused', () => student.refused++);
    if (reconnect) {
        signaling.onReconnected(async () => {
            try {
                await signaling.invoke('JoinAsStudent');
                await signaling.invoke('Ready');
                onRejoined?.(student);
            } catch {
                // The page shows why and waits for the next reconnect; so does the storm.
            }
        });
    }
    return student;
}

export async function hubProctor(url, cookie, examId, onSignal) {
    cookieForNextBuild = cookie;
    const signaling = createSignaling(url);
    signaling.on('Signal', onSignal);
    await signaling.start();
    await signaling.invoke('Watch', examId);
    return { stop: () => signaling.stop() };
}

/** A student of the socket.io relay: the same steps, each an event with an acknowledgement where the hub's is an invoke. */
export function ioStudent(url, examId) {
    const socket = connectIo(url, { transports: ['websocket'], autoConnect: false, reconnection: false });
    const ack = (event, ...args) => new Promise((resolve, reject) => socket.timeout(30_000).emit(event, ...args, (error, answer) => error ? reject(error) : resolve(answer)));
    const student = {
        proctorId: null,
        refused: 0,
        async join(steps) {
            let at = performance.now();
            await new Promise((resolve, reject) => {
                socket.once('connect', resolve);
                socket.once('connect_error', reject);
                socket.connect();
            });
            steps?.connect.push(performance.now() - at);
            at = performance.now();
            await ack('join', examId);
            steps?.join.push(performance.now() - at);
            at = performance.now();
            const state = await ack('ready');
            steps?.ready.push(performance.now() - at);
            student.proctorId = state.proctors[0] ?? null;
            return state;
        },
        send: (to, message) => socket.emit('signal', to, message),
        stop: async () => socket.disconnect(),
    };
    socket.on('signal-refused', () => student.refused++);
    return student;
}

export async function ioProctor(url, examId, onSignal) {
    const socket = connectIo(url, { transports: ['websocket'], reconnection: false });
    socket.on('signal', onSignal);
    await new Promise((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
    });
    await socket.timeout(30_000).emitWithAck('watch', examId);
    return { stop: async () => socket.disconnect() };
}
