package org.spikemesh.process.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spikemesh.process.ModelException;

/**
 * Reads matrices from side files referenced by a network file: CSV (one row per line, comma separated, '#' comments)
 * and NumPy {@code .npy} (versions 1-3, little-endian int8/16/32/64, uint8/16, float32/64, C order, 1-D or 2-D).
 */
public final class SideFiles {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private SideFiles() {
    }

    /**
     * @param file a .csv or .npy file
     * @return its rows
     * @throws ModelException naming the file and what is wrong
     */
    public static double[][] readMatrix(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            return name.endsWith(".npy") ? readNpy(file) : readCsv(file);
        } catch (NoSuchFileException e) {
            throw new ModelException(file + ": file not found");
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read: " + e.getMessage());
        }
    }

    static double[][] readCsv(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s*,\\s*");
            double[] row = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    row[i] = Double.parseDouble(parts[i]);
                } catch (NumberFormatException e) {
                    if (rows.isEmpty() && lineNo == 1) {
                        row = null; // a header line
                        break;
                    }
                    throw new ModelException(file + ":" + lineNo + ": '" + parts[i] + "' is not a number");
                }
            }
            if (row != null) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new ModelException(file + ": no rows of numbers");
        }
        return rows.toArray(new double[0][]);
    }

    static double[][] readNpy(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 10 || all[0] != (byte) 0x93 || all[1] != 'N' || all[2] != 'U' || all[3] != 'M'
                || all[4] != 'P' || all[5] != 'Y') {
            throw new ModelException(file + ": not a NumPy .npy file (bad magic)");
        }
        int major = all[6];
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int offset;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            offset = 10;
        } else {
            headerLen = bb.getInt(8);
            offset = 12;
        }
        String header = new String(all, offset, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new ModelException(file + ": unreadable .npy header: " + header.trim());
        }
        if (">".equals(d.group(1))) {
            throw new ModelException(file + ": big-endian .npy is not supported; save with dtype '<" + d.group(2) + d.group(3) + "'");
        }
        if ("True".equals(f.group(1))) {
            throw new ModelException(file + ": Fortran-order .npy is not supported; save a C-order array");
        }
        String[] dims = s.group(1).split(",");
        List<Integer> shape = new ArrayList<>();
        for (String x : dims) {
            if (!x.isBlank()) {
                shape.add(Integer.parseInt(x.trim()));
            }
        }
        if (shape.isEmpty() || shape.size() > 2) {
            throw new ModelException(file + ": .npy array must be 1-D or 2-D, has shape " + shape);
        }
        int rows = shape.size() == 2 ? shape.get(0) : 1;
        int cols = shape.size() == 2 ? shape.get(1) : shape.get(0);
        char kind = d.group(2).charAt(0);
        int width = Integer.parseInt(d.group(3));
        bb.position(offset + headerLen);
        long need = (long) rows * cols * width;
        if (bb.remaining() < need) {
            throw new ModelException(file + ": truncated .npy data: " + bb.remaining() + " bytes, shape needs " + need);
        }
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = readOne(bb, kind, width, file);
            }
        }
        return m;
    }

    private static double readOne(ByteBuffer bb, char kind, int width, Path file) {
        switch (kind) {
            case 'f':
                if (width == 8) {
                    return bb.getDouble();
                }
                if (width == 4) {
                    return bb.getFloat();
                }
                break;
            case 'i':
                switch (width) {
                    case 1: return bb.get();
                    case 2: return bb.getShort();
                    case 4: return bb.getInt();
                    case 8: return bb.getLong();
                    default: break;
                }
                break;
            case 'u':
                switch (width) {
                    case 1: return bb.get() & 0xff;
                    case 2: return bb.getShort() & 0xffff;
                    case 4: return bb.getInt() & 0xffffffffL;
                    default: break;
                }
                break;
            case 'b':
                return bb.get() != 0 ? 1 : 0;
            default:
                break;
        }
        throw new ModelException(file + ": .npy dtype '" + kind + width + "' is not supported; use int8..int64 or float32/64");
    }
}
