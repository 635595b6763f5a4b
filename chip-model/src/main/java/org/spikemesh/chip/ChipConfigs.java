package org.spikemesh.chip;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Loads, validates and saves chip configurations, and gives the shipped presets. */
public final class ChipConfigs {
    /** reads YAML with a key given twice in one mapping as an error (Jackson would keep the last in silence). */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Format tag of chip files. */
    public static final String FORMAT = "spikemesh-chip/1";
    private static final List<String> PRESETS = List.of("loihi-like", "loihi-calibrated", "truenorth-like", "spinnaker-like", "teaching-2x2");
    private static final long MAX_BYTES = 1L << 40;

    private ChipConfigs() {
    }

    /** @return names of the shipped presets */
    public static List<String> presetNames() {
        return PRESETS;
    }

    /**
     * @param name a preset name
     * @return the preset's commented YAML text
     */
    public static String presetText(String name) {
        if (!PRESETS.contains(name)) {
            throw new ChipConfigException("unknown chip preset '" + name + "'; presets are " + String.join(", ", PRESETS)
                    + " (or give a chip file)");
        }
        try (InputStream in = ChipConfigs.class.getResourceAsStream("presets/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("preset " + name + " unreadable", e);
        }
    }

    /**
     * @param name a preset name
     * @return the preset
     */
    public static ChipConfig preset(String name) {
        return parse(presetText(name), name);
    }

    /**
     * @param nameOrPath a preset name or a chip file
     * @return the configuration
     */
    public static ChipConfig presetOrFile(String nameOrPath) {
        if (PRESETS.contains(nameOrPath)) {
            return preset(nameOrPath);
        }
        if (!nameOrPath.contains("/") && !nameOrPath.contains(".") && !Files.exists(Path.of(nameOrPath))) {
            throw new ChipConfigException("unknown chip preset '" + nameOrPath + "'; presets are "
                    + String.join(", ", PRESETS) + " (or give a chip file)");
        }
        return load(Path.of(nameOrPath));
    }

    /** the most chips a system may have, in a chip file's mesh.chips or with --chips. */
    public static final int MAX_CHIPS = 1 << 20;

    /**
     * The same chip as a system of n chips, laid out in the most nearly square grid (wider than tall).
     *
     * @param c chip configuration
     * @param n chips, at least 1
     * @return the configuration with {@code mesh.chips = n}
     */
    public static ChipConfig withChips(ChipConfig c, int n) {
        if (n < 1 || n > MAX_CHIPS) {
            throw new ChipConfigException(c.name() + ": chips must be 1.." + MAX_CHIPS + ", got " + n);
        }
        int gy = 1;
        for (int d = 1; (long) d * d <= n; d++) {
            if (n % d == 0) {
                gy = d;
            }
        }
        Mesh m = c.mesh();
        Mesh mesh = new Mesh(m.tilesX(), m.tilesY(), m.coresPerTile(), m.coresPerChip(), n, n / gy, gy);
        return new ChipConfig(c.name(), mesh, c.core(), c.router(), c.barrier(), c.learning(), c.staticPowerWatts(),
                c.events(), c.timeModel());
    }

    /**
     * @param file a chip YAML file
     * @return the validated configuration
     */
    public static ChipConfig load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new ChipConfigException(file + ": file not found");
        } catch (IOException e) {
            throw new ChipConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * @param yaml chip YAML text
     * @param source name for messages
     * @return the validated configuration
     */
    public static ChipConfig parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            String at = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new ChipConfigException(source + at + ": not valid YAML: " + e.getOriginalMessage().split("\n")[0]);
        }
        ChipReader top = new ChipReader(source, "", root, Set.of("format", "name", "mesh", "core", "router", "barrier",
                "learning", "static_power_w", "time_model"));
        String format = top.text("format");
        if (!FORMAT.equals(format)) {
            throw top.fail("format", "'" + format + "' is not supported; valid is " + FORMAT);
        }
        Mesh mesh = mesh(top.child("mesh", Set.of("tiles_x", "tiles_y", "cores_per_tile", "cores_per_chip", "chips",
                "chip_grid")));
        ChipReader coreReader = top.child("core", Set.of("max_neurons", "max_fan_in_axons", "max_fan_out_routes",
                "synapse_memory_bytes", "synapse_encoding", "neuron_state_bits", "clock_mhz", "synop",
                "neuron_update_active", "neuron_update_inactive", "spike_out", "message_receive", "events"));
        Core core = core(coreReader);
        List<Charge> events = ChargeReader.events(coreReader, core.encoding());
        ChipReader r = top.child("router", Set.of("topology", "hop_east_west", "hop_north_south", "within_tile_spike",
                "inter_chip", "link_bandwidth_msgs_per_ns", "buffer_depth", "multicast"));
        String topo = r.text("topology");
        if (!"mesh2d-xy".equals(topo)) {
            throw r.fail("router.topology", "'" + topo + "' is not supported; valid is mesh2d-xy");
        }
        Router router = new Router(topo, r.cost("hop_east_west"), r.cost("hop_north_south"), r.cost("within_tile_spike"),
                r.cost("inter_chip"), r.number("link_bandwidth_msgs_per_ns", 1e-9, 1e9, "messages/ns"),
                (int) r.integer("buffer_depth", 1, 1 << 20, "messages"), r.bool("multicast"));
        Barrier barrier = barrier(top.child("barrier", Set.of("table", "energy_pj", "interpolation")));
        ChipReader l = top.child("learning", Set.of("epoch_steps", "trace_bits", "update"));
        Learning learning = new Learning((int) l.integer("epoch_steps", 1, 1 << 20, "steps"),
                (int) l.integer("trace_bits", 1, 32, "bits"), l.cost("update"));
        return new ChipConfig(top.text("name"), mesh, core, router, barrier, learning,
                top.number("static_power_w", 0, 1e6, "W"), events, ChargeReader.timeModel(top));
    }

    private static Mesh mesh(ChipReader m) {
        int tx = (int) m.integer("tiles_x", 1, 1 << 16, "tiles");
        int ty = (int) m.integer("tiles_y", 1, 1 << 16, "tiles");
        int cpt = (int) m.integer("cores_per_tile", 1, 1 << 16, "cores");
        int cpc = (int) m.integer("cores_per_chip", 1, Integer.MAX_VALUE, "cores");
        long room = (long) tx * ty * cpt;
        if (cpc > room) {
            throw m.fail("mesh.cores_per_chip", cpc + " cores do not fit a " + tx + " x " + ty + " mesh of " + cpt
                    + " cores per tile (" + room + " places); valid is 1.." + room);
        }
        int chips = (int) m.integer("chips", 1, MAX_CHIPS, "chips");
        ChipReader g = m.child("chip_grid", Set.of("x", "y"));
        int gx = (int) g.integer("x", 1, 1 << 20, "chips");
        int gy = (int) g.integer("y", 1, 1 << 20, "chips");
        if ((long) gx * gy != chips) {
            throw m.fail("mesh.chip_grid", gx + " x " + gy + " chips do not link " + chips + " chips; the grid must hold"
                    + " exactly mesh.chips");
        }
        return new Mesh(tx, ty, cpt, cpc, chips, gx, gy);
    }

    private static Core core(ChipReader c) {
        ChipReader e = c.child("synapse_encoding", Set.of("weight_bits", "index_bits", "delay_bits", "word_bits", "formats",
                "axon_types"));
        int wb = (int) e.integer("weight_bits", 1, 64, "bits");
        int ib = (int) e.integer("index_bits", 0, 64, "bits");
        int db = (int) e.integer("delay_bits", 0, 64, "bits");
        int word = (int) e.integer("word_bits", 1, 1024, "bits");
        List<String> formats = e.texts("formats", Set.of("dense", "sparse", "shared"));
        int types = e.has("axon_types") ? (int) e.integer("axon_types", 1, 1 << 16, "types") : 0;
        SynapseEncoding enc = new SynapseEncoding(wb, ib, db, word, formats, types);
        for (String f : formats) {
            if (enc.bitsPerSynapse(f) > word) {
                throw e.fail("core.synapse_encoding", "the " + f + " format needs " + enc.bitsPerSynapse(f)
                        + " bits per synapse (weight " + wb + ", index " + ib + ", delay " + db + ") but a word holds "
                        + word + "; valid is at most word_bits");
            }
        }
        long mem = c.integer("synapse_memory_bytes", 1, MAX_BYTES, "bytes");
        return new Core((int) c.integer("max_neurons", 1, Integer.MAX_VALUE, "neurons"),
                (int) c.integer("max_fan_in_axons", 1, Integer.MAX_VALUE, "axons"),
                (int) c.integer("max_fan_out_routes", 1, Integer.MAX_VALUE, "routes"), mem, enc,
                (int) c.integer("neuron_state_bits", 1, 64, "bits"), c.number("clock_mhz", 1e-6, 1e6, "MHz"),
                c.cost("synop"), c.cost("neuron_update_active"), c.cost("neuron_update_inactive"), c.cost("spike_out"),
                c.cost("message_receive"));
    }

    private static Barrier barrier(ChipReader b) {
        JsonNode t = b.get("table");
        if (!t.isArray() || t.size() == 0) {
            throw b.fail("barrier.table", "must be a non-empty list of {tiles: N, time_ns: T}");
        }
        List<Integer> tiles = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            ChipReader e = new ChipReader(b.file(), "barrier.table[" + i + "]", t.get(i),
                    Set.of("tiles", "time_ns"));
            int n = (int) e.integer("tiles", 1, Integer.MAX_VALUE, "tiles");
            if (!tiles.isEmpty() && n <= tiles.get(tiles.size() - 1)) {
                throw b.fail("barrier.table[" + i + "].tiles", n + " must be larger than the entry before ("
                        + tiles.get(tiles.size() - 1) + "); list entries by ascending tiles");
            }
            tiles.add(n);
            times.add(e.number("time_ns", 0, 1e12, "ns"));
        }
        boolean step = false;
        if (b.has("interpolation")) {
            String mode = b.text("interpolation");
            if (!"linear".equals(mode) && !"step".equals(mode)) {
                throw b.fail("barrier.interpolation", "'" + mode + "' is not valid; valid are linear, step");
            }
            step = "step".equals(mode);
        }
        return new Barrier(List.copyOf(tiles), List.copyOf(times), b.number("energy_pj", 0, 1e15, "pJ"), step);
    }

    /**
     * Canonical YAML of a configuration (no comments); parse(toYaml(c)) equals c.
     *
     * @param c configuration
     * @return YAML text
     */
    public static String toYaml(ChipConfig c) {
        StringBuilder s = new StringBuilder();
        Mesh m = c.mesh();
        Core k = c.core();
        Router r = c.router();
        s.append("format: ").append(FORMAT).append('\n');
        s.append("name: ").append(c.name()).append('\n');
        s.append("mesh:\n  tiles_x: ").append(m.tilesX()).append("\n  tiles_y: ").append(m.tilesY())
                .append("\n  cores_per_tile: ").append(m.coresPerTile()).append("\n  cores_per_chip: ").append(m.coresPerChip())
                .append("\n  chips: ").append(m.chips()).append("\n  chip_grid: {x: ").append(m.chipGridX())
                .append(", y: ").append(m.chipGridY()).append("}\n");
        SynapseEncoding e = k.encoding();
        s.append("core:\n  max_neurons: ").append(k.maxNeurons()).append("\n  max_fan_in_axons: ").append(k.maxFanInAxons())
                .append("\n  max_fan_out_routes: ").append(k.maxFanOutRoutes()).append("\n  synapse_memory_bytes: ")
                .append(k.synapseMemoryBytes()).append("\n  synapse_encoding: {weight_bits: ").append(e.weightBits())
                .append(", index_bits: ").append(e.indexBits()).append(", delay_bits: ").append(e.delayBits())
                .append(", word_bits: ").append(e.wordBits()).append(", formats: [").append(String.join(", ", e.formats()))
                .append(']').append(e.axonTypes() > 0 ? ", axon_types: " + e.axonTypes() : "")
                .append("}\n  neuron_state_bits: ").append(k.neuronStateBits()).append("\n  clock_mhz: ")
                .append(num(k.clockMhz())).append('\n');
        cost(s, "synop", k.synop());
        cost(s, "neuron_update_active", k.neuronUpdateActive());
        cost(s, "neuron_update_inactive", k.neuronUpdateInactive());
        cost(s, "spike_out", k.spikeOut());
        cost(s, "message_receive", k.messageReceive());
        ChargeReader.appendEvents(s, c.events());
        s.append("router:\n  topology: ").append(r.topology()).append('\n');
        cost(s, "hop_east_west", r.hopEastWest());
        cost(s, "hop_north_south", r.hopNorthSouth());
        cost(s, "within_tile_spike", r.withinTileSpike());
        cost(s, "inter_chip", r.interChip());
        s.append("  link_bandwidth_msgs_per_ns: ").append(num(r.linkBandwidthMsgsPerNs())).append("\n  buffer_depth: ")
                .append(r.bufferDepth()).append("\n  multicast: ").append(r.multicast()).append('\n');
        s.append("barrier:\n  table:\n");
        for (int i = 0; i < c.barrier().tiles().size(); i++) {
            s.append("    - {tiles: ").append(c.barrier().tiles().get(i)).append(", time_ns: ")
                    .append(num(c.barrier().timeNs().get(i))).append("}\n");
        }
        s.append("  energy_pj: ").append(num(c.barrier().energyPj())).append('\n');
        if (c.barrier().step()) {
            s.append("  interpolation: step\n");
        }
        s.append("learning:\n  epoch_steps: ").append(c.learning().epochSteps()).append("\n  trace_bits: ")
                .append(c.learning().traceBits()).append('\n');
        cost(s, "update", c.learning().update());
        s.append("static_power_w: ").append(num(c.staticPowerWatts())).append('\n');
        if (c.timeModel() != TimeModel.PER_STEP) {
            s.append("time_model: ").append(c.timeModel().yaml()).append('\n');
        }
        return s.toString();
    }

    private static void cost(StringBuilder s, String name, Cost c) {
        s.append("  ").append(name).append(": {energy_pj: ").append(num(c.energyPj())).append(", time_ns: ")
                .append(num(c.timeNs())).append("}\n");
    }

    static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%s", Double.toString(d)).replace("E", "e");
    }
}
