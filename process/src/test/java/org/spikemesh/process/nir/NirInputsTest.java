package org.spikemesh.process.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikemesh.process.ModelException;

class NirInputsTest {
    @Test
    void shouldGroupSpikesByInputAndIndex() {
        Map<String, Map<Integer, int[]>> m = NirInputs.parse(List.of("step,input,index", "7,input,0", "3,input,0",
                "3,input,2", "", "5,aux,1"), "in.csv");
        assertArrayEquals(new int[]{3, 7}, m.get("input").get(0));
        assertArrayEquals(new int[]{3}, m.get("input").get(2));
        assertArrayEquals(new int[]{5}, m.get("aux").get(1));
    }

    @Test
    void shouldNameTheFileAndLineOfABadRow() {
        assertEquals("in.csv:1: the header must be 'step,input,index'",
                assertThrows(ModelException.class, () -> NirInputs.parse(List.of("step,index"), "in.csv")).getMessage());
        assertEquals("in.csv:2: step 0 is invalid; steps start at 1", assertThrows(ModelException.class,
                () -> NirInputs.parse(List.of("step,input,index", "0,input,0"), "in.csv")).getMessage());
        assertEquals("in.csv:3: spike of 'input' index 0 at step 4 is given twice", assertThrows(ModelException.class,
                () -> NirInputs.parse(List.of("step,input,index", "4,input,0", "4,input,0"), "in.csv")).getMessage());
        assertEquals("in.csv:2: index 'x' is not an integer", assertThrows(ModelException.class,
                () -> NirInputs.parse(List.of("step,input,index", "4,input,x"), "in.csv")).getMessage());
    }
}
