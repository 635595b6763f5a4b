package org.spikemesh.process.nir;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikemesh.process.ModelException;

/**
 * Reads a NIR HDF5 file: {@code /version}, {@code /node/type = NIRGraph}, {@code /node/edges} (E x 2 strings, or a
 * group of {@code src} and {@code dst} string datasets) and
 * {@code /node/nodes/NAME/type} with the node's parameters as datasets; a nested {@code NIRGraph} node repeats the
 * layout. Plain, chunked and gzip-compressed datasets are read alike (by jHDF). Metadata groups are skipped.
 */
public final class NirReader {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private final String file;

    private NirReader(String file) {
        this.file = file;
    }

    /**
     * Reads a NIR file.
     *
     * @param path the .nir file
     * @return the file's version and graph
     * @throws ModelException with one line naming the file (and node) for a missing file, a file that is not HDF5,
     *                        one that holds no NIR graph, or a malformed node
     */
    public static NirFile read(Path path) {
        return withFile(path, "a NIR graph is stored as HDF5, as written by nir.write", "cannot read the HDF5 file",
                (name, f) -> {
                    NirReader r = new NirReader(name);
                    String version = null;
                    Node v = f.getChildren().get("version");
                    if (v instanceof Dataset) {
                        version = r.text((Dataset) v, "/version");
                    }
                    Node node = f.getChildren().get("node");
                    if (!(node instanceof Group)) {
                        throw new ModelException(name + ": not a NIR graph: the HDF5 file has no group /node (it has "
                                + f.getChildren().keySet() + ")");
                    }
                    Group g = (Group) node;
                    String type = r.typeOf(g, "/node");
                    if (!"NIRGraph".equals(type)) {
                        throw new ModelException(name + ": not a NIR graph: /node/type is '" + type
                                + "', expected NIRGraph");
                    }
                    return new NirFile(name, version, r.graph(g, ""));
                });
    }

    /** What is read from an open HDF5 file, given the file's name for messages. */
    interface FileBody<T> {
        T read(String name, HdfFile f);
    }

