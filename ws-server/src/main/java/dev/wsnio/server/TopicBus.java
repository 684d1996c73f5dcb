package dev.wsnio.server;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Carries what a server publishes ({@link WebSocketServer#publish}, {@link WebSocketServer#broadcast})
 * to the other servers of a fleet, and what they publish to this one. The default,
 * {@link #inProcess()}, carries nothing: a single server needs no bus. A broker adapter (such as
 * the {@code ws-cluster-redis} module) implements it.
 *
 * <p><b>Division of work.</b> The server always delivers a message to its own connections
 * itself (encoded once, whatever the bus does), then hands it to {@link #relay} for the others.
 * A bus delivers each message that arrives from another server to this server's connections
 * through the {@code deliverLocally} consumer given to {@link #start}, which encodes it once for
 * all of them. A bus must therefore never hand a server its own messages back (it would deliver
 * them twice).
 *
 * <p><b>Membership.</b> The server counts the local members of each topic and tells the bus
 * when a topic gets its first member ({@link #topicOpened}) and loses its last
 * ({@link #topicClosed}), so that a broker adapter subscribes to a broker channel only while
 * this server has someone to deliver to. For one topic these calls alternate (opened, closed,
 * opened, …), never overlap, and are made while the server holds that topic's membership
 * steady: they must return at once, without blocking and without calling back into the server.
 * {@link Audience.Everyone} has no such calls: a bus listens for broadcasts from {@link #start}
 * to {@link #stop}.
 *
 * <p>One bus instance serves one server; the server calls {@link #start} from its own
 * {@code start()} and {@link #stop} once its connections are closed.
 */
public interface TopicBus {

    /**
     * The bus of a single server: relays nothing and receives nothing.
     *
     * @return a bus whose every method does nothing ({@link #relay} completes at once)
     */
    static TopicBus inProcess() {
        return InProcessBus.INSTANCE;
    }

    /**
     * Starts carrying messages. Called once, before any other method, when the server starts.
     *
     * @param deliverLocally delivers a message that came from another server to this server's
     *     members of its audience; callable from any thread, never blocks
     */
    void start(Consumer<TopicMessage> deliverLocally);

    /**
     * The first local member subscribed to a topic: messages other servers publish to it are
     * wanted from now on.
     *
     * @param topic the topic's name
     */
    void topicOpened(String topic);

    /**
     * The last local member left a topic: its messages are no longer wanted here.
     *
     * @param topic the topic's name
     */
    void topicClosed(String topic);

    /**
     * Sends a message this server published to the other servers. Never blocks; a bus that
     * cannot take the message (its broker unreachable) fails the returned stage at once rather
     * than buffer without bound.
     *
     * @param message the message, already delivered to this server's own members
     * @return completes when the message was handed to the broker, or exceptionally when it
     *     could not be
     */
    CompletionStage<Void> relay(TopicMessage message);

    /** Stops carrying messages and releases the bus's resources. Called once, by the server's stop. */
    void stop();
}
