package org.spikemesh.chip;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads and writes the optional fidelity fields of a chip file: {@code core.events} and {@code time_model}. */
final class ChargeReader {
    private static final Set<String> FIELDS = Set.of("name", "per", "format", "energy_pj", "time_ns");

    private ChargeReader() {
    }

    /**
     * @param core the reader of the {@code core} mapping
     * @param encoding the core's synapse encoding (a synop charge's format must be one of its formats)
     * @return the charges of {@code core.events}, empty when the field is absent
     */
    static List<Charge> events(ChipReader core, SynapseEncoding encoding) {
        if (!core.has("events")) {
            return List.of();
        }
        JsonNode list = core.get("events");
        if (!list.isArray()) {
            throw core.fail("core.events", "must be a list of {name, per, energy_pj, time_ns} (format optional)");
        }
        List<Charge> r = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "core.events[" + i + "]";
            ChipReader e = new ChipReader(core.file(), at, list.get(i), FIELDS);
            Charge c = charge(e, at, encoding);
            if (!names.add(c.name())) {
                throw e.fail(at + ".name", "'" + c.name() + "' is listed twice; valid is a name not used before");
            }
            r.add(c);
        }
        return List.copyOf(r);
    }

    private static Charge charge(ChipReader e, String at, SynapseEncoding encoding) {
        String name = e.text("name");
        if (name.isBlank()) {
            throw e.fail(at + ".name", "is empty; valid is a non-empty name");
        }
        String perName = e.text("per");
        ChargePer per = ChargePer.of(perName);
        if (per == null) {
            throw e.fail(at + ".per", "'" + perName + "' is not valid; valid are " + String.join(", ", ChargePer.names()));
        }
        String format = null;
        if (e.has("format")) {
            format = e.text("format");
            if (per != ChargePer.SYNOP) {
                throw e.fail(at + ".format", "is only valid with per: synop (this event is per: " + perName + ")");
            }
            if (!encoding.formats().contains(format)) {
                throw e.fail(at + ".format", "'" + format + "' is not valid; valid are the core's synapse formats "
                        + encoding.formats());
            }
        }
        Cost cost = new Cost(e.number("energy_pj", 0, 1e12, "pJ"), e.number("time_ns", 0, 1e12, "ns"));
        return new Charge(name, per, format, cost);
    }

    /**
     * @param top the reader of the top-level mapping
     * @return {@code time_model}, per-step when absent
     */
    static TimeModel timeModel(ChipReader top) {
        if (!top.has("time_model")) {
            return TimeModel.PER_STEP;
        }
        String name = top.text("time_model");
        TimeModel m = TimeModel.of(name);
        if (m == null) {
            throw top.fail("time_model", "'" + name + "' is not valid; valid are per-step, detailed");
        }
        return m;
    }

    /** Appends {@code core.events} in canonical form (nothing when there are none, so older files hash the same). */
    static void appendEvents(StringBuilder s, List<Charge> events) {
        if (events.isEmpty()) {
            return;
        }
        s.append("  events:\n");
        for (Charge c : events) {
            s.append("    - {name: ").append(c.name()).append(", per: ").append(c.per().yaml());
            if (c.format() != null) {
                s.append(", format: ").append(c.format());
            }
            s.append(", energy_pj: ").append(ChipConfigs.num(c.cost().energyPj())).append(", time_ns: ")
                    .append(ChipConfigs.num(c.cost().timeNs())).append("}\n");
        }
    }
}
