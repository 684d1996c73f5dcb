/**
 * The WebSocket wire format of RFC 6455 (and the RFC 7692 permessage-deflate transform),
 * without any I/O: frames, masking, UTF-8 validation, message assembly and the session
 * state machine. Feed it bytes, take events and bytes to send.
 */
module dev.wsnio.frame {
    exports dev.wsnio.frame;
}
