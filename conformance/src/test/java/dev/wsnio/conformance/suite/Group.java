package dev.wsnio.conformance.suite;

/**
 * The case groups of the suite, by RFC section, numbered like the categories of the
 * Autobahn|Testsuite where one exists (the opening handshake has no Autobahn category).
 */
public enum Group {
    /** RFC 6455 §4: the opening handshake. */
    OPENING_HANDSHAKE("opening-handshake", "—", "Opening handshake (§4)"),
    /** §5.2, §5.3: frame layout, payload lengths, masking. */
    FRAMING("framing", "1", "Framing (§5.2, §5.3)"),
    /** §5.5.2, §5.5.3. */
    PING_PONG("ping-pong", "2", "Pings and pongs (§5.5.2, §5.5.3)"),
    /** §5.2: RSV1–3 without an extension. */
    RESERVED_BITS("reserved-bits", "3", "Reserved bits (§5.2)"),
    /** §5.2: opcodes 0x3–0x7 and 0xB–0xF. */
    OPCODES("opcodes", "4", "Reserved opcodes (§5.2)"),
    /** §5.4. */
    FRAGMENTATION("fragmentation", "5", "Fragmentation (§5.4)"),
    /** §5.6, §8.1: UTF-8 in text messages, failing fast. */
    UTF8("utf8", "6", "UTF-8 handling (§5.6, §8.1)"),
    /** §5.5.1, §7: the closing handshake and close codes. */
    CLOSING("closing", "7", "Closing (§5.5.1, §7)"),
    /** Large messages and many frames. */
    LIMITS("limits", "9", "Limits and large messages"),
    /** RFC 7692: permessage-deflate. */
    COMPRESSION("compression", "12, 13", "permessage-deflate (RFC 7692)");

    private final String label;
    private final String autobahn;
    private final String title;

    Group(String label, String autobahn, String title) {
        this.label = label;
        this.autobahn = autobahn;
        this.title = title;
    }

    /** The group's name in result files (no spaces). */
    public String label() {
        return label;
    }

    /** The matching Autobahn|Testsuite category numbers, or a dash. */
    public String autobahn() {
        return autobahn;
    }

    /** The group's title in the table. */
    public String title() {
        return title;
    }
}
