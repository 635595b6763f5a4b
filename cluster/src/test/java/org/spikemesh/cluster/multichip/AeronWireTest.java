package org.spikemesh.cluster.multichip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikemesh.simulator.chip.PartitionException;

/** The Aeron wire's errors a user meets, and what it leaves behind when it cannot start. */
class AeronWireTest {
    /**
     * A UDP endpoint whose port another process holds gave Aeron's raw RegistrationException ("ERROR -
     * io.aeron.exceptions.AeronException : ERROR - channel error - Address already in use (at ...)") and left the
     * media driver, with its 47 MB directory in /dev/shm, behind. Now one sentence names the channel and --endpoints,
     * and the driver's directory is gone.
     */
    @Test
    void shouldNameAPortInUseAndLeaveNoDriverBehind(@TempDir Path dir) throws Exception {
        Path driverDir = dir.resolve("driver");
        int otherPort;
        try (DatagramSocket free = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            otherPort = free.getLocalPort();
        }
        try (DatagramSocket held = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int port = held.getLocalPort();
            InetSocketAddress other = new InetSocketAddress("127.0.0.1", otherPort);
            PartitionException e = assertThrows(PartitionException.class, () -> AeronWire.udp(0,
                    List.of(new InetSocketAddress("127.0.0.1", port), other), driverDir).close());
            assertEquals("partition 0 cannot open its Aeron channel aeron:udp?endpoint=127.0.0.1:" + port
                    + ": Address already in use (check --endpoints: each partition's HOST:PORT must be free on its"
                    + " machine)", e.getMessage());
        }
        assertFalse(Files.exists(driverDir), "the media driver's directory is deleted");
    }

    @Test
    void shouldKeepTheDriversOwnWordsOnly() {
        assertEquals("Address already in use", AeronWire.rootMessage(new RuntimeException("ERROR -"
                + " io.aeron.exceptions.AeronException : ERROR - channel error - Address already in use (at"
                + " java.base/sun.nio.ch.Net.bind0(Native Method)): aeron:udp?endpoint=127.0.0.1:40100|term-length=8m,"
                + " errorCodeValue=11")));
        assertEquals("plain", AeronWire.rootMessage(new RuntimeException("plain")));
    }
}
