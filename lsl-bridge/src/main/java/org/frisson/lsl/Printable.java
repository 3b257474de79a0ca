package org.frisson.lsl;

/**
 * Text taken from the network or a file (a stream's name, a marker) made fit for a one-line message: control
 * characters, line breaks among them, are shown as {@code '?'}, and a name is cut to {@link #MAX_NAME_CHARS}.
 */
public final class Printable {

    /** The longest name a message quotes in full. */
    public static final int MAX_NAME_CHARS = 120;

    private Printable() {
    }

    /** The text with control characters shown as {@code '?'}; {@code null} as "null". */
    public static String of(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s.substring(0, i));
                }
                sb.append('?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** A name in quotes for a message: printable, and cut (saying its length) when longer than {@link #MAX_NAME_CHARS}. */
    public static String name(String s) {
        String p = of(s);
        if (p.length() > MAX_NAME_CHARS) {
            p = p.substring(0, MAX_NAME_CHARS) + "… (" + p.length() + " characters)";
        }
        return "'" + p + "'";
    }
}
