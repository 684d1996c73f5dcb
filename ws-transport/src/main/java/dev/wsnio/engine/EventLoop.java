package dev.wsnio.engine;

import dev.wsnio.frame.DeflateWorkspace;
import dev.wsnio.frame.MaskKeyGenerator;
import dev.wsnio.frame.TextWorkspace;
import dev.wsnio.handshake.AcceptDigest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One thread, one {@link Selector}: the loop that serves many connections. A connection lives
 * on one loop for its whole life, so its state needs no locks: everything that touches it runs
 * on this thread, and other threads hand work over with {@link #execute}.
 *
 * <p>Each turn of the loop:
 * <ol>
 *   <li>waits in {@code select} until a channel is ready, a task arrives, or the next timer is
 *       due;</li>
 *   <li>serves the ready channels (reads land in one buffer owned by the loop, not by the
 *       connections, so an idle connection holds no read buffer); a connection that wrote
 *       while it was served (an echo, pongs) is flushed right after, so the messages of one
 *       read leave in one system call and its write buffer goes back to the loop's pool at
 *       once;</li>
 *   <li>runs the tasks other threads submitted (sends, closes);</li>
 *   <li>runs the timers that are due (timeouts, heartbeats);</li>
 *   <li>flushes the connections that queued writes during this turn, so that many small
 *       messages produced in one turn leave in one system call (earlier, between tasks, if
 *       the connections written so far hold every write buffer of the pool).</li>
 * </ol>
 * A submitting thread wakes the selector only if no wake-up is pending already: at most once per
 * batch of tasks.
 *
 * <p><b>Failures.</b> An exception from one connection's handler, a task or a timer is a bug in
 * that piece: it is logged and the loop goes on (the connection concerned is closed). An
 * {@link Error} (out of memory, stack overflow, one thrown by an application callback) is not:
 * the loop's state can no longer be trusted, so the loop stops, tells its owner (which stops the
 * whole server or client, see {@link EventLoopGroup}), and closes every connection, telling each
 * peer why where a frame can still be written (WebSocket: close code 1011). So is a selector that
 * fails.
 */
public final class EventLoop implements Executor {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    /** Size of the loop's read buffer, and so of the largest single read. */
    static final int READ_BUFFER_SIZE = 64 * 1024;
    /** Size of the pooled buffers that coalesce small writes. */
    static final int WRITE_BUFFER_SIZE = 16 * 1024;
    /**
     * The most write buffers a loop makes. A connection borrows one only until its flush, and
     * is flushed as soon as it has been served, so they serve the connections written in one
     * turn; past that, the loop flushes early (tasks) or gathers on the heap.
     */
    static final int WRITE_BUFFERS = 32;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final TimerQueue timers = new TimerQueue();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
    private final BufferPool writeBuffers = new BufferPool(WRITE_BUFFER_SIZE, WRITE_BUFFERS);
    private final TlsBuffers tlsBuffers = new TlsBuffers();
    private final MaskKeyGenerator maskKeys = new MaskKeyGenerator();
    private final SendRecords sendRecords = new SendRecords();
    /** Whether a listener callback running now was lent one of the loop's buffers (see {@link #lendInput}). */
    private boolean inputLent;
    /** permessage-deflate's streams and buffers, lent to this loop's connections; created when first needed. */
    private DeflateWorkspace deflateWorkspace;
    /** The SHA-1 of the opening handshakes this loop answers; created when first needed. */
    private AcceptDigest acceptDigest;
    /** Where received text is copied to be validated and decoded; created when first needed. */
    private TextWorkspace textWorkspace;
    /** Where text sent from this loop's thread is encoded; created when first needed. */
    private TextEncoder textEncoder;
    private final List<Connection> toFlush = new ArrayList<>();
    private final Consumer<SelectionKey> onSelected = this::serve;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Consumer<Throwable> onFailure;
    private volatile boolean shuttingDown;
    /** Why the loop stops, when a failure stops it (its own or another's); else null. */
    private volatile Throwable stopCause;
    private int registered;

