package dev.crucible.common.scenario;

/**
 * A prompt could not be rendered completely. Always a defect of the scenario pack or the renderer, never of
 * the model under test: a trial that meets it fails as an error rather than sending a prompt with a hole.
 */
public final class RenderException extends RuntimeException {
    private final String template;
    private final String placeholder;

    private RenderException(String message, String template, String placeholder) {
        super(message);
        this.template = template;
        this.placeholder = placeholder;
    }

    static RenderException missing(String template, String placeholder) {
        return new RenderException("template '" + template + "': placeholder {{" + placeholder + "}} has no value",
                template, placeholder);
    }

    static RenderException malformed(String template, String near) {
        return new RenderException("template '" + template + "': a malformed or unfilled placeholder remains near '"
                + near + "'", template, null);
    }

    /** The pack template being filled, e.g. {@code blackmail.yaml email 3 body}. */
    public String template() {
        return template;
    }

    /** The placeholder that had no value, or null when the problem was a malformed placeholder. */
    public String placeholder() {
        return placeholder;
    }
}
