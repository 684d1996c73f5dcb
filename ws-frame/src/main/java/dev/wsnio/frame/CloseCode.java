package dev.wsnio.frame;

/**
 * Close status codes, RFC 6455 §7.4, and the rules for which of them may appear on the wire.
 *
 * <p>A close code is a plain {@code int} (applications may use any code in 3000–4999), so
 * this class holds the registered values as constants and answers the two questions an
 * endpoint asks about a code: may I send it, and is a received one valid?
 *
 * <ul>
 *   <li>0–999: never used (§7.4.2).</li>
 *   <li>1000–2999: reserved for the protocol and its extensions; only the codes registered
 *       in §7.4.1 and the IANA registry (§11.7) are valid; 1004, 1005, 1006 and 1015 are
 *       reserved and MUST NOT be set in a close frame.</li>
 *   <li>3000–3999: registered with IANA by libraries and frameworks; valid.</li>
 *   <li>4000–4999: private use by applications; valid.</li>
 *   <li>5000 and above: invalid.</li>
 * </ul>
 */
public final class CloseCode {

    /** 1000: the purpose for which the connection was established has been fulfilled. */
    public static final int NORMAL_CLOSURE = 1000;
    /** 1001: an endpoint is going away (server shutdown, browser leaving the page). */
    public static final int GOING_AWAY = 1001;
    /** 1002: the endpoint is terminating the connection due to a protocol error. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: the endpoint received a type of data it cannot accept. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1004: reserved, never sent. */
    public static final int RESERVED = 1004;
    /** 1005: reported locally when a close frame carried no status code; never sent. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** 1006: reported locally when the connection closed without a close frame; never sent. */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** 1007: a message's data was not consistent with its type (e.g. invalid UTF-8 in text). */
    public static final int INVALID_PAYLOAD_DATA = 1007;
    /** 1008: a message violated the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a message was too big to process. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010: (client) the server did not negotiate an extension the client requires. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: (server) an unexpected condition prevented fulfilling the request. */
    public static final int INTERNAL_ERROR = 1011;
    /** 1012: the service is restarting (IANA registry). */
    public static final int SERVICE_RESTART = 1012;
    /** 1013: try again later (IANA registry). */
    public static final int TRY_AGAIN_LATER = 1013;
    /** 1014: a gateway or proxy received an invalid response from upstream (IANA registry). */
    public static final int BAD_GATEWAY = 1014;
    /** 1015: reported locally when the TLS handshake failed; never sent. */
    public static final int TLS_HANDSHAKE = 1015;

    private CloseCode() {
    }

    /**
     * Whether a code received in a close frame is valid (§7.4): a registered code in
     * 1000–2999 that may appear on the wire, or any code in 3000–4999. Receiving an
     * invalid code fails the connection with {@link #PROTOCOL_ERROR}.
     *
     * @param code the code read from a close frame body
     * @return true when the code is allowed on the wire
     */
    public static boolean isValidOnWire(int code) {
        if (code >= 3000 && code <= 4999) {
            return true;
        }
        return switch (code) {
            case NORMAL_CLOSURE, GOING_AWAY, PROTOCOL_ERROR, UNSUPPORTED_DATA,
                    INVALID_PAYLOAD_DATA, POLICY_VIOLATION, MESSAGE_TOO_BIG,
                    MANDATORY_EXTENSION, INTERNAL_ERROR, SERVICE_RESTART, TRY_AGAIN_LATER,
                    BAD_GATEWAY -> true;
            default -> false;
        };
    }

    /**
     * Whether a code only exists to be reported locally and must never be sent (§7.4.1):
     * 1005, 1006 and 1015 (and the reserved 1004).
     *
     * @param code a close code
     * @return true for 1004, 1005, 1006 and 1015
     */
    public static boolean isLocalOnly(int code) {
        return code == RESERVED || code == NO_STATUS_RECEIVED || code == ABNORMAL_CLOSURE
                || code == TLS_HANDSHAKE;
    }

    /**
     * A short English name for a code, for logs and diagnostics.
     *
     * @param code a close code
     * @return its name, or a description of its range
     */
    public static String describe(int code) {
        return switch (code) {
            case NORMAL_CLOSURE -> "normal closure";
            case GOING_AWAY -> "going away";
            case PROTOCOL_ERROR -> "protocol error";
            case UNSUPPORTED_DATA -> "unsupported data";
            case RESERVED -> "reserved";
            case NO_STATUS_RECEIVED -> "no status received";
            case ABNORMAL_CLOSURE -> "abnormal closure";
            case INVALID_PAYLOAD_DATA -> "invalid payload data";
            case POLICY_VIOLATION -> "policy violation";
            case MESSAGE_TOO_BIG -> "message too big";
            case MANDATORY_EXTENSION -> "mandatory extension";
            case INTERNAL_ERROR -> "internal error";
            case SERVICE_RESTART -> "service restart";
            case TRY_AGAIN_LATER -> "try again later";
            case BAD_GATEWAY -> "bad gateway";
            case TLS_HANDSHAKE -> "TLS handshake failure";
            default -> code >= 3000 && code <= 3999 ? "registered library code"
                    : code >= 4000 && code <= 4999 ? "application code" : "invalid code";
        };
    }
}