    /**
     * Creates a loop and starts its thread.
     *
     * @param threadName the thread's name, saying what it serves (e.g. "wsnio-server-loop-1")
     * @param onFailure told, on the loop's thread, when an {@link Error} (or a failing selector)
     *     stops the loop, before its connections are closed
     * @throws UncheckedIOException when no selector can be opened
     */
    public EventLoop(String threadName, Consumer<Throwable> onFailure) {
        this.onFailure = onFailure;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.thread = new LoopThread(this, threadName);
        thread.setDaemon(false);
        thread.start();
    }

    /** A loop's thread, which knows its loop: see {@link #current()}. */
    private static final class LoopThread extends Thread {
        private final EventLoop loop;

        LoopThread(EventLoop loop, String name) {
            super(loop::run, name);
            this.loop = loop;
        }
    }

    /**
     * The loop whose thread is calling, if any.
     *
     * @return the caller's loop, or null when the caller is not a loop's thread
     */
    static EventLoop current() {
        return Thread.currentThread() instanceof LoopThread loopThread ? loopThread.loop : null;
    }

    /**
     * Whether the caller runs on this loop's thread.
     *
     * @return true on this loop's thread
     */
    public boolean inEventLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs a task on the loop's thread, after what is already queued.
     *
     * @param task the task
     * @throws RejectedExecutionException when the loop has shut down
     */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (terminated.isDone() && tasks.remove(task)) {
            throw new RejectedExecutionException("event loop " + thread.getName() + " has shut down");
        }
        if (!inEventLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /**
     * Schedules a task on this loop. Loop thread only.
     *
     * @param delayNanos how long from now
     * @param task the task
     * @return the timer, to cancel it
     */
    public Timer schedule(long delayNanos, Runnable task) {
        assert inEventLoop();
        return timers.schedule(System.nanoTime() + delayNanos, task);
    }

    /**
     * Timers still to run on this loop (for tests that check nothing leaks). Loop thread only.
     *
     * @return the number of timers scheduled and not yet run
     */
    public int activeTimers() {
        return timers.activeCount();
    }

    /**
     * Channels registered with this loop's selector (for tests and metrics). Loop thread only.
     *
     * @return the number of channels served
     */
    public int registeredChannels() {
        return registered;
    }

    /**
     * Asks the loop to stop: it closes every channel still registered, then its thread ends.
     *
     * @return completes when the thread has ended
     */
    public CompletableFuture<Void> shutdown() {
        return shutdown(null);
    }

    /**
     * Asks the loop to stop because something failed (another loop, the acceptor): its
     * connections are closed as after a failure of its own, their peers told why where a frame
     * can still be written.
     *
     * @param cause what failed, or null for an orderly stop
     * @return completes when the thread has ended
     */
    public CompletableFuture<Void> shutdown(Throwable cause) {
        if (cause != null && stopCause == null) {
            stopCause = cause;
        }
        shuttingDown = true;
        selector.wakeup();
        return terminated;
    }

    // ------------------------------------------------------------- for connections

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    BufferPool writeBuffers() {
        return writeBuffers;
    }

    TlsBuffers tlsBuffers() {
        return tlsBuffers;
    }

    /**
     * The loop's source of masking keys for client frames. Loop thread only.
     *
     * @return the generator shared by this loop's client connections
     */
    public MaskKeyGenerator maskKeys() {
        return maskKeys;
    }

    /**
     * The loop's permessage-deflate workspace: the zlib streams and buffers its connections
     * borrow for one message at a time, so that a connection without context takeover holds
     * none between messages. Loop thread only.
     *
     * @return the workspace shared by this loop's connections, ended when the loop stops
     */
    public DeflateWorkspace deflateWorkspace() {
        if (deflateWorkspace == null) {
            deflateWorkspace = new DeflateWorkspace();
        }
        return deflateWorkspace;
    }

    /** The records of sends made on this loop's thread, reused. Loop thread only. */
    SendRecords sendRecords() {
        return sendRecords;
    }

    /**
     * Marks the time a listener callback runs with one of the loop's buffers lent to it (a
     * received binary message, ping or pong, valid only during the call): sends made meanwhile
     * take a copy of what they keep, since the buffer may be one of their payloads. Loop thread
     * only.
     *
     * @param lent true as the callback starts; once it returned, what this call returned
     * @return whether a buffer was lent before (a callback may close its connection, whose
     *     {@code onClose} then runs inside it)
     */
    boolean lendInput(boolean lent) {
        boolean before = inputLent;
        inputLent = lent;
        return before;
    }

    /**
     * Whether a callback running now on this loop was lent a buffer. Loop thread only.
     *
     * @return true during such a callback
     */
    boolean isInputLent() {
        return inputLent;
    }

    /**
     * The loop's heap array for received text (see {@link TextWorkspace}), lent to its
     * connections for one message at a time. Loop thread only.
     *
     * @return the workspace of this loop
     */
    TextWorkspace textWorkspace() {
        if (textWorkspace == null) {
            textWorkspace = new TextWorkspace();
        }
        return textWorkspace;
    }

    /**
     * The loop's array for text sent from its thread (see {@link TextEncoder}), lent for one
     * send at a time. Loop thread only.
     *
     * @return the encoder of this loop
     */
    TextEncoder textEncoder() {
        if (textEncoder == null) {
            textEncoder = new TextEncoder();
        }
        return textEncoder;
    }

    /**
     * The loop's digest for {@code Sec-WebSocket-Accept}: a server's handshakes on this loop
     * share one SHA-1 engine instead of making one each. Loop thread only.
     *
     * @return the digest of this loop
     */
    public AcceptDigest acceptDigest() {
        if (acceptDigest == null) {
            acceptDigest = new AcceptDigest();
        }
        return acceptDigest;
    }

    SelectionKey register(SelectableChannel channel, int ops, Selectable owner)
            throws ClosedChannelException {
        registered++;
        return channel.register(selector, ops, owner);
    }

    void deregistered() {
        registered--;
    }

    /** Flushes this connection at the end of the current turn. */
    void flushLater(Connection connection) {
        toFlush.add(connection);
    }

    // ------------------------------------------------------------- the loop

    private void run() {
        Throwable failure = null;
        try {
            while (!shuttingDown) {
                long now = System.nanoTime();
                long waitMillis = tasks.isEmpty() ? timers.millisUntilNext(now) : 0;
                if (waitMillis == 0) {
                    selector.selectNow(onSelected);
                } else {
                    selector.select(onSelected, Math.max(waitMillis, 0));
                }
                wakeupPending.set(false);
                runTasks();
                timers.runExpired(System.nanoTime(), this::logFailure);
                flushConnections();
            }
        } catch (Throwable e) { // an Error from anywhere, or the selector failed
            failure = e;
        } finally {
            if (failure != null) {
                stopCause = failure;
                LOG.log(Level.ERROR, "event loop " + thread.getName() + " failed; stopping", failure);
                report(failure);
            }
            closeEverything(stopCause);
            terminated.complete(null);
            runTasksQuietly(); // those that came in before the end was visible to execute()
        }
    }

    private void report(Throwable failure) {
        try {
            onFailure.accept(failure);
        } catch (Throwable e) {
            failure.addSuppressed(e);
        }
    }

    private void serve(SelectionKey key) {
        Selectable owner = (Selectable) key.attachment();
        try {
            owner.onReady(key);
        } catch (RuntimeException e) {
            logFailure(e);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                logFailure(e);
            }
            if (writeBuffers.exhausted()) {
                flushConnections(); // give the pool's buffers back before the next task
            }
        }
    }

    private void flushConnections() {
        // A flush may complete futures whose callbacks send more: iterate by index.
        for (int i = 0; i < toFlush.size(); i++) {
            toFlush.get(i).flushIfScheduled();
        }
        toFlush.clear();
    }

    /** Closes every channel; each connection's peer is told why when a failure stops the loop. */
    private void closeEverything(Throwable cause) {
        runTasksQuietly(); // sends and closes asked for before the stop
        for (SelectionKey key : selector.keys()) {
            try {
                ((Selectable) key.attachment()).onLoopShutdown(cause);
            } catch (Throwable e) {
                LOG.log(Level.ERROR, "closing a channel of " + thread.getName(), e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing selector", e);
        }
        if (deflateWorkspace != null) {
            deflateWorkspace.close(); // after the connections gave back what they borrowed
        }
    }

    /** Runs what is queued, whatever it throws: the loop is stopping anyway. */
    private void runTasksQuietly() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (Throwable e) {
                LOG.log(Level.ERROR, "task failed while " + thread.getName() + " stopped", e);
            }
        }
    }

    private void logFailure(RuntimeException e) {
        LOG.log(Level.ERROR, "unexpected failure on " + thread.getName(), e);
    }
}
