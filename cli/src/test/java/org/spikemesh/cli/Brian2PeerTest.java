package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Brian2 peer of {@code bench cuba --peer brian2}: what it reads of Brian2's output, and when it refuses. */
class Brian2PeerTest {
    @Test
    void shouldTakeTheMediansOfTheRepetitionsBrian2Printed() throws IOException {
        // lines as benchmarks/brian2_cuba.py prints them, after a warning of Python's on the same stream
        Brian2Peer.Result r = Brian2Peer.parse(List.of(
                "/usr/lib/python3/dist-packages/pythran/tables.py:4530: FutureWarning: np.bool",
                "{\"brian2\": \"2.5.1\", \"rep\": 0, \"t_codegen_compile\": 11.5, \"t_loop\": 0.030, \"n_syn\": 159792,"
                        + " \"spikes\": 1141, \"syn_events_per_s_loop\": 1.5e7}",
                "{\"brian2\": \"2.5.1\", \"rep\": 1, \"t_codegen_compile\": 11.5, \"t_loop\": 0.025, \"n_syn\": 159792,"
                        + " \"spikes\": 1141, \"syn_events_per_s_loop\": 1.8e7}",
                "{\"brian2\": \"2.5.1\", \"rep\": 2, \"t_codegen_compile\": 11.5, \"t_loop\": 0.027, \"n_syn\": 159792,"
                        + " \"spikes\": 1141, \"syn_events_per_s_loop\": 1.6e7}"), 1);
        assertEquals("2.5.1", r.version());
        assertArrayEquals(new double[]{0.030, 0.025, 0.027}, r.loopSeconds(), 0.0);
        // medians of three: the middle values, 0.027 s and 1.6e7 events/s
        assertEquals(0.027, r.medianLoopSeconds(), 0.0);
        assertEquals(1.6e7, r.medianEventsPerSecond(), 0.0);
        assertEquals(1141, r.spikes());
        assertEquals(159792, r.synapses());
        assertEquals(11.5, r.compileSeconds(), 0.0);
        assertEquals(1, r.figures().get("threads"));
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> Brian2Peer.parse(List.of("Traceback (most recent call last):"), 1));
        assertEquals("Brian2 printed no repetition", none.getMessage());
    }

    @Test
    void shouldRefuseAPythonThatCannotRunBrian2() {
        String saved = System.getProperty(Brian2Peer.PYTHON_PROPERTY);
        try {
            System.setProperty(Brian2Peer.PYTHON_PROPERTY, "/no/such/python3");
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, Brian2Peer::requireBrian2);
            assertTrue(missing.getMessage().startsWith("--peer brian2: /no/such/python3 cannot be started ("),
                    missing.getMessage());
            assertTrue(missing.getMessage().endsWith("install Debian's python3-brian and python3-brian-lib (apt-get"
                    + " install python3-brian python3-brian-lib), or leave --peer out"), missing.getMessage());
            // a program that runs but fails, as a Python without Brian2 does
            System.setProperty(Brian2Peer.PYTHON_PROPERTY, "/bin/false");
            IllegalArgumentException fails = assertThrows(IllegalArgumentException.class, Brian2Peer::requireBrian2);
            assertTrue(fails.getMessage().startsWith("--peer brian2: /bin/false cannot import brian2"),
                    fails.getMessage());
        } finally {
            restore(saved);
        }
    }

    @Test
    void shouldRefuseAnUnknownPeerOrAMissingBrian2BeforeBuildingAnything() {
        String saved = System.getProperty(Brian2Peer.PYTHON_PROPERTY);
        PrintStream savedErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int unknown;
        int missing;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            unknown = Main.commandLine().execute("bench", "cuba", "--peer", "nest", "-q");
            System.setProperty(Brian2Peer.PYTHON_PROPERTY, "/no/such/python3");
            missing = Main.commandLine().execute("bench", "cuba", "--peer", "brian2", "-q");
        } finally {
            System.setErr(savedErr);
            restore(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, unknown, text);
        assertEquals(2, missing, text);
        assertTrue(text.contains("--peer nest: not a peer; the one peer is brian2"), text);
        assertTrue(text.contains("--peer brian2: /no/such/python3 cannot be started"), text);
        assertTrue(!text.contains("Exception"), text);
    }

    /**
     * With Brian2 on the machine (Debian's python3-brian; skipped without it): the bench runs the same network in Brian2
     * and records both and their ratio. Brian2's network is drawn with its own random numbers, so its figures are
     * checked against the network's statistics, not against spikemesh's counts.
     */
    @Test
    void shouldRunTheSameNetworkInBrian2AndRecordTheRatio(@TempDir Path dir) throws IOException {
        try {
            Brian2Peer.requireBrian2();
        } catch (IllegalArgumentException e) {
            Assumptions.abort("Brian2 is not installed: " + e.getMessage());
        }
        Path file = dir.resolve("peer.json");
        // the bench ends well (exit 0), and what it printed
        String text = BenchCubaTest.bench("--neurons", "2000", "--steps", "1000", "--repeat", "1", "--peer", "brian2",
                "--json", file.toString());
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        assertTrue(doc.get("peer").get("name").asText().startsWith("Brian2 2."), doc.toString());
        JsonNode peer = doc.get("peer").get("runs").get(0);
        assertEquals(1, peer.get("threads").asInt());
        // p = 80 / N: 2 000 x 80 = 160 000 synapses expected, a binomial count (standard deviation about 400)
        assertEquals(160_000, peer.get("synapses").asDouble(), 3_000, peer.toString());
        // 0.1 s of CUBA: both fire a few Hz (spikemesh in Loihi's fixed point, Brian2 in floating point)
        double ourRate = doc.get("runs").get(0).get("rate_hz").asDouble();
        double theirs = peer.get("spikes").asDouble() / (2000 * 0.1);
        assertTrue(theirs > ourRate / 3 && theirs < ourRate * 3, "Brian2 " + theirs + " Hz, spikemesh " + ourRate);
        double ratio = doc.get("peer").get("ratios").get(0).get("over_same_threads").asDouble();
        assertEquals(ratio, doc.get("peer").get("ratios").get(0).get("over_one_thread").asDouble(), 0.0);
        assertEquals(doc.get("runs").get(0).get("synaptic_events_per_s").asDouble()
                / peer.get("synaptic_events_per_s").asDouble(), ratio, 1e-9);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "over Brian2 on as many threads (synaptic"
                + " events/s of the loops, medians, this run): 1 thread %.2fx", ratio)), text);
    }

    private static void restore(String saved) {
        if (saved == null) {
            System.clearProperty(Brian2Peer.PYTHON_PROPERTY);
        } else {
            System.setProperty(Brian2Peer.PYTHON_PROPERTY, saved);
        }
    }
}