    /**
     * Opens an HDF5 file, reads it and closes it, with one-line errors naming the file: missing, not HDF5 (saying
     * how the content is stored), or unreadable.
     *
     * @param path the file
     * @param storedAs how the expected content is stored, for the not-HDF5 message
     * @param readError what failed, for other errors
     * @param body what to read
     * @return what body read
     */
    static <T> T withFile(Path path, String storedAs, String readError, FileBody<T> body) {
        String name = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new ModelException(name + ": file not found");
        }
        HdfFile hdf;
        try {
            hdf = new HdfFile(path);
        } catch (RuntimeException e) {
            throw new ModelException(name + ": not an HDF5 file (" + storedAs + ")");
        }
        try (HdfFile f = hdf) {
            return body.read(name, f);
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelException(name + ": " + readError + ": " + e.getMessage());
        }
    }

    /**
     * Tells a NIR file from a network file before reading it: a name ending in {@code .nir} or a file that starts
     * with the HDF5 signature.
     *
     * @param path a file
     * @return true when it should be read as NIR
     */
    public static boolean looksLikeNir(Path path) {
        Path name = path.getFileName();
        if (name != null && name.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".nir")) {
            return true;
        }
        return isHdf5(path);
    }

    /**
     * @param path a file
     * @return true when it starts with the HDF5 signature
     */
    public static boolean isHdf5(Path path) {
        try (java.io.InputStream in = Files.newInputStream(path)) {
            return java.util.Arrays.equals(in.readNBytes(HDF5_SIGNATURE.length), HDF5_SIGNATURE);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private String typeOf(Group g, String where) {
        Node t = g.getChildren().get("type");
        if (!(t instanceof Dataset)) {
            throw new ModelException(file + ": " + where + " has no 'type' dataset; every NIR node names its type");
        }
        return text((Dataset) t, where + "/type");
    }

    private NirGraph graph(Group g, String prefix) {
        String where = prefix.isEmpty() ? "graph" : "graph '" + prefix + "'";
        Node nodesNode = g.getChildren().get("nodes");
        if (!(nodesNode instanceof Group)) {
            throw new ModelException(file + ": " + where + " has no 'nodes' group");
        }
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        for (Node child : ((Group) nodesNode).getChildren().values()) {
            if (!(child instanceof Group)) {
                throw new ModelException(file + ": node '" + prefix + child.getName() + "' is not a group");
            }
            nodes.put(child.getName(), node((Group) child, child.getName(), prefix + child.getName()));
        }
        List<NirEdge> edges = new ArrayList<>();
        Node e = g.getChildren().get("edges");
        if (e instanceof Dataset) {
            Dataset d = (Dataset) e;
            if (!d.isEmpty()) {
                Object flat = d.getDataFlat();
                if (!(flat instanceof String[])) {
                    throw new ModelException(file + ": " + where + ": 'edges' must hold strings (E x 2 node names)");
                }
                String[] s = (String[]) flat;
                if (s.length % 2 != 0) {
                    throw new ModelException(file + ": " + where + ": 'edges' must be E x 2 node names, has " + s.length + " values");
                }
                for (int i = 0; i < s.length; i += 2) {
                    edges.add(new NirEdge(s[i], s[i + 1]));
                }
            }
        } else if (e instanceof Group) {
            edges.addAll(srcDst((Group) e, where));
        } else if (e != null) {
            throw new ModelException(file + ": " + where + ": 'edges' must be a dataset of E x 2 node names");
        }
        return new NirGraph(nodes, edges);
    }

    /** Edges written as a group of two string datasets {@code src} and {@code dst} of equal length. */
    private List<NirEdge> srcDst(Group g, String where) {
        String[] src = names(g, "src", where);
        String[] dst = names(g, "dst", where);
        if (src.length != dst.length) {
            throw new ModelException(file + ": " + where + ": edges/src has " + src.length + " names, edges/dst "
                    + dst.length + "; they pair up");
        }
        List<NirEdge> r = new ArrayList<>();
        for (int i = 0; i < src.length; i++) {
            r.add(new NirEdge(src[i], dst[i]));
        }
        return r;
    }

    private String[] names(Group g, String key, String where) {
        Node n = g.getChildren().get(key);
        Object data = n instanceof Dataset ? ((Dataset) n).getDataFlat() : null;
        if (data instanceof String) {
            return new String[]{(String) data};
        }
        if (!(data instanceof String[])) {
            throw new ModelException(file + ": " + where + ": 'edges' is a group without a string dataset '" + key
                    + "'; edges are E x 2 names, or edges/src and edges/dst");
        }
        return (String[]) data;
    }

    private NirNode node(Group g, String name, String qualified) {
        String type = typeOf(g, "node '" + qualified + "'");
        Map<String, NirArray> numbers = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        NirGraph sub = null;
        if ("NIRGraph".equals(type)) {
            sub = graph(g, qualified + ".");
        }
        for (Node c : g.getChildren().values()) {
            if (!(c instanceof Dataset) || c.getName().equals("type") || (sub != null && c.getName().equals("edges"))) {
                continue;
            }
            Dataset d = (Dataset) c;
            Object data = d.isScalar() ? d.getData() : d.getDataFlat();
            if (data instanceof String) {
                texts.put(c.getName(), (String) data);
            } else if (data instanceof String[]) {
                String[] s = (String[]) data;
                texts.put(c.getName(), String.join(",", s));
            } else {
                numbers.put(c.getName(), new NirArray(d.isScalar() ? new int[0] : d.getDimensions(),
                        numbers(data, qualified, c.getName())));
            }
        }
        return new NirNode(name, type, numbers, texts, sub);
    }

    private double[] numbers(Object data, String node, String key) {
        if (data instanceof Number) {
            return new double[]{((Number) data).doubleValue()};
        }
        if (data instanceof Boolean) {
            return new double[]{((Boolean) data) ? 1 : 0};
        }
        if (data == null || !data.getClass().isArray()) {
            throw new ModelException(file + ": node '" + node + "': parameter '" + key + "' is not numeric");
        }
        int n = Array.getLength(data);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            Object x = Array.get(data, i);
            if (x instanceof Number) {
                r[i] = ((Number) x).doubleValue();
            } else if (x instanceof Boolean) {
                r[i] = ((Boolean) x) ? 1 : 0;
            } else {
                throw new ModelException(file + ": node '" + node + "': parameter '" + key + "' is not numeric");
            }
        }
        return r;
    }

    private String text(Dataset d, String where) {
        Object data = d.getData();
        if (data instanceof String) {
            return (String) data;
        }
        if (data instanceof String[] && ((String[]) data).length == 1) {
            return ((String[]) data)[0];
        }
        throw new ModelException(file + ": " + where + " must be a string");
    }
}
