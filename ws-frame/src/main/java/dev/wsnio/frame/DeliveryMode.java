package dev.wsnio.frame;

/** How received data messages are handed to the application. */
public enum DeliveryMode {
    /**
     * Each message once, whole: fragments are assembled (up to the maximum message size) and the
     * complete payload is delivered in one call. The simplest to use.
     */
    WHOLE_MESSAGES,
    /**
     * Each piece of payload as it arrives, with a flag on the last one: nothing is accumulated,
     * so messages of any size pass through in bounded memory. Text arrives as validated UTF-8
     * bytes that may end in the middle of a character.
     */
    STREAMING
}
