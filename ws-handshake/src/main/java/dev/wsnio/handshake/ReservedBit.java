package dev.wsnio.handshake;

/**
 * The three reserved bits of a frame header (RFC 6455 §5.2) that an extension may give a
 * meaning to, as permessage-deflate does with RSV1 (RFC 7692 §6). Two extensions in use on
 * one connection must not claim the same bit, or a receiver could not tell whose it is.
 */
public enum ReservedBit {
    /** The first reserved bit (0x40 of the first header byte). */
    RSV1,
    /** The second reserved bit (0x20 of the first header byte). */
    RSV2,
    /** The third reserved bit (0x10 of the first header byte). */
    RSV3
}
