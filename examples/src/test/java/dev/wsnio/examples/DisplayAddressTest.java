package dev.wsnio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class DisplayAddressTest {

    @Test
    void showsIpv4AsItIs() {
        assertEquals("127.0.0.1:3000", DisplayAddress.of(new InetSocketAddress("127.0.0.1", 3000)));
    }

    @Test
    void bracketsIpv6Literals() {
        assertEquals("[0:0:0:0:0:0:0:1]:3000", DisplayAddress.of(new InetSocketAddress("::1", 3000)));
    }

    @Test
    void showsWildcardAsLoopback() {
        assertEquals("127.0.0.1:9001", DisplayAddress.of(new InetSocketAddress("0.0.0.0", 9001)));
        assertEquals("127.0.0.1:9001", DisplayAddress.of(new InetSocketAddress("::", 9001)));
    }
}
