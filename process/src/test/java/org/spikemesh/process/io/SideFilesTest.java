package org.spikemesh.process.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikemesh.process.ModelException;

/** Side files of weights and synapses: a CSV header told from a first row with a typo, malformed .npy files. */
class SideFilesTest {

    @Test
    void shouldSkipAHeaderOfNamesOnly(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("syn.csv");
        Files.writeString(f, "post,pre,weight\n0,1,7\n1,0,-3\n");
        assertArrayEquals(new double[][]{{0, 1, 7}, {1, 0, -3}}, SideFiles.readMatrix(f));
    }

    @Test
    void shouldReportATypoInTheFirstRowInsteadOfTakingItForAHeader(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.csv");
        Files.writeString(f, "1,2o\n3,4\n5,6\n");
        ModelException e = assertThrows(ModelException.class, () -> SideFiles.readMatrix(f));
        assertEquals(f + ":1: column 2: '2o' is not a number", e.getMessage());
    }

    @Test
    void shouldNameLineAndColumnOfABadCellFurtherDown(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.csv");
        Files.writeString(f, "# weights\n1,2\nx,4\n");
        ModelException e = assertThrows(ModelException.class, () -> SideFiles.readMatrix(f));
        assertEquals(f + ":3: column 1: 'x' is not a number", e.getMessage());
    }

    /** @return a version-1 .npy file with the header given and the data bytes after it */
    static byte[] npy(String header, int declaredLength, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer bb = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        bb.putShort((short) declaredLength).put(h).put(data);
        return bb.array();
    }

    static byte[] npy(String header) {
        return npy(header, header.length(), new byte[16]);
    }

    @Test
    void shouldReadAWellFormedNpy(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.npy");
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1)
                .putShort((short) -2).putShort((short) 3).putShort((short) 4);
        String header = "{'descr': '<i2', 'fortran_order': False, 'shape': (2, 2), }\n";
        Files.write(f, npy(header, header.length(), data.array()));
        assertArrayEquals(new double[][]{{1, -2}, {3, 4}}, SideFiles.readMatrix(f));
    }

    @Test
    void shouldRefuseAHeaderLongerThanTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.npy");
        Files.write(f, npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }\n", 60000, new byte[0]));
        ModelException e = assertThrows(ModelException.class, () -> SideFiles.readMatrix(f));
        assertEquals(f + ": .npy header length 60000 runs past the end of the file (70 bytes); the file is"
                + " truncated or not a .npy file", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(-1, 2)          | .npy shape (-1, 2) has dimension -1; valid is 0..2147483647",
        "(99999999999, 2) | .npy shape (99999999999, 2) has dimension 99999999999; valid is 0..2147483647",
        "(2, x)           | .npy shape (2, x) has 'x', not a whole number",
        "(2, 99999999999999999999) | .npy shape (2, 99999999999999999999) has '99999999999999999999', not a whole number",
        "(1, 2, 3)        | .npy array must be 1-D or 2-D, has shape [1, 2, 3]"})
    void shouldRefuseImpossibleShapes(String shape, String expected, @TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.npy");
        Files.write(f, npy("{'descr': '<i4', 'fortran_order': False, 'shape': " + shape + ", }\n"));
        ModelException e = assertThrows(ModelException.class, () -> SideFiles.readMatrix(f));
        assertEquals(f + ": " + expected, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"<i99999999999", "<c16", "<u8", "<f2"})
    void shouldRefuseDtypesItCannotRead(String dtype, @TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.npy");
        Files.write(f, npy("{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (1, 1), }\n"));
        ModelException e = assertThrows(ModelException.class, () -> SideFiles.readMatrix(f));
        assertEquals(f + ": .npy dtype '" + dtype.substring(1) + "' is not supported; use int8..int64, uint8..uint32,"
                + " bool or float32/64", e.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownFormatVersion(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.npy");
        byte[] b = npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1, 1), }\n");
        b[6] = 9;
        Files.write(f, b);
        ModelException e = assertThrows(ModelException.class, () -> SideFiles.readMatrix(f));
        assertTrue(e.getMessage().startsWith(f + ": .npy format version 9 is not supported"), e.getMessage());
    }
}
