package dev.imagedrift.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * A URI an event names, checked against the rules every fetch obeys before the allow-list is
 * consulted, with the normal form the allow-list compares: scheme and host in lower case, the
 * port made explicit, percent-escapes in upper case. What is requested is the URI as written
 * (a pre-signed URL's signature covers it), without its fragment.
 *
 * <p>Refused outright ({@link FetchFailure#BAD_URI}), whatever the allow-list says: schemes other
 * than http, https and file; opaque URIs; user info in the authority (credentials, and the
 * {@code http://allowed.example@evil.example/} confusion); an http(s) URI without a host; a file
 * URI naming another host; and any path with a {@code .} or {@code ..} segment, also when
 * percent-encoded ({@code %2e%2e}), or with a backslash or control character once decoded. Dot
 * segments are refused rather than normalised because some servers and proxies resolve them
 * differently from the allow-list, and no object key an image pipeline writes needs them.
 *
 * @param uri     what is requested: as written, with the query, without the fragment
 * @param scheme  {@code http}, {@code https} or {@code file}
 * @param host    lower case; empty for file
 * @param port    the effective port (80, 443 when not given); -1 for file
 * @param rawPath the path as written, percent-escapes in upper case (for comparing); never empty
 */
public record ImageUri(URI uri, String scheme, String host, int port, String rawPath) {
    static final Set<String> SCHEMES = Set.of("http", "https", "file");

    /** Checks {@code uri}; the failure's message never contains the query or the user info. */
    public static ImageUri check(URI uri) throws FetchException {
        if (!uri.isAbsolute()) {
            throw bad("not an absolute URI (it needs a scheme: http, https or file)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw bad("unsupported scheme '" + printable(uri.getScheme()) + "': use http, https or file"
                    + " (an object store through a pre-signed https URL)");
        }
        if (uri.isOpaque()) {
            throw bad("an opaque URI (" + scheme + ":...) names no path; write " + scheme
                    + (scheme.equals("file") ? ":///absolute/path" : "://host/path"));
        }
        if (uri.getRawUserInfo() != null) {
            throw bad("user info in the authority (credentials, or user@host) is refused");
        }
        String host;
        int port;
        if (scheme.equals("file")) {
            String authority = uri.getRawAuthority();
            if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
                throw bad("a file URI must name a local path (file:///path), not the host '" + printable(authority) + "'");
            }
            if (uri.getRawQuery() != null) {
                throw bad("a file URI has no query");
            }
            host = "";
            port = -1;
        } else {
            if (uri.getHost() == null) {
                throw bad("an " + scheme + " URI needs a host name Java can parse (letters, digits, '-' and '.')");
            }
            host = uri.getHost().toLowerCase(Locale.ROOT);
            port = uri.getPort() >= 0 ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
        }
        String sentPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!sentPath.startsWith("/")) {
            throw bad("the path must be absolute");
        }
        checkDecodedPath(uri.getPath() == null ? "/" : uri.getPath());
        try {
            // Requested as given (only the fragment dropped, the scheme in lower case): a pre-signed
            // URL's signature covers its host, port and path exactly as they were written.
            URI requested = new URI(scheme + "://" + (scheme.equals("file") ? "" : uri.getRawAuthority())
                    + sentPath + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            return new ImageUri(requested, scheme, host, port, upperCaseEscapes(sentPath));
        } catch (URISyntaxException e) {
            throw bad("cannot be requested: " + e.getReason());
        }
    }

    /** A URI given as text: parsed, then {@link #check(URI)}; a syntax error names the position, not the text. */
    public static ImageUri parse(String text) throws FetchException {
        try {
            return check(new URI(text));
        } catch (URISyntaxException e) {
            throw bad("not a valid URI: " + e.getReason() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
    }

    public boolean isFile() {
        return scheme.equals("file");
    }

    /** The local path of a file URI (decoded). */
    public Path filePath() {
        return Path.of(uri.getPath());
    }

    /** For logs and dead-letter messages: without the query. */
    @Override
    public String toString() {
        return RedactedUri.of(uri);
    }


    private static void checkDecodedPath(String path) throws FetchException {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' || Character.isISOControl(c)) {
                throw bad("the path contains a backslash or a control character (also when percent-encoded)");
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw bad("dot segments ('.' or '..', also percent-encoded) in the path are refused");
            }
        }
    }

    /** {@code %2f} and {@code %2F} are the same octet; compare them as one. */
    static String upperCaseEscapes(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw);
        for (int i = raw.indexOf('%'); i >= 0 && i + 2 < raw.length(); i = raw.indexOf('%', i + 1)) {
            out.setCharAt(i + 1, Character.toUpperCase(raw.charAt(i + 1)));
            out.setCharAt(i + 2, Character.toUpperCase(raw.charAt(i + 2)));
        }
        return out.toString();
    }

    /** Text from the URI quoted in a message: short, and only where it cannot be a secret. */
    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static FetchException bad(String message) {
        return new FetchException(FetchFailure.BAD_URI, message);
    }
}
