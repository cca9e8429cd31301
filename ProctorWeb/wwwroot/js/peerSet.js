// The peers of a page that talks to many parties at once: a Map of peers by remote id.

/**
 * One peer per remote id (a student's roster id on the monitor, a proctor's connection id in the
 * exam room), made by `create(id)` the first time the id is opened. `onClose(id)` hears each peer
 * just before it closes, while the set still holds it.
 */
export function createPeerSet(create, { onClose } = {}) {
    const peers = new Map();

    function close(id) {
        const peer = peers.get(id);
        if (!peer) return;
        onClose?.(id);
        peers.delete(id);
        peer.close();
    }

    return {
        get: id => peers.get(id),
        has: id => peers.has(id),
        /** The peer for `id`, made now if there is none yet. */
        open(id) {
            let peer = peers.get(id);
            if (!peer) {
                peer = create(id);
                peers.set(id, peer);
            }
            return peer;
        },
        close,
        closeAll() {
            for (const id of [...peers.keys()]) close(id);
        },
        values: () => peers.values(),
    };
}
