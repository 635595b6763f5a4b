package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The followers' standard error, told once: real processes write lines on their standard error as followers would,
 * and the coordinator's relay tells each distinct line once, named by a partition that wrote it, without the lines
 * that repeat its own error.
 */
class FollowerErrorsTest {

    private static Process follower(String... lines) throws Exception {
        StringBuilder script = new StringBuilder();
        for (String l : lines) {
            script.append("echo '").append(l).append("' >&2; ");
        }
        return new ProcessBuilder("/bin/sh", "-c", script.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
    }

    private static List<String> relayed(FollowerErrors errors, String own) {
        StringWriter out = new StringWriter();
        errors.relay(new PrintWriter(out, true), own);
        return out.toString().lines().toList();
    }

    @Test
    void shouldTellEachLineOnceAndLeaveOutTheCoordinatorsOwnError() throws Exception {
        FollowerErrors errors = new FollowerErrors();
        String same = "spikemesh run: the network maps to 2 core(s); it can be split into at most 2 partitions, not 3";
        Process one = follower(same);
        one.waitFor();
        errors.read(one, 1);
        Process two = follower(same, "spikemesh run: out of memory in partition 2 alone");
        two.waitFor();
        errors.read(two, 2);
        // the coordinator failed with the same mistake: only what partition 2 alone had to say is told
        assertEquals(List.of("partition 2: spikemesh run: out of memory in partition 2 alone"),
                relayed(errors, "the network maps to 2 core(s); it can be split into at most 2 partitions, not 3"));
    }

    @Test
    void shouldTellWhatTheFollowersWroteWhenTheCoordinatorEndedWell() throws Exception {
        FollowerErrors errors = new FollowerErrors();
        for (int q = 1; q <= 3; q++) {
            Process p = follower("warning: slow disk");
            p.waitFor();
            errors.read(p, q);
        }
        // once, named by whichever partition's line was read first (their readers run side by side)
        List<String> told = relayed(errors, null);
        assertEquals(1, told.size(), told.toString());
        assertTrue(told.get(0).matches("partition [123]: warning: slow disk"), told.get(0));
    }
}
