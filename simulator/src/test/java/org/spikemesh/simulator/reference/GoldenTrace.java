package org.spikemesh.simulator.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses the Lava golden trace: per step spikes, u and v of lif1 (3) and lif2 (2). */
final class GoldenTrace {
    final List<int[][]> rows = new ArrayList<>();

    static GoldenTrace load() throws IOException {
        GoldenTrace g = new GoldenTrace();
        try (InputStream in = GoldenTrace.class.getResourceAsStream("/lava-golden/lif_dense_lif_fixed_pt.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] cols = line.split("\\|");
                int[][] row = new int[7][];
                row[0] = new int[]{Integer.parseInt(cols[0].trim())};
                for (int c = 1; c <= 6; c++) {
                    String[] parts = cols[c].trim().split(",");
                    row[c] = new int[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        row[c][i] = Integer.parseInt(parts[i].trim());
                    }
                }
                g.rows.add(row);
            }
        }
        return g;
    }
}
