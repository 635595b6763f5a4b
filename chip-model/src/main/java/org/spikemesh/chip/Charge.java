package org.spikemesh.chip;

/**
 * One extra per-event cost of a core ({@code core.events}), charged on top of the fixed cost fields: its energy and
 * time times the number of events named by {@code per}. A synop charge may be limited to one synapse format.
 *
 * @param name the event's name (unique in the list; reported and documented, not interpreted)
 * @param per the counted event it multiplies
 * @param format for {@link ChargePer#SYNOP}: dense, sparse or shared, or null for every format
 * @param cost energy and time of one event
 */
public record Charge(String name, ChargePer per, String format, Cost cost) {
    /**
     * @param synapseFormat the format of a core's synapses (dense, sparse, shared or none)
     * @return whether this charge applies to synops of that format
     */
    public boolean appliesToFormat(String synapseFormat) {
        return format == null || format.equals(synapseFormat);
    }
}
