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
            throw new ModelException(file + ": cannot read: " + IoErrors.reason(e));
        }
    }

    /**
     * Reads a CSV matrix. The first line is a header when none of its cells is a number (e.g. post,pre,weight); a
     * first line with a number in it is data, so a typo there is reported rather than lost with a header.
     */
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
            if (lineNo == 1 && isHeader(parts)) {
                continue;
            }
            rows.add(row(file, lineNo, parts));
        }
        if (rows.isEmpty()) {
            throw new ModelException(file + ": no rows of numbers");
        }
        return rows.toArray(new double[0][]);
    }

    /** @return true when none of the cells is a number: the names of the columns */
    private static boolean isHeader(String[] cells) {
        for (String c : cells) {
            if (number(c) != null) {
                return false;
            }
        }
        return true;
    }

    private static Double number(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** @return the line's cells as numbers, or an error naming the file, line and column of a cell that is none */
    private static double[] row(Path file, int lineNo, String[] parts) {
        double[] row = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Double v = number(parts[i]);
            if (v == null) {
                throw new ModelException(file + ":" + lineNo + ": column " + (i + 1) + ": '" + parts[i]
                        + "' is not a number");
            }
            row[i] = v;
        }
        return row;
    }

    static double[][] readNpy(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 10 || all[0] != (byte) 0x93 || all[1] != 'N' || all[2] != 'U' || all[3] != 'M'
                || all[4] != 'P' || all[5] != 'Y') {
            throw new ModelException(file + ": not a NumPy .npy file (bad magic)");
        }
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int offset = headerStart(file, all);
        long headerLen = offset == 10 ? bb.getShort(8) & 0xffff : bb.getInt(8) & 0xffffffffL;
        if (offset + headerLen > all.length) {
            throw new ModelException(file + ": .npy header length " + headerLen + " runs past the end of the file ("
                    + all.length + " bytes); the file is truncated or not a .npy file");
        }
        String header = new String(all, offset, (int) headerLen, StandardCharsets.ISO_8859_1);
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
        char kind = d.group(2).charAt(0);
        int width = width(file, kind, d.group(3));
        long[] shape = shape(file, s.group(1));
        int rows = shape.length == 2 ? (int) shape[0] : 1;
        int cols = (int) shape[shape.length - 1];
        bb.position(offset + (int) headerLen);
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

    /** @return where the header starts: after a 2-byte length in version 1, a 4-byte one in versions 2 and 3 */
    private static int headerStart(Path file, byte[] all) {
        int major = all[6];
        if (major < 1 || major > 3) {
            throw new ModelException(file + ": .npy format version " + major + " is not supported; valid are 1, 2"
                    + " and 3");
        }
        if (major > 1 && all.length < 12) {
            throw new ModelException(file + ": .npy file ends inside its header (" + all.length + " bytes)");
        }
        return major == 1 ? 10 : 12;
    }

    /** @return the width in bytes of a dtype NumPy writes and this reader reads */
    private static int width(Path file, char kind, String digits) {
        String dtype = kind + digits;
        boolean ok = switch (kind) {
            case 'f' -> dtype.equals("f4") || dtype.equals("f8");
            case 'i' -> dtype.equals("i1") || dtype.equals("i2") || dtype.equals("i4") || dtype.equals("i8");
            case 'u' -> dtype.equals("u1") || dtype.equals("u2") || dtype.equals("u4");
            case 'b' -> dtype.equals("b1");
            default -> false;
        };
        if (!ok) {
            throw new ModelException(file + ": .npy dtype '" + dtype + "' is not supported; use int8..int64,"
                    + " uint8..uint32, bool or float32/64");
        }
        return Integer.parseInt(digits);
    }

    /**
     * @param dims the inside of the header's shape tuple, e.g. "2, 3,"
     * @return the dimensions: one or two, each from 0 to Integer.MAX_VALUE
     */
    private static long[] shape(Path file, String dims) {
        List<Long> shape = new ArrayList<>();
        for (String x : dims.split(",")) {
            if (x.isBlank()) {
                continue;
            }
            long n;
            try {
                n = Long.parseLong(x.trim());
            } catch (NumberFormatException e) {
                throw new ModelException(file + ": .npy shape (" + dims.trim() + ") has '" + x.trim() + "', not a"
                        + " whole number");
            }
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new ModelException(file + ": .npy shape (" + dims.trim() + ") has dimension " + n + "; valid is"
                        + " 0.." + Integer.MAX_VALUE);
            }
            shape.add(n);
        }
        if (shape.isEmpty() || shape.size() > 2) {
            throw new ModelException(file + ": .npy array must be 1-D or 2-D, has shape " + shape);
        }
        return shape.stream().mapToLong(Long::longValue).toArray();
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
