package org.spikemesh.simulator.chip;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/** In-memory wires between the partitions of one test JVM; a partition can be cut off to play a lost process. */
final class LoopbackWires {
    private final ConcurrentLinkedQueue<byte[]>[] inbox;
    private final boolean[] cut;

    @SuppressWarnings({"unchecked", "rawtypes"})
    LoopbackWires(int partitions) {
        inbox = new ConcurrentLinkedQueue[partitions];
        cut = new boolean[partitions];
        for (int q = 0; q < partitions; q++) {
            inbox[q] = new ConcurrentLinkedQueue<>();
        }
    }

    /** From now on partition q neither sends nor receives. */
    void cut(int q) {
        cut[q] = true;
    }

    PartitionWire wire(int me) {
        return new PartitionWire() {
            @Override
            public boolean offer(int partition, DirectBuffer buffer, int offset, int length) {
                if (cut[me]) {
                    return true;
                }
                byte[] b = new byte[length];
                buffer.getBytes(offset, b);
                inbox[partition].add(b);
                return true;
            }

            @Override
            public int poll(Handler handler, int limit) {
                int n = 0;
                byte[] b;
                while (!cut[me] && n < limit && (b = inbox[me].poll()) != null) {
                    handler.onMessage(new UnsafeBuffer(b), 0, b.length);
                    n++;
                }
                return n;
            }

            @Override
            public int maxMessageLength() {
                return 1 << 24;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
