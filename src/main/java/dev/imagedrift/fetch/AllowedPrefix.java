package dev.imagedrift.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * One entry of {@code fetch.allowed-prefixes}: {@code https://bucket.s3.eu-west-1.amazonaws.com/images/},
 * {@code http://10.0.0.7:9000/frames/}, {@code file:///mnt/frames/}.
 *
 * <p>A URI matches when its scheme, host and port equal the prefix's and its path starts with the
 * prefix's path at a segment boundary: {@code /images} allows {@code /images/a.jpg} but not
 * {@code /images-private/a.jpg}. Hosts are compared as names, never as substrings, so
 * {@code https://example.com} does not allow {@code https://example.com.evil.test/}. A file
 * prefix names a root directory; what a matching path resolves to (symbolic links followed) must
 * lie under that root's real path too, which {@link FileSource} checks when it opens the file.
 */
public record AllowedPrefix(ImageUri prefix) {

    /** Parses one entry; an entry the monitor could never match, or one with a query, is an error. */
    public static AllowedPrefix parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid URI: " + e.getReason());
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + RedactedUri.of(uri) + "' has a query or fragment;"
                    + " a prefix is scheme://host[:port]/path/ (queries of pre-signed URLs are not part of it)");
        }
        try {
            return new AllowedPrefix(ImageUri.check(uri));
        } catch (FetchException e) {
            throw new IllegalArgumentException("'" + RedactedUri.of(uri) + "': " + e.getMessage());
        }
    }

    public boolean matches(ImageUri uri) {
        if (!uri.scheme().equals(prefix.scheme()) || !uri.host().equals(prefix.host()) || uri.port() != prefix.port()) {
            return false;
        }
        if (prefix.isFile()) {
            return uri.filePath().startsWith(root()); // component-wise: /data does not allow /data2
        }
        String p = prefix.rawPath();
        String path = uri.rawPath();
        return path.startsWith(p) && (p.endsWith("/") || path.length() == p.length() || path.charAt(p.length()) == '/');
    }

    /** The root directory of a file prefix. */
    public Path root() {
        return prefix.filePath();
    }

    public boolean isFile() {
        return prefix.isFile();
    }

    @Override
    public String toString() {
        return prefix.toString();
    }
}
