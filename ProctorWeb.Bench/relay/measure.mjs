// Measurements that drive either relay through the shape of clients.mjs: every connected student sends a ~1 KB ICE
// candidate to its proctor, paced or closed-loop; server CPU is read from /proc, as `top` would.
import { readFileSync } from 'node:fs';

const ticksPerSecond = 100; // USER_HZ on Linux

/** User plus system CPU seconds a process has used so far. */
export function cpuSeconds(pid) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** After a join burst the server is busy for a while (attendance written, pushes to the proctor): measure only once it is quiet. */
export async function untilQuiet(pid, { belowShareOfCore = 0.05, windowMs = 1000, giveUpMs = 30_000 } = {}) {
    const started = performance.now();
    while (performance.now() - started < giveUpMs) {
        const before = cpuSeconds(pid);
        await sleep(windowMs);
        if ((cpuSeconds(pid) - before) / (windowMs / 1000) < belowShareOfCore) return performance.now() - started;
    }
    return null;
}

export function percentile(sorted, p) {
    if (sorted.length === 0) return null;
    return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
}

export function stats(samples) {
    const sorted = Float64Array.from(samples).sort();
    return sorted.length ? { count: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1) } : null;
}

/** An ICE candidate of about 1 KB, as a page trickles them, carrying who sent it and when. */
export function candidate(student, sentAt) {
    const head = `candidate:${student} 1 udp 2122260223 192.168.1.23 ${40000 + (student % 20000)} typ host generation 0 ufrag abcd network-id 1 t=${sentAt.toFixed(3)} `;
    return { type: 'candidate', candidate: head.padEnd(1000, 'x'), sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'abcd' };
}

export function parseCandidate(message) {
    const text = message.candidate;
    const student = Number(text.slice(10, text.indexOf(' ', 10)));
    const at = text.indexOf(' t=');
    return { student, sentAt: Number(text.slice(at + 3, text.indexOf(' ', at + 3))) };
}

/**
 * Sends `rate` messages a second in total for `seconds`, the students taking turns, and measures each message's
 * time from the send call to the proctor's handler. The first `warmUp` seconds are sent but not counted.
 */
export async function paced({ students, inbox, pid, rate, seconds, warmUp }) {
    const latencies = [];
    let counting = false;
    let counted = 0;
    inbox.handler = message => {
        const { sentAt } = parseCandidate(message);
        if (counting && sentAt >= countFrom) {
            latencies.push(performance.now() - sentAt);
            counted++;
        }
    };
    const start = performance.now();
    const countFrom = start + warmUp * 1000;
    const end = countFrom + seconds * 1000;
    let sent = 0;
    let cpuBefore = null;
    let cpuAt = 0;
    const clientBefore = process.cpuUsage();
    while (performance.now() < end) {
        const now = performance.now();
        if (!counting && now >= countFrom) {
            counting = true;
            cpuBefore = cpuSeconds(pid);
            cpuAt = now;
        }
        const due = Math.floor((now - start) / 1000 * rate);
        for (; sent < due; sent++) {
            const student = students[sent % students.length];
            student.send(student.proctorId, candidate(sent % students.length, performance.now()));
        }
        await sleep(1);
    }
    const window = (performance.now() - cpuAt) / 1000;
    const serverCpu = cpuSeconds(pid) - cpuBefore;
    const client = process.cpuUsage(clientBefore);
    // Whatever is still on its way arrives within a second or counts as late beyond the window's figures.
    await waitFor(() => counted >= Math.round(rate * seconds) * 0.999, 5000);
    inbox.handler = null;
    return {
        rate, seconds: window, sent: Math.round(rate * seconds), received: counted, latencyMs: stats(latencies),
        serverCpuShareOfCore: serverCpu / window, serverCpuMicrosPerMessage: serverCpu / (rate * window) * 1e6,
        clientCpuShareOfCore: (client.user + client.system) / 1e6 / ((performance.now() - start) / 1000),
    };
}

/**
 * Closed loop: every student keeps one message on its way, sending the next as soon as the proctor has its last,
 * so the relay runs as fast as it can; counts what arrives in `seconds` after `warmUp`.
 */
export async function closedLoop({ students, inbox, pid, seconds, warmUp }) {
    let arrived = 0;
    let running = true;
    inbox.handler = message => {
        arrived++;
        const { student } = parseCandidate(message);
        if (running) students[student].send(students[student].proctorId, candidate(student, performance.now()));
    };
    students.forEach((s, i) => s.send(s.proctorId, candidate(i, performance.now())));
    await sleep(warmUp * 1000);
    const [arrivedBefore, cpuBefore, at, clientBefore] = [arrived, cpuSeconds(pid), performance.now(), process.cpuUsage()];
    await sleep(seconds * 1000);
    const [arrivedAfter, cpuAfter, window, client] = [arrived, cpuSeconds(pid), (performance.now() - at) / 1000, process.cpuUsage(clientBefore)];
    running = false;
    // Let the last round arrive before anything else is measured.
    await waitFor(() => false, 1000);
    inbox.handler = null;
    const messages = arrivedAfter - arrivedBefore;
    return {
        seconds: window, messages, perSecond: messages / window,
        serverCpuShareOfCore: (cpuAfter - cpuBefore) / window, serverCpuMicrosPerMessage: (cpuAfter - cpuBefore) / messages * 1e6,
        clientCpuShareOfCore: (client.user + client.system) / 1e6 / window,
    };
}

/** Server CPU while every student is connected and silent: what the heartbeat costs. */
export async function idle({ pid, seconds, connected }) {
    const [before, at] = [cpuSeconds(pid), performance.now()];
    await sleep(seconds * 1000);
    const window = (performance.now() - at) / 1000;
    const share = (cpuSeconds(pid) - before) / window;
    return { seconds: window, connected, serverCpuShareOfCore: share, serverCpuMicrosPerStudentSecond: share / connected * 1e6 };
}

export async function waitFor(condition, timeoutMs) {
    const started = performance.now();
    while (!condition() && performance.now() - started < timeoutMs) await sleep(10);
    return condition();
}

/** Joins `count` students, `concurrency` at a time; what each step took, and how many failed and why. */
export async function joinBurst(make, count, concurrency, pid) {
    const steps = { connect: [], join: [], ready: [] };
    const [serverBefore, clientBefore] = [pid ? cpuSeconds(pid) : 0, process.cpuUsage()];
    const joined = [];
    const errors = {};
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
        while (next < count) {
            const index = next++;
            const student = make(index);
            try {
                await student.join(steps);
                joined[index] = student;
            } catch (error) {
                const reason = String(error?.message ?? error).slice(0, 200);
                errors[reason] = (errors[reason] ?? 0) + 1;
                await student.stop().catch(() => {});
            }
        }
    }));
    const seconds = (performance.now() - started) / 1000;
    const [server, client] = [pid ? cpuSeconds(pid) - serverBefore : null, process.cpuUsage(clientBefore)];
    const ok = joined.filter(Boolean);
    return {
        students: ok,
        result: {
            attempted: count, joined: ok.length, failed: count - ok.length, seconds, perSecond: ok.length / seconds, concurrency, errors,
            connectMs: stats(steps.connect), joinMs: stats(steps.join), readyMs: stats(steps.ready),
            // Who was busy: the server's and this client process's CPU, in shares of one core over the burst.
            serverCpuShareOfCore: server === null ? null : server / seconds, clientCpuShareOfCore: (client.user + client.system) / 1e6 / seconds,
        },
    };
}
