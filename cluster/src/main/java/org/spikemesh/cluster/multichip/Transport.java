package org.spikemesh.cluster.multichip;

import java.util.Locale;

/** How partitions reach each other: Aeron IPC through one media driver on this machine, or Aeron UDP. */
public enum Transport {
    /** shared memory through the coordinator's embedded media driver; processes of one machine only. */
    IPC,
    /** UDP unicast to each partition's endpoint; each process runs its own embedded media driver. */
    UDP;

    /**
     * @param s "ipc" or "udp"
     * @return the transport
     * @throws IllegalArgumentException naming the valid values
     */
    public static Transport parse(String s) {
        for (Transport t : values()) {
            if (t.name().equalsIgnoreCase(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("--transport '" + s + "' is not valid; valid are ipc, udp");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
