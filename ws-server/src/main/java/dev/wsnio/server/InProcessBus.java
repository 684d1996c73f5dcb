package dev.wsnio.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** The bus of a single server ({@link TopicBus#inProcess()}): nothing to relay, nothing to receive. */
enum InProcessBus implements TopicBus {
    INSTANCE;

    private static final CompletionStage<Void> RELAYED =
            CompletableFuture.<Void>completedFuture(null).minimalCompletionStage();

    @Override
    public void start(Consumer<TopicMessage> deliverLocally) {
    }

    @Override
    public void topicOpened(String topic) {
    }

    @Override
    public void topicClosed(String topic) {
    }

    @Override
    public CompletionStage<Void> relay(TopicMessage message) {
        return RELAYED;
    }

    @Override
    public void stop() {
    }
}
