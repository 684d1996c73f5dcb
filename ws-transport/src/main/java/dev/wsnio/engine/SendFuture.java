package dev.wsnio.engine;

import dev.wsnio.SendCallback;
import java.util.concurrent.CompletableFuture;

/**
 * The future a send returns, and the callback its send tells: one object for both, so a send
 * with a future costs one allocation on the loop (the future the caller asked for).
 */
final class SendFuture extends CompletableFuture<Void> implements SendCallback {

    @Override
    public void completed(Throwable failure) {
        if (failure == null) {
            complete(null);
        } else {
            completeExceptionally(failure);
        }
    }
}
