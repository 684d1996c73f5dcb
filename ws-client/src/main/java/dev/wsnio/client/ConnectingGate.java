package dev.wsnio.client;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * RFC 6455 §4.1, client requirement 2: "There MUST be no more than one connection in a
 * CONNECTING state" to the same remote host (IP address) and port; further attempts wait until
 * that one is established or has failed. This keeps a script from using clients to flood a
 * server with handshakes. Through a proxy the client cannot know the server's address, so each
 * host name counts as a separate host, as the RFC says.
 *
 * <p>An attempt {@linkplain #enter enters} with the key of the address it is about to connect to
 * and a task to run once it is its turn, and {@linkplain Ticket#leave leaves} when its handshake
 * succeeded or failed (or it gave up waiting): the next attempt waiting for that key goes on.
 * Thread-safe; tasks run on the thread that lets them in, so they should only hand work to their
 * own event loop.
 */
final class ConnectingGate {

    /** An attempt's place at the gate. */
    interface Ticket {
        /** Leaves the gate: lets the next attempt in if this one was in, or stops waiting. */
        void leave();
    }

    /** A gate that lets everyone in at once (the rule turned off, for load tools). */
    static final ConnectingGate OPEN = new ConnectingGate(false);

    private final boolean enforced;
    /** For each key in use, the attempts waiting behind the one in CONNECTING. Guarded by this. */
    private final Map<Object, ArrayDeque<Runnable>> waiting = new HashMap<>();

    ConnectingGate(boolean enforced) {
        this.enforced = enforced;
    }

    /**
     * Asks to connect to a host.
     *
     * @param key the remote address and port (or host name and port through a proxy)
     * @param onTurn runs when no other attempt to the key is in CONNECTING: at once, or later on
     *     the thread of the attempt that leaves
     * @return the ticket to leave with
     */
    Ticket enter(Object key, Runnable onTurn) {
        if (!enforced) {
            onTurn.run();
            return () -> { };
        }
        boolean first;
        synchronized (this) {
            ArrayDeque<Runnable> queue = waiting.get(key);
            first = queue == null;
            if (first) {
                waiting.put(key, new ArrayDeque<>());
            } else {
                queue.addLast(onTurn);
            }
        }
        if (first) {
            onTurn.run();
        }
        return new Ticket() {
            private boolean left;

            @Override
            public void leave() {
                Runnable next;
                synchronized (ConnectingGate.this) {
                    if (left) {
                        return;
                    }
                    left = true;
                    // The key stays until the attempt in CONNECTING leaves, and this one has not left.
                    ArrayDeque<Runnable> queue = waiting.get(key);
                    if (queue.remove(onTurn)) {
                        return; // was still waiting: just stop waiting
                    }
                    next = queue.pollFirst();
                    if (next == null) {
                        waiting.remove(key);
                    }
                }
                if (next != null) {
                    next.run();
                }
            }
        };
    }

    /** Keys with an attempt in CONNECTING (for tests). */
    synchronized int busyKeys() {
        return waiting.size();
    }

    /** Attempts waiting for their turn, all keys together (for tests). */
    synchronized int waitingAttempts() {
        return waiting.values().stream().mapToInt(ArrayDeque::size).sum();
    }
}
