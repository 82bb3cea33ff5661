package dev.imagedrift.fetch;

import java.net.URI;

/**
 * A URI as it may appear in logs, metrics and dead-letter messages: scheme, host, port and path,
 * never the user info, query or fragment. Pre-signed object-store URLs carry their credentials in
 * the query string (X-Amz-Signature, X-Goog-Signature, an Azure SAS {@code sig}), so the query is
 * shown only as {@code ?<redacted>}. Long paths are cut.
 */
public final class RedactedUri {
    static final int MAX_PATH_CHARS = 200;

    private RedactedUri() {}

    public static String of(URI uri) {
        if (uri == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append(':');
        }
        if (uri.isOpaque()) {
            return out.append("<opaque>").toString();
        }
        if (uri.getHost() != null) {
            out.append("//").append(uri.getHost());
            if (uri.getPort() >= 0) {
                out.append(':').append(uri.getPort());
            }
        } else if (uri.getRawAuthority() != null) {
            out.append("//<authority>"); // a reg-name Java could not parse as a host may hide user info
        } else if ("file".equalsIgnoreCase(uri.getScheme())) {
            out.append("//");
        }
        String path = printable(uri.getRawPath() == null ? "" : uri.getRawPath());
        out.append(path.length() > MAX_PATH_CHARS ? path.substring(0, MAX_PATH_CHARS) + "..." : path);
        if (uri.getRawQuery() != null) {
            out.append("?<redacted>");
        }
        return out.toString();
    }

    /**
     * The path with every character outside printable ASCII percent-encoded (UTF-8), as it goes on
     * the wire: a raw path may hold any non-ASCII character, bidi overrides and zero-width ones
     * included, which would rewrite what an operator reads in a log or a dead-letter header.
     */
    static String printable(String rawPath) {
        StringBuilder out = new StringBuilder(rawPath.length());
        for (int i = 0; i < rawPath.length(); ) {
            int cp = rawPath.codePointAt(i);
            if (cp > 0x20 && cp < 0x7f) {
                out.append((char) cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /**
     * A library's message with every trace of {@code uri}'s secrets replaced: the whole URI, its
     * query and its user info. For exception messages, which may quote the request.
     */
    static String scrub(String message, URI uri) {
        if (message == null) {
            return "";
        }
        String out = message.replace(uri.toString(), of(uri));
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            out = out.replace(uri.getRawQuery(), "<redacted>");
        }
        if (uri.getRawUserInfo() != null && !uri.getRawUserInfo().isEmpty()) {
            out = out.replace(uri.getRawUserInfo(), "<redacted>");
        }
        return out.length() > 500 ? out.substring(0, 500) + "..." : out;
    }
}
