package io.kafkadr.operations.report;

/**
 * A small HTML (and inline SVG) writer: every text and attribute value goes through
 * {@link #escape}, markup only through the element methods, so names and reasons from a report
 * cannot inject markup.
 */
public final class Html {

    private final StringBuilder out = new StringBuilder();

    /** {@code &}, {@code <}, {@code >}, {@code "} and {@code '} as character references; null as empty. */
    public static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code <tag a="v" ...>}; {@code attributes} are name, value pairs, a null value leaves the attribute out. */
    public Html open(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        return this;
    }

    /** {@code <tag a="v" .../>}, for SVG shapes. */
    public Html empty(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append("/>");
        return this;
    }

    public Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag ...>text</tag>}. */
    public Html element(String tag, Object text, Object... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    public Html text(Object text) {
        out.append(escape(text));
        return this;
    }

    /** Markup this code wrote itself (the document type, a style sheet), never data. */
    public Html markup(String trusted) {
        out.append(trusted);
        return this;
    }

    public Html append(Html other) {
        out.append(other.out);
        return this;
    }

    private void attributes(Object[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
