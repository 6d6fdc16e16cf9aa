package dev.crucible.coordinator.report;

import java.util.Locale;

/** Escaping and number formats shared by the report, its figures and the dashboard. */
final class Html {
    private Html() {
    }

    /** Text for element content and quoted attribute values: model-written text is never markup. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * JSON for a {@code <script type="application/json">} element: {@code </} would end the element early, so it
     * is written {@code <\/}, which JSON reads back as the same text.
     */
    static String scriptJson(String json) {
        return json.replace("</", "<\\/");
    }

    static String percent(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f%%", value * 100);
    }

    /** Coordinates in SVG: one decimal is finer than a pixel. */
    static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
