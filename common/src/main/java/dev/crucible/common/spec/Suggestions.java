package dev.crucible.common.spec;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for near misses: a wrong case, up to two typos (one for short words), or the start of exactly
 * one candidate ({@code deploy} for {@code deployment}).
 */
final class Suggestions {

    private Suggestions() {
    }

    static Optional<String> closest(String given, Collection<String> candidates) {
        String lower = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int tolerance = Math.min(given.length(), best == null ? 0 : best.length()) >= 5 ? 2 : 1;
        if (best != null && bestDistance <= tolerance) {
            return Optional.of(best);
        }
        List<String> extending = given.length() < 3 ? List.of()
                : candidates.stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith(lower)).toList();
        return extending.size() == 1 ? Optional.of(extending.getFirst()) : Optional.empty();
    }

    /** {@code " (did you mean 'x'?)"}, or nothing. */
    static String hint(String given, Collection<String> candidates) {
        return closest(given, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    // Optimal string alignment distance: a swap of neighbours (sampels) counts as one typo, not two.
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
