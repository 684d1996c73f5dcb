package dev.wsnio.engine;

import java.nio.channels.SelectionKey;

/** What an {@link EventLoop} calls when a channel registered with it is ready. */
interface Selectable {

    /**
     * The channel is ready for the operations in {@code key.readyOps()}.
     *
     * @param key the channel's selection key
     */
    void onReady(SelectionKey key);

    /**
     * The loop is shutting down and this channel is still registered: close it now.
     *
     * @param cause the failure that stops the loop (tell the peer why, if possible), or null
     *     for an orderly stop
     */
    void onLoopShutdown(Throwable cause);
}
