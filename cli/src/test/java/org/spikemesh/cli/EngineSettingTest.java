package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code bench cuba --setting NAME=V1,V2,...}: what it accepts, what it refuses and saying why, and what it sets. */
class EngineSettingTest {
    private static final String NAME = "spikemesh.engine.test-setting";

    @Test
    void shouldGiveEachEntryOfThreadsItsValueAndLabel() {
        EngineSetting s = EngineSetting.parse(NAME + "=grouped, turns", 2);
        assertEquals(NAME, s.name());
        assertEquals("grouped", s.value(0));
        assertEquals("turns", s.value(1));
        assertEquals("test-setting=turns", s.label(1));
    }

    @Test
    void shouldSetThePropertyWhileBuildingAndPutBackWhatWasThere() {
        EngineSetting s = EngineSetting.parse(NAME + "=a,b", 2);
        assertNull(System.getProperty(NAME));
        assertEquals("a", s.building(0, () -> System.getProperty(NAME)));
        assertNull(System.getProperty(NAME), "a property that was not set is cleared again");
        System.setProperty(NAME, "before");
        try {
            assertEquals("b", s.building(1, () -> System.getProperty(NAME)));
            assertEquals("before", System.getProperty(NAME));
        } finally {
            System.clearProperty(NAME);
        }
        // a value the builder refuses: named, with the builder's reason, and the property put back all the same
        String refused = assertThrows(IllegalArgumentException.class, () -> s.building(1, () -> {
            throw new IllegalArgumentException("no b here");
        })).getMessage();
        assertEquals("--setting " + NAME + ", value 2 'b': no b here", refused);
        assertNull(System.getProperty(NAME));
    }

    @Test
    void shouldRefuseWhatIsNotOneValuePerEntryOfAnEngineProperty() {
        String noValue = assertThrows(IllegalArgumentException.class, () -> EngineSetting.parse(NAME, 1)).getMessage();
        assertTrue(noValue.contains("expected NAME=V1,V2,..."), noValue);
        String other = assertThrows(IllegalArgumentException.class,
                () -> EngineSetting.parse("user.home=a,b", 2)).getMessage();
        assertTrue(other.contains("a chip engine property (spikemesh.engine.NAME"), other);
        String bare = assertThrows(IllegalArgumentException.class,
                () -> EngineSetting.parse("spikemesh.engine.=a", 1)).getMessage();
        assertTrue(bare.contains("expected NAME=V1,V2,..."), bare);
        String count = assertThrows(IllegalArgumentException.class,
                () -> EngineSetting.parse(NAME + "=a,b,c", 2)).getMessage();
        assertTrue(count.contains("3 values for 2 entries of --threads"), count);
        String empty = assertThrows(IllegalArgumentException.class,
                () -> EngineSetting.parse(NAME + "=a,", 2)).getMessage();
        assertTrue(empty.contains("a value is empty"), empty);
    }
}
